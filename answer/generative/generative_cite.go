package generative

import (
	"regexp"
	"strings"

	"footnote/answer"
	"footnote/retrieval"
)

// citedRe matches one rewritten marker, [n].
var citedRe = regexp.MustCompile(`\[(\d+)\]`)

// minClaimTerms is the fewest index terms a clause needs to stand alone as
// a claim; "According to [2], …" has one and needs what follows.
const minClaimTerms = 2

// citations builds the Citation of each cited passage: its article, and as
// the quote the passage sentence that supports the claims citing it, cut
// at word boundaries around the words they share.
func citations(c checked, passages []retrieval.Passage) []answer.Citation {
	out := make([]answer.Citation, len(c.cited))
	for i, pn := range c.cited {
		p := passages[pn-1]
		span := c.quotes[pn]
		if span.End <= span.Start {
			span = retrieval.Span{Start: 0, End: len(p.Text)}
		}
		sent := p.Text[span.Start:span.End]
		from, to := sharedSpan(sent, citingClaims(c, i+1))
		out[i] = answer.FromPassage(i+1, p)
		out[i].Quote = answer.Excerpt(sent, from, to, maxQuote)
		out[i].Start, out[i].End = p.Start+span.Start, p.Start+span.End
	}
	return out
}

// citingClaims joins the text of the claims that cite citation n.
func citingClaims(c checked, n int) string {
	var b strings.Builder
	for _, cl := range c.claims {
		for _, x := range cl.Citations {
			if x == n {
				b.WriteString(cl.Text)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// sharedSpan returns the byte span of sent from the first to the last word
// it shares with claims, or the whole sentence when it shares none.
func sharedSpan(sent, claims string) (int, int) {
	want := map[string]bool{}
	for _, t := range retrieval.Analyze(claims) {
		want[t] = true
	}
	from, to := -1, 0
	pos := 0
	for _, f := range strings.Fields(sent) {
		i := strings.Index(sent[pos:], f) + pos
		pos = i + len(f)
		for _, t := range retrieval.Analyze(f) {
			if want[t] {
				if from < 0 {
					from = i
				}
				to = i + len(f)
			}
		}
	}
	if from < 0 {
		return 0, len(sent)
	}
	return from, to
}
