package extractive

import (
	"slices"
	"strings"

	"footnote/retrieval"
)

// candidate is one sentence of a retrieved passage, scored against the
// question.
type candidate struct {
	passage retrieval.Passage
	rank    int // of the passage, 0 = best
	// start and end are the sentence's byte span in the article's text.
	start, end int
	text       string
	tokens     []string // analysed, in order
	stems      map[string]bool
	// credit is how much of each question term (by index) the sentence
	// holds, in [0, 1].
	credit []float64
	// coverage is the weighted share of the question the sentence holds;
	// evidence adds a little for terms found only around it in the passage.
	coverage, evidence float64
	cue                float64
	score              float64
	// next is the sentence that follows in the passage, nil at its end.
	next *candidate
}

// Scoring weights. Coverage of the question dominates; the rest breaks ties
// between sentences that hold the same terms.
const (
	contextShare   = 0.3   // credit for a term found in the passage, not the sentence
	cueBonus       = 0.3   // the sentence holds the kind of thing asked for
	priorBonus     = 0.1   // "former" for a question about "before"
	rankBonus      = 0.08  // the passage ranked first
	proximityBonus = 0.15  // all neighbouring question words stand together
	echoPenalty    = 0.25  // the sentence adds nothing the question lacks
	missingCueCut  = 0.85  // evidence kept when a typed question's sentence lacks the type
	strictCueCut   = 0.7   // the same when it asks for a figure or an office
	longSentence   = 45    // words; longer sentences dilute the answer
	longPenalty    = 0.002 // per word beyond longSentence
)

// candidates splits passages into sentences and scores each. A sentence
// seen in two overlapping passages of one article is kept once, with the
// better rank. missing is a name of the question whose words no passage
// mostly holds: a question about something the articles never name. The
// words must stand in one passage: "World" in one article and "Cup" in
// another do not make the "World Cup".
func candidates(q question, passages []retrieval.Passage) (out []candidate, missing string) {
	type key struct {
		source     string
		start, end int
	}
	seen := map[key]bool{}
	nameSeen := make([]int, len(q.names)) // most words of each name in one passage
	for rank, p := range passages {
		sents, ctx := splitPassage(p, rank)
		prev := -1 // index in out of the sentence before, when kept
		for _, c := range sents {
			scoreCandidate(q, &c, ctx, len(passages))
			if prev >= 0 && out[prev].next == nil {
				next := c
				out[prev].next = &next
			}
			k := key{p.Source, c.start, c.end}
			if seen[k] {
				prev = -1
				continue
			}
			seen[k] = true
			out = append(out, c)
			prev = len(out) - 1
		}
		for n, name := range q.names {
			seen := 0
			for _, i := range name {
				if termCredit(q.terms[i], ctx) > 0 {
					seen++
				}
			}
			nameSeen[n] = max(nameSeen[n], seen)
		}
	}
	for n, name := range q.names {
		if 2*nameSeen[n] < len(name) {
			return out, q.terms[name[0]].word
		}
	}
	return out, ""
}

// splitPassage cuts p into unscored sentence candidates and returns them
// with the stems of the whole passage and its title, each text analysed
// once.
func splitPassage(p retrieval.Passage, rank int) ([]candidate, map[string]bool) {
	ctx := stemSet(retrieval.Analyze(p.Title))
	var sents []candidate
	for _, sp := range retrieval.Sentences(p.Text) {
		c := candidate{
			passage: p, rank: rank, start: p.Start + sp.Start, end: p.Start + sp.End,
			text: cleanSentence(p.Text[sp.Start:sp.End]),
		}
		c.tokens = retrieval.Analyze(c.text)
		c.stems = stemSet(c.tokens)
		for s := range c.stems {
			ctx[s] = true
		}
		sents = append(sents, c)
	}
	return sents, ctx
}

// scoreCandidate fills in c's credit, coverage, evidence and score.
func scoreCandidate(q question, c *candidate, ctx map[string]bool, npassages int) {
	c.credit = make([]float64, len(q.terms))
	around := make([]float64, len(q.terms))
	for i, t := range q.terms {
		c.credit[i] = termCredit(t, c.stems)
		if t.verb && c.credit[i] == 1 && onlyNounUse(t.stem, c.text) {
			c.credit[i] = nounUseCredit
		}
		around[i] = max(c.credit[i], termCredit(t, ctx))
	}
	if q.total > 0 {
		held := q.held(c.credit)
		c.coverage = held / q.total
		c.evidence = (held + contextShare*(q.held(around)-held)) / q.total
	}
	if q.cue != cueNone {
		c.cue = cueScore(q.cue, c.text, q.words)
		keep := missingCueCut
		if len(q.roles) > 0 && !holdsRoles(c.text, q.roles, q.countries) {
			// A name without the office asked about is someone else.
			c.cue = 0
		}
		focusCut(q, c)
		if q.cue == cueNumber && len(q.counted) > 0 && !countsNoun(q.counted[0], c.text, q.words) {
			// A figure that counts something else is no answer.
			c.cue = 0
		}
		if figurePattern(q.cue) != nil || len(q.roles) > 0 {
			keep = strictCueCut
		}
		c.evidence *= keep + (1-keep)*c.cue
	}
	// A cue lifts a sentence only as far as the sentence is on topic: a
	// date in a sentence about something else answers nothing.
	c.score = c.evidence + cueBonus*c.cue*min(1, 2*c.evidence) + proximityBonus*proximity(q, c.tokens)
	if q.prior && rePrior.MatchString(c.text) {
		c.score += priorBonus
	}
	c.score += rankBonus * (1 - float64(c.rank)/float64(max(npassages, 1)))
	c.score -= echoPenalty * echo(q, c.stems)
	if n := len(strings.Fields(c.text)); n > longSentence {
		c.score -= longPenalty * float64(n-longSentence)
	}
}

// termCredit is how much of term t a sentence with stems holds: 1 for the
// stem itself, 0.9 for an equivalent name or a stem sharing a long prefix
// ("zelenski" / "zelenskyy"), 0.6 for a shorter shared prefix ("minist" /
// "ministri").
func termCredit(t queryTerm, stems map[string]bool) float64 {
	if stems[t.stem] {
		return 1
	}
	best := 0.0
	for s := range stems {
		best = max(best, matchCredit(t, s))
	}
	return best
}

// matchCredit is how much the analysed word tok stands for term t.
func matchCredit(t queryTerm, tok string) float64 {
	switch {
	case tok == t.stem:
		return 1
	case slices.Contains(t.alts, tok):
		return 0.9
	case prefixRelated(t.stem, tok):
		if commonPrefix(t.stem, tok) >= longPrefix {
			return 0.9 // "zelenski" / "zelenskyy": one name, spelt two ways
		}
		return 0.6
	}
	return 0
}

// proximityWindow is how far apart, in analysed words, two neighbouring
// question words may stand in a sentence and still count as a phrase
// ("Ukraine's delegation" / "the Ukrainian delegation was led").
const proximityWindow = 2

// proximity is the share of the question's neighbouring word pairs that
// stand close together in the sentence.
func proximity(q question, tokens []string) float64 {
	if len(q.pairs) == 0 {
		return 0
	}
	near := 0
	for _, p := range q.pairs {
		a, b := positions(q.terms[p[0]], tokens), positions(q.terms[p[1]], tokens)
		if anyWithin(a, b, proximityWindow) {
			near++
		}
	}
	return float64(near) / float64(len(q.pairs))
}

// positions lists where term t occurs among tokens.
func positions(t queryTerm, tokens []string) []int {
	var out []int
	for i, tok := range tokens {
		if matchCredit(t, tok) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// anyWithin reports whether some position of a and some of b are at most
// window apart.
func anyWithin(a, b []int, window int) bool {
	for _, i := range a {
		for _, j := range b {
			if d := i - j; d != 0 && d >= -window && d <= window {
				return true
			}
		}
	}
	return false
}

// prefixRelated reports whether two stems share a prefix of at least five
// letters covering most of the shorter one: spelling variants and
// derivations the stemmer leaves apart.
func prefixRelated(a, b string) bool {
	n := commonPrefix(a, b)
	shorter := min(len(a), len(b))
	return n >= 5 && float64(n) >= 0.75*float64(shorter)
}

// longPrefix is the shared prefix length from which two related stems are
// taken for the same word.
const longPrefix = 7

// commonPrefix is the length in bytes of the prefix a and b share.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// echo is in [0, 1]: 1 when a sentence holds no content word beyond the
// question's, falling to 0 at three new words. A sentence that only repeats
// the question answers nothing.
func echo(q question, stems map[string]bool) float64 {
	asked := map[string]bool{}
	for _, t := range q.terms {
		asked[t.stem] = true
	}
	novel := 0
	for s := range stems {
		if !asked[s] {
			novel++
		}
	}
	return max(0, 1-float64(novel)/3)
}

func stemSet(stems []string) map[string]bool {
	out := make(map[string]bool, len(stems))
	for _, s := range stems {
		out[s] = true
	}
	return out
}

// cleanSentence collapses the white space inside a sentence.
func cleanSentence(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
