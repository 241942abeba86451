package extractive

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"footnote/answer"
)

// Composition thresholds.
const (
	// minEvidence is the weighted share of the question the best sentence
	// (with a little of its passage) must hold for the answerer to answer:
	// clearly more than half. Below it the articles are about something
	// else ("the population of Istanbul" finds Istanbul, not population).
	minEvidence = 0.55
	// minGain is the share of the question an extra sentence must add, and
	// minExtraCoverage the share it must hold on its own.
	minGain          = 0.25
	minExtraCoverage = 0.4
	// extraScoreShare is how close to the best an extra sentence must score.
	extraScoreShare = 0.6
	// conflictScoreShare is how close a sentence from another article must
	// score to be shown as a differing account; it must also carry enough
	// evidence to be an answer on its own.
	conflictScoreShare = 0.7
	// duplicateOverlap is the share of shared stems above which two
	// sentences say the same thing.
	duplicateOverlap = 0.7
	// maxQuoteBytes trims citation quotes.
	maxQuoteBytes = 300
)

// declineText is the whole reply when the articles hold no answer.
const declineText = "The articles don't say."

// pick is one sentence of an answer with the extra sources that say the
// same thing.
type pick struct {
	candidate
	also []candidate
}

// compose chooses the sentences of the answer: the best one, then sentences
// that answer a part of the question the chosen ones leave open, or that
// give a different figure from another article. ok is false when the
// evidence is too weak to answer at all.
func compose(q question, cands []candidate, maxSentences int) (picks []pick, conflict bool, ok bool) {
	if len(cands) == 0 {
		return nil, false, false
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })
	// The answer opens with the best-scoring sentence that carries enough
	// evidence; when none does, the articles don't say.
	first := slices.IndexFunc(cands, func(c candidate) bool { return c.evidence >= minEvidence && givesType(q, c) })
	if first < 0 {
		return nil, false, false
	}
	best := cands[first]
	picks = []pick{{candidate: best}}
	if c, ok := continuation(q, best); ok && maxSentences > 1 {
		picks = append(picks, pick{candidate: c})
	}
	covered := slices.Clone(best.credit)
	for _, c := range cands[first+1:] {
		if len(picks) >= maxSentences {
			break
		}
		if i := duplicateOf(picks, c); i >= 0 {
			if len(picks[i].also) == 0 && c.passage.Source != picks[i].passage.Source {
				picks[i].also = append(picks[i].also, c)
			}
			continue
		}
		switch {
		case answersMore(q, covered, c, best):
		case differsInFigure(q, picks, c) && c.evidence >= minEvidence && c.score >= conflictScoreShare*best.score:
			conflict = true
		default:
			continue
		}
		picks = append(picks, pick{candidate: c})
		for i := range covered {
			covered[i] = max(covered[i], c.credit[i])
		}
	}
	return picks, conflict, true
}

// givesType reports whether c, or the sentence it leads into, holds the
// kind of answer a question of a specific type asks for: a figure for "how
// many", a date for "when", a holder of the office for "who is the
// Turkish president". A sentence on the topic without it answers nothing,
// and quoting it would pass a near miss off as the answer.
func givesType(q question, c candidate) bool {
	if figurePattern(q.cue) == nil && len(q.roles) == 0 {
		return true
	}
	if c.cue > 0 {
		return true
	}
	_, ok := continuation(q, c)
	return ok
}

// answersMore reports whether c answers a part of a question about several
// subjects that the picks leave open: it adds a good share of the question,
// holds a fair share on its own, carries the kind of answer asked for, and
// scores near the best.
func answersMore(q question, covered []float64, c, best candidate) bool {
	return q.coordinated &&
		gain(q, covered, c) >= minGain &&
		c.coverage >= minExtraCoverage &&
		(q.cue == cueNone || c.cue >= 1) &&
		c.score >= extraScoreShare*best.score
}

// gain is the weighted share of the question c holds beyond covered.
// Frame words do not count: a second sentence that only adds "took place"
// answers nothing new.
func gain(q question, covered []float64, c candidate) float64 {
	if q.total == 0 {
		return 0
	}
	both := make([]float64, len(covered))
	for i := range covered {
		both[i] = max(covered[i], c.credit[i])
	}
	return (q.heldOf(both, false) - q.heldOf(covered, false)) / q.total
}

// continuation returns the sentence after best when it carries the answer
// best lacks and starts by pointing back to it ("Russia says it is ready to
// discuss a ceasefire. But it has raised concerns, saying ...").
func continuation(q question, best candidate) (candidate, bool) {
	if q.cue == cueNone || best.cue >= 1 || best.next == nil {
		return candidate{}, false
	}
	next := *best.next
	if next.cue < 1 || !pointsBack(next.text) {
		return candidate{}, false
	}
	return next, true
}

// pointsBack reports whether a sentence opens with a pronoun or connective
// that refers to the sentence before it.
func pointsBack(s string) bool {
	first := strings.ToLower(strings.TrimFunc(strings.SplitN(s, " ", 2)[0], func(r rune) bool {
		return !unicode.IsLetter(r)
	}))
	switch first {
	case "it", "he", "she", "they", "this", "that", "these", "those", "his", "her",
		"its", "their", "but", "however", "yet", "still", "so", "then":
		return true
	}
	return false
}

// isPicked reports whether c is already one of the picks.
func isPicked(picks []pick, c candidate) bool {
	return slices.ContainsFunc(picks, func(p pick) bool {
		return p.passage.Source == c.passage.Source && p.start == c.start
	})
}

// duplicateOf returns the index of the pick c repeats, or -1.
func duplicateOf(picks []pick, c candidate) int {
	for i, p := range picks {
		if overlap(p.stems, c.stems) >= duplicateOverlap {
			return i
		}
	}
	return -1
}

// overlap is the share of the smaller stem set found in the other.
func overlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for s := range a {
		if b[s] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// differsInFigure reports whether c, from an article none of the picks
// comes from, answers a question about a quantity with a figure none of the
// picks gives ("about two hours" against "just over 90 minutes").
func differsInFigure(q question, picks []pick, c candidate) bool {
	re := figurePattern(q.cue)
	if re == nil || c.cue == 0 {
		return false
	}
	theirs := figures(re, c.text, q.words)
	if len(theirs) == 0 {
		return false
	}
	for _, p := range picks {
		ours := figures(re, p.text, q.words)
		if p.passage.Source == c.passage.Source || len(ours) == 0 {
			return false
		}
		for _, f := range ours {
			if slices.Contains(theirs, f) {
				return false
			}
		}
	}
	return true
}

// figurePattern is the pattern of the figures a question about a quantity
// asks for, or nil when it asks for none.
func figurePattern(t answerType) *regexp.Regexp {
	switch t {
	case cueDuration:
		return reDuration
	case cueNumber:
		return reNumber
	case cueShare:
		return reShare
	case cueTime:
		return reClock
	case cueDate:
		return reYear
	}
	return nil
}

// figures lists the lower-cased figures re finds in s that add to the
// question.
func figures(re *regexp.Regexp, s string, qwords map[string]bool) []string {
	var out []string
	for _, m := range re.FindAllString(s, -1) {
		if addsWords(m, qwords) {
			out = append(out, strings.ToLower(m))
		}
	}
	return out
}

// block is the answer to one part of a question.
type block struct {
	question string
	picks    []pick
	conflict bool
	ok       bool
}

// render writes the answer text and its citations: each sentence followed
// by its [n] markers, a part whose sources disagree under a "Sources
// differ:" line, and a part the articles cannot answer as a short
// statement. A sentence already quoted for an earlier part is not repeated.
func render(blocks []block) (string, []answer.Citation) {
	var paras []string
	var cites []answer.Citation
	var shown []pick
	for _, b := range blocks {
		if !b.ok {
			paras = append(paras, "The articles don't say: "+strings.TrimRight(b.question, "?.! ")+"?")
			continue
		}
		var lines []string
		picks := b.picks
		if b.conflict {
			picks = newestFirst(picks)
		}
		for _, p := range picks {
			if isPicked(shown, p.candidate) {
				continue
			}
			shown = append(shown, p)
			markers := ""
			for _, c := range append([]candidate{p.candidate}, p.also...) {
				n := len(cites) + 1
				cites = append(cites, citationOf(n, c))
				markers += fmt.Sprintf("[%d]", n)
			}
			line := p.text + " " + markers
			if b.conflict && p.passage.Date != "" {
				line = p.passage.Date + ": " + line // sources that disagree say when they wrote
			}
			lines = append(lines, line)
		}
		switch {
		case len(lines) == 0:
		case b.conflict && len(lines) > 1:
			paras = append(paras, "Sources differ:\n"+strings.Join(lines, "\n"))
		default:
			paras = append(paras, strings.Join(lines, " "))
		}
	}
	return strings.Join(paras, "\n"), cites
}

// newestFirst orders the sentences of a part whose sources disagree by
// their articles' dates, newest first (undated last, ties as ranked), so
// the reader sees the latest report first.
func newestFirst(picks []pick) []pick {
	out := slices.Clone(picks)
	slices.SortStableFunc(out, func(a, b pick) int { return strings.Compare(b.passage.Date, a.passage.Date) })
	return out
}

// citationOf cites sentence c as marker n.
func citationOf(n int, c candidate) answer.Citation {
	cite := answer.FromPassage(n, c.passage)
	cite.Quote = answer.ShortQuote(c.text, maxQuoteBytes)
	cite.Start, cite.End = c.start, c.end
	return cite
}
