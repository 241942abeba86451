package answer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/lexicon"
	"footnote/retrieval"
)

// ValidQuestion trims q and rejects an empty or overlong one.
func ValidQuestion(q string, maxRunes int) (string, error) {
	q = strings.TrimSpace(q)
	if len(retrieval.Words(q)) == 0 {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(q); n > maxRunes {
		return "", fmt.Errorf("%w: %d characters, limit %d", ErrQuestionTooLong, n, maxRunes)
	}
	return q, nil
}

// maxFollowUpDepth bounds how many earlier questions enrich a follow-up.
const maxFollowUpDepth = 2

// SearchQuery is the retrieval query for q: q itself, or, when q leans on
// the conversation ("and who led Russia's?", "what was his previous
// job?"), the earlier questions it leans on, the names the last answer
// gave, then q. So the search finds the delegation passages, or the
// passages about the person the last answer named, and not whatever
// mentions "Russia's". The model still gets q and the history separately
// to work out what is asked.
func SearchQuery(q string, history []Turn) string {
	if !LeansOnHistory(q) {
		return q
	}
	parts := []string{q}
	if n := len(history); n > 0 {
		if names := AnswerNames(history[n-1].Answer); len(names) > 0 {
			parts = append([]string{strings.Join(names, " ")}, parts...)
		}
	}
	for i, added := len(history)-1, 0; i >= 0 && added < maxFollowUpDepth; i-- {
		h := strings.TrimSpace(history[i].Question)
		if h == "" {
			continue
		}
		parts = append([]string{h}, parts...)
		added++
		if !LeansOnHistory(h) {
			break
		}
	}
	return strings.Join(parts, " ")
}

// boldRe matches a bold span, the form a direct answer leads with.
var boldRe = regexp.MustCompile(`\*\*([^*\n]{1,80})\*\*`)

// AnswerNames returns the names an answer text gives: runs of capitalised
// words that do not open a sentence, plus bold spans ("**Rustem Umerov**"),
// in order, without duplicates. Markers and declines give none.
func AnswerNames(text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		n = strings.Trim(n, " *,.;:!?\"'“”‘’()[]")
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, m := range boldRe.FindAllStringSubmatch(text, -1) {
		add(m[1])
	}
	text = boldRe.ReplaceAllString(text, ".")
	var run []string
	flush := func() {
		if len(run) > 0 {
			add(strings.Join(run, " "))
			run = run[:0]
		}
	}
	sentenceStart := true
	for _, f := range strings.Fields(text) {
		w := strings.Trim(f, "*\"'“”‘’()[],;:")
		r, _ := utf8.DecodeRuneInString(w)
		if w != "" && unicode.IsUpper(r) && !sentenceStart {
			run = append(run, w)
		} else {
			flush()
		}
		sentenceStart = strings.HasSuffix(f, ".") || strings.HasSuffix(f, "?") || strings.HasSuffix(f, "!") || strings.HasSuffix(f, "—")
		if strings.ContainsAny(f, ",;:") || sentenceStart {
			flush()
		}
	}
	flush()
	return out
}

// LeansOnHistory reports whether q needs the conversation to be understood:
// it opens like a continuation, points back with a pronoun, or names at
// most one thing of its own ("Why?", "Russia's?").
func LeansOnHistory(q string) bool {
	words := retrieval.Words(q)
	if len(words) == 0 {
		return false
	}
	if lexicon.StartsFollowUp(words) {
		return true
	}
	content := 0
	for _, w := range words {
		if lexicon.IsBackReference(w) {
			return true
		}
		if !retrieval.IsStopword(w) && !framesQuestion(w) {
			content++
		}
	}
	return content <= 1 && len(words) <= 3
}

// framesQuestion reports whether w frames a question without naming its
// subject: a question word, an auxiliary, or a vague quantity ("how many",
// "how much").
func framesQuestion(w string) bool {
	return lexicon.IsQuestionWord(w) || lexicon.IsAuxiliary(w) || lexicon.IsVagueQuantity(w)
}
