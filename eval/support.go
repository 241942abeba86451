package eval

import "footnote/answer"

// SupportStats is the citation support of a run's checked answers (the LLM
// path checks every claim against its passages): how many claims were
// checked, and what share a cited passage supported as written, after a
// marker moved, or not at all.
type SupportStats struct {
	Answers int `json:"answers"` // answers whose claims were checked
	answer.CheckStats
	// Supported counts claims left with a supporting citation.
	Supported int `json:"supported"`
}

// Rate returns n as a share of the checked claims (0 when none were).
func (s SupportStats) Rate(n int) float64 {
	if s.Checked == 0 {
		return 0
	}
	return float64(n) / float64(s.Checked)
}

// Support adds up the claim checks of results. ok is false when no answer
// was checked (the extractive engine does not check claims).
func Support(results []Result) (s SupportStats, ok bool) {
	for _, r := range results {
		c := r.Answer.Check
		if c == nil {
			continue
		}
		s.Answers++
		s.Checked += c.Checked
		s.Moved += c.Moved
		s.Dropped += c.Dropped
		s.Unsupported += c.Unsupported
		s.Supported += c.Checked - c.Unsupported
	}
	return s, s.Answers > 0
}
