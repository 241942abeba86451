package eval

import (
	"fmt"
	"path"
	"strings"

	"footnote/answer"
)

// Grade decides whether a is a correct answer to c and, when it is not,
// says why. An answer must agree with c.Expect.Answered; an answered one
// must also hold one AnswerAny phrase, one phrase of every AnswerAll group
// (case- and accent-insensitive), and cite one SourcesAny file when the case
// names any.
func Grade(c Case, a answer.Answer) (correct bool, reasons []string) {
	switch {
	case a.Answered && !c.Expect.Answered:
		return false, []string{"answered, but the corpus has no answer"}
	case !a.Answered && c.Expect.Answered:
		return false, []string{"declined, but the corpus has the answer"}
	case !a.Answered:
		return true, nil
	}
	text := normalize(a.Text)
	if len(c.Expect.AnswerAny) > 0 && !containsAny(text, c.Expect.AnswerAny) {
		reasons = append(reasons, fmt.Sprintf("answer lacks any of %s", quoteList(c.Expect.AnswerAny)))
	}
	for _, group := range c.Expect.AnswerAll {
		if !containsAny(text, group) {
			reasons = append(reasons, fmt.Sprintf("answer lacks any of %s", quoteList(group)))
		}
	}
	if len(c.Expect.SourcesAny) > 0 && !citesAny(a.Citations, c.Expect.SourcesAny) {
		reasons = append(reasons, fmt.Sprintf("no citation of %s", strings.Join(c.Expect.SourcesAny, ", ")))
	}
	return len(reasons) == 0, reasons
}

// containsAny reports whether normalised text holds one of phrases.
func containsAny(text string, phrases []string) bool {
	for _, p := range phrases {
		if q := normalize(p); q != "" && strings.Contains(text, q) {
			return true
		}
	}
	return false
}

// citesAny reports whether a citation names one of the files.
func citesAny(cites []answer.Citation, files []string) bool {
	for _, c := range cites {
		if inSources(c.Source, files) {
			return true
		}
	}
	return false
}

// inSources reports whether source is one of files. Names are compared by
// base name, so a corpus loaded from a sub-directory still matches.
func inSources(source string, files []string) bool {
	base := path.Base(strings.ReplaceAll(source, "\\", "/"))
	for _, f := range files {
		if source == f || base == path.Base(f) {
			return true
		}
	}
	return false
}

// quoteList renders phrases as "a" | "b" for a reason line.
func quoteList(phrases []string) string {
	q := make([]string, len(phrases))
	for i, p := range phrases {
		q[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(q, " | ")
}
