package extractive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/answer"

	"footnote/retrieval"
)

// checkedTerms analyses q with the retriever, keeping a spelling
// correction only when it is close (see plausibleCorrection): the index may
// guess boldly for recall ("chaired" → "chang"), an answer cannot afford to.
// A rejected correction leaves the word unknown.
func checkedTerms(r answer.Retriever, q string) []retrieval.Term {
	terms := r.Terms(q)
	for i, t := range terms {
		if t.Corrected && !plausibleCorrection(t.Word, t.Stem) {
			terms[i].Stem, terms[i].Known, terms[i].Corrected = retrieval.Stem(t.Word), false, false
		}
	}
	return terms
}

// fixQuestionWord corrects a misspelt question word at the start of q
// ("Wher did ...", "Hwo led ..."), one edit away, so the answer type is
// read and the word is not taken for a term. A real word is left alone:
// "Were", "That" and "Then" are function words, not typos.
func fixQuestionWord(q string) string {
	trimmed := strings.TrimLeft(q, " \t")
	end := strings.IndexFunc(trimmed, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(trimmed)
	}
	first := strings.ToLower(trimmed[:end])
	if len(first) < 3 || retrieval.IsStopword(first) {
		return q
	}
	for _, wh := range []string{"who", "what", "when", "where", "which", "why", "how", "whom", "whose"} {
		if editDistance(first, wh) == 1 {
			if r, _ := utf8.DecodeRuneInString(trimmed); unicode.IsUpper(r) {
				wh = strings.ToUpper(wh[:1]) + wh[1:]
			}
			return wh + trimmed[end:]
		}
	}
	return q
}

// plausibleCorrection reports whether the index's correction of word to
// the vocabulary stem is close enough to trust: the stem begins the word
// ("delegaton" → "deleg"), or the two differ by one edit in five letters or
// more ("peskow" → "peskov"), or by two in eight or more. Short words have
// too many neighbours ("pope" → "hope", "wary" → "war").
func plausibleCorrection(word, stem string) bool {
	own := retrieval.Stem(word)
	if len(stem) >= 5 && strings.HasPrefix(word, stem) {
		return true
	}
	d := editDistance(own, stem)
	n := min(len(own), len(stem))
	return (n >= 5 && d <= 1) || (n >= 8 && d <= 2)
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours each cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
