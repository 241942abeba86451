package generative

import (
	"regexp"
	"strconv"
	"strings"

	"footnote/answer"

	"footnote/retrieval"
)

// maxGenerativeQuote caps a citation's quote, in bytes.
const maxGenerativeQuote = 200

// citedRe matches one rewritten marker, [n].
var citedRe = regexp.MustCompile(`\[(\d+)\]`)

// citations builds the Citation of each cited passage: its article, and as
// the quote the passage sentence that shares most words with the answer
// sentences citing it.
func citations(r filteredReply, passages []retrieval.Passage) []answer.Citation {
	contexts := citingText(r.text)
	out := make([]answer.Citation, len(r.cited))
	for i, pn := range r.cited {
		p := passages[pn-1]
		span := bestSentence(p.Text, contexts[i+1])
		out[i] = answer.Citation{
			N:      i + 1,
			Source: p.Source,
			Title:  p.Title,
			Quote:  answer.ShortQuote(p.Text[span.Start:span.End], maxGenerativeQuote),
			Start:  p.Start + span.Start,
			End:    p.Start + span.End,
		}
	}
	return out
}

// citingText maps each citation number to the answer text of the
// sentences that cite it, markers removed.
func citingText(text string) map[int]string {
	out := map[int]string{}
	for _, loc := range citedRe.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(text[loc[2]:loc[3]])
		s := citedRe.ReplaceAllString(sentenceAround(text, loc[0], loc[1]), " ")
		out[n] += s + " "
	}
	return out
}

// sentenceAround returns the answer text a marker at [start,end) cites:
// the claim since the previous marker or sentence end ("… and lasted two
// hours [1]"), the sentence it closes ("led it. [2]"), or, when the marker
// comes first ("According to [2], …"), the rest of its sentence.
func sentenceAround(text string, start, end int) string {
	// Markers just before this one ("[1][2]") belong to the same spot.
	before := strings.TrimRight(trailingMarkersRe.ReplaceAllString(text[:start], ""), " \t")
	const stops = ".!?\n"
	if strings.HasSuffix(before, ".") || strings.HasSuffix(before, "!") || strings.HasSuffix(before, "?") {
		before = before[:len(before)-1]
	}
	from := strings.LastIndexAny(before, stops) + 1
	if loc := citedRe.FindAllStringIndex(before[from:], -1); len(loc) > 0 {
		from += loc[len(loc)-1][1]
	}
	claim := before[from:]
	if len(retrieval.Analyze(claim)) >= minClaimTerms {
		return claim
	}
	tail := text[end:]
	if i := strings.IndexAny(tail, stops); i >= 0 {
		tail = tail[:i+1]
	}
	return claim + " " + tail
}

// minClaimTerms is the fewest index terms a claim before a marker needs to
// stand alone; "According to [2], …" has one and needs what follows.
const minClaimTerms = 2

// trailingMarkersRe matches the markers (and blanks) a text ends with.
var trailingMarkersRe = regexp.MustCompile(`(?:[ \t]*\[\d+\])+[ \t]*$`)

// bestSentence returns the span of the passage sentence sharing the most
// index terms with context; the first sentence when none shares any.
func bestSentence(passage, context string) retrieval.Span {
	spans := retrieval.Sentences(passage)
	if len(spans) == 0 {
		return retrieval.Span{Start: 0, End: len(passage)}
	}
	want := map[string]bool{}
	for _, t := range retrieval.Analyze(context) {
		want[t] = true
	}
	best, bestScore := spans[0], 0
	for _, sp := range spans {
		score := 0
		seen := map[string]bool{}
		for _, t := range retrieval.Analyze(passage[sp.Start:sp.End]) {
			if want[t] && !seen[t] {
				seen[t] = true
				score++
			}
		}
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	return best
}
