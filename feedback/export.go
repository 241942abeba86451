package feedback

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Case is a question-set case in the qa.jsonl format, made from a 👎 vote.
// Expect is left for a person to fill in: what a right answer holds.
type Case struct {
	ID       string     `json:"id"`
	Question string     `json:"question"`
	Kind     string     `json:"kind"`
	Expect   CaseExpect `json:"expect"`
	Note     string     `json:"note"`
}

// CaseExpect is the expectation of an exported case: Answered defaults to
// true, the phrase and source lists are empty for a person to fill.
type CaseExpect struct {
	Answered   bool     `json:"answered"`
	AnswerAny  []string `json:"answer_any"`
	SourcesAny []string `json:"sources_any"`
}

// Export writes one case per distinct question voted 👎 in recs, in order
// of first vote, as JSON Lines. The note quotes what the bot answered and
// cited, so the person filling the expectation sees what went wrong. It
// returns how many cases it wrote.
func Export(w io.Writer, recs []Record) (int, error) {
	seen := map[string]bool{}
	n := 0
	for _, r := range recs {
		q := strings.Join(strings.Fields(r.Question), " ")
		if r.Vote != Down || q == "" || seen[strings.ToLower(q)] {
			continue
		}
		seen[strings.ToLower(q)] = true
		n++
		var cited []string
		for _, c := range r.Citations {
			cited = append(cited, c.Source)
		}
		c := Case{
			ID:       fmt.Sprintf("fb%03d", n),
			Question: q,
			Kind:     "feedback",
			Expect:   CaseExpect{Answered: true, AnswerAny: []string{}, SourcesAny: []string{}},
			Note:     fmt.Sprintf("voted down %s; the bot answered (%s): %q citing %s", r.Time.UTC().Format("2006-01-02"), r.Mode, r.Answer, strings.Join(cited, ", ")),
		}
		b, err := json.Marshal(c)
		if err != nil {
			return n, fmt.Errorf("feedback export: %w", err)
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return n, fmt.Errorf("feedback export: %w", err)
		}
	}
	return n, nil
}
