package generative

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/retrieval"
)

// minCoverage is the share of a claim's term weight (IDF) a sentence must
// hold to support it, on top of holding every name and number.
const minCoverage = 0.5

// termWeigher gives the IDF of the terms of a text, as the index weighs
// them. answer.Retriever implements it.
type termWeigher interface {
	Terms(query string) []retrieval.Term
}

// matcher checks claims against passage sentences.
type matcher struct {
	w termWeigher
}

// claimAnalysis is what checking needs of a claim.
type claimAnalysis struct {
	terms   []weighted // content terms with their weights
	names   []string   // normalised words of names ("umerov")
	numbers []string   // digit strings ("12000", "2")
}

// weighted is a stemmed term and its weight.
type weighted struct {
	stem string
	idf  float64
}

// checkable reports whether the claim says enough to be checked.
func (a claimAnalysis) checkable() bool {
	return len(a.terms) >= minClaimTerms || len(a.names)+len(a.numbers) > 0 && len(a.terms) > 0
}

// analyse returns the terms, names and numbers of a claim. Terms are
// weighted by the index's IDF; a term the index does not weigh counts 1.
func (m *matcher) analyse(text string) claimAnalysis {
	var a claimAnalysis
	idf := map[string]float64{}
	for _, t := range m.w.Terms(text) {
		if t.Known && !t.Corrected {
			idf[t.Stem] = t.IDF
		}
	}
	seen := map[string]bool{}
	for _, st := range retrieval.Analyze(text) {
		if seen[st] {
			continue
		}
		seen[st] = true
		w, ok := idf[st]
		if !ok || w <= 0 {
			w = 1
		}
		a.terms = append(a.terms, weighted{stem: st, idf: w})
	}
	a.names, a.numbers = namesAndNumbers(text)
	return a
}

// namesAndNumbers returns the normalised words of the names in text
// (capitalised words that do not open a sentence, acronyms) and its
// numbers (digits, separators removed).
func namesAndNumbers(text string) (names, numbers []string) {
	opening := true
	for _, f := range strings.Fields(text) {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(core)
		switch {
		case core == "":
		case unicode.IsDigit(r):
			numbers = append(numbers, digitsOf(core))
		case unicode.IsUpper(r) && (!opening || isAcronym(core)):
			names = append(names, retrieval.Words(core)...)
		}
		opening = strings.HasSuffix(f, ".") || strings.HasSuffix(f, "?") || strings.HasSuffix(f, "!") || strings.HasSuffix(f, ":") || opening && core == ""
	}
	return names, numbers
}

// isAcronym reports whether w is all capitals (two or more).
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// digitsOf keeps the digits of a number ("12,000" → "12000", "3.5" → "35").
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// passageSentences is a passage split into analysed sentences, made once
// per passage per answer.
type passageSentences struct {
	spans   []retrieval.Span
	stems   []map[string]bool
	words   [][]string
	numbers []map[string]bool
}

// sentences analyses the sentences of a passage.
func (m *matcher) sentences(text string) *passageSentences {
	spans := retrieval.Sentences(text)
	if len(spans) == 0 && strings.TrimSpace(text) != "" {
		spans = []retrieval.Span{{Start: 0, End: len(text)}}
	}
	ps := &passageSentences{spans: spans}
	for _, sp := range spans {
		s := text[sp.Start:sp.End]
		stems := map[string]bool{}
		for _, t := range retrieval.Analyze(s) {
			stems[t] = true
		}
		ps.stems = append(ps.stems, stems)
		ps.words = append(ps.words, retrieval.Words(s))
		_, nums := namesAndNumbers(s)
		set := map[string]bool{}
		for _, n := range nums {
			set[n] = true
		}
		ps.numbers = append(ps.numbers, set)
	}
	return ps
}

// support is how well one passage supports a claim: its best sentence.
type support struct {
	ok    bool
	score float64        // share of the claim's term weight the sentence holds
	span  retrieval.Span // the sentence
}

// best returns the passage's sentence that best supports the claim. A
// sentence supports it when it holds each of the claim's numbers, each
// name (in it or in the sentence before, which a pronoun may lean on) and
// at least minCoverage of its term weight.
func (ps *passageSentences) best(a claimAnalysis) support {
	var total float64
	for _, t := range a.terms {
		total += t.idf
	}
	var best support
	for i, sp := range ps.spans {
		var got float64
		for _, t := range a.terms {
			if ps.stems[i][t.stem] {
				got += t.idf
			}
		}
		score := 0.0
		if total > 0 {
			score = got / total
		}
		ok := score >= minCoverage && ps.hasAll(i, a)
		if ok && (!best.ok || score > best.score) || !best.ok && score > best.score {
			best = support{ok: ok, score: score, span: sp}
		}
	}
	return best
}

// hasAll reports whether sentence i holds the claim's numbers and names.
func (ps *passageSentences) hasAll(i int, a claimAnalysis) bool {
	for _, n := range a.numbers {
		if !ps.numbers[i][n] {
			return false
		}
	}
	for _, n := range a.names {
		if !hasWord(ps.words[i], n) && (i == 0 || !hasWord(ps.words[i-1], n)) {
			return false
		}
	}
	return true
}

// hasWord reports whether words holds w or a form of it: the same word
// with another ending ("Ukraine", "Ukrainian"; "Russia", "Russian"), that
// is, sharing all but at most the last letter of the shorter word and at
// least five letters.
func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w || sameName(x, w) {
			return true
		}
	}
	return false
}

// sameName reports whether a and b are forms of one name.
func sameName(a, b string) bool {
	short := min(len(a), len(b))
	if short < 5 {
		return false
	}
	p := 0
	for p < short && a[p] == b[p] {
		p++
	}
	return p >= short-1
}
