package extractive

import (
	"math"

	"footnote/lexicon"
)

// refersBack reports whether s opens with a pronoun or demonstrative
// ("Its goal is…", "These foreign bodies…"): what it speaks of is named
// before it.
func refersBack(s *sentence) bool {
	return len(s.toks) > 0 && lexicon.IsPronoun(s.toks[0].norm)
}

// localWeights weighs each term by its inverse sentence frequency among
// the candidates, log((n+1)/(k+0.5)) for k of n holding it: a word every
// retrieved sentence holds (the article's topic) tells them apart less
// than one only a few hold.
func localWeights(lex wordKnowledge, terms []qterm, cands []*candidate) []float64 {
	w := make([]float64, len(terms))
	n := float64(len(cands))
	for i := range terms {
		k := 0.0
		for _, c := range cands {
			if terms[i].match(lex, c.sent).best > 0 {
				k++
			}
		}
		w[i] = math.Log((n + 1) / (k + 0.5))
	}
	return w
}

// localCoverage returns the share of the weights w that the terms hit
// (coverage's) holds, exactly or through a related word; 0 when w is
// empty.
func localCoverage(w []float64, hit []int) float64 {
	total, got := 0.0, 0.0
	for i, l := range hit {
		if i >= len(w) {
			break
		}
		total += w[i]
		if l > 0 {
			got += w[i]
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}
