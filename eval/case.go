package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Case is one question of a question set with what a correct answer holds.
type Case struct {
	ID       string `json:"id"`       // unique within the set, e.g. "v01"
	Question string `json:"question"` // the question as a user would ask it
	// Kind groups cases in the summary: fact, paraphrase, conflict, multi,
	// typo, followup, unanswerable, stretch.
	Kind   string `json:"kind"`
	Expect Expect `json:"expect"` // what a correct answer holds
	// History holds earlier questions of the same conversation, oldest
	// first, for follow-up cases ("and Russia's?"). Empty for most cases.
	History []string `json:"history,omitempty"`
	// Note is a free remark for humans; grading ignores it.
	Note string `json:"note,omitempty"`
	// Article names the article an unanswerable case was written on (its
	// Expect has no sources), for per-article reports.
	Article string `json:"article,omitempty"`
}

// ArticleKey is the article a case belongs to in per-article reports:
// Article when set, else its one expected source, else "" (no single
// article).
func (c Case) ArticleKey() string {
	switch {
	case c.Article != "":
		return c.Article
	case len(c.Expect.SourcesAny) == 1:
		return c.Expect.SourcesAny[0]
	}
	return ""
}

// Expect is what a correct answer to a Case looks like.
type Expect struct {
	// Answered is false when the corpus has no answer and the bot must say so.
	Answered bool `json:"answered"`
	// AnswerAny: the answer text holds at least one of these phrases.
	AnswerAny []string `json:"answer_any,omitempty"`
	// AnswerAll: the answer text holds one phrase of every group.
	AnswerAll [][]string `json:"answer_all,omitempty"`
	// SourcesAny: at least one citation names one of these files.
	SourcesAny []string `json:"sources_any,omitempty"`
}

// ErrNoCases is returned by Load for a question set without a case (an
// empty or all-blank file).
var ErrNoCases = errors.New("no questions in the set")

// maxLine bounds one JSON line; a question set is small, a longer line is a
// broken file rather than a case.
const maxLine = 1 << 20

// Load reads a question set in JSON Lines form. Blank lines are skipped and
// unknown fields are tolerated, so a set may carry extra annotations. A
// malformed line, a case without id or question, or a repeated id is an
// error naming the line; a set without cases is ErrNoCases.
func Load(r io.Reader) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var cases []Case
	seen := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		c, err := parseCase(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if prev, dup := seen[c.ID]; dup {
			return nil, fmt.Errorf("line %d: id %q already used on line %d", n, c.ID, prev)
		}
		seen[c.ID] = n
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read question set: %w", err)
	}
	if len(cases) == 0 {
		return nil, ErrNoCases
	}
	return cases, nil
}

// parseCase decodes and checks one line.
func parseCase(line string) (Case, error) {
	var c Case
	if err := json.Unmarshal([]byte(line), &c); err != nil {
		return Case{}, fmt.Errorf("bad JSON: %w", err)
	}
	switch {
	case strings.TrimSpace(c.ID) == "":
		return Case{}, errors.New("case has no id")
	case strings.TrimSpace(c.Question) == "":
		return Case{}, fmt.Errorf("case %q has no question", c.ID)
	}
	for i, group := range c.Expect.AnswerAll {
		if len(group) == 0 {
			return Case{}, fmt.Errorf("case %q: answer_all group %d is empty", c.ID, i+1)
		}
	}
	return c, nil
}
