package retrieval

// Terms analyses query the way Search does: [Words], minus stopwords, each
// stemmed; a stem the index does not know is spell-corrected against the
// vocabulary ("delegaton" → "deleg"). Each term carries its IDF over the
// chunks. Words are kept in query order, repeats included.
func (ix *Index) Terms(query string) []Term {
	return analyzeQuery(query, ix.bm25)
}

// vocab is what query analysis reads from an index's vocabulary: *BM25
// and *Vocabulary.
type vocab interface {
	DocFreq(term string) int
	IDF(term string) float64
	Correct(term string) (string, bool)
}

// analyzeQuery is Terms over any vocabulary.
func analyzeQuery(query string, v vocab) []Term {
	var out []Term
	for _, w := range Words(query) {
		if IsStopword(w) {
			continue
		}
		out = append(out, analyzeTerm(w, v))
	}
	return out
}

// analyzeTerm analyses one normalised, non-stopword query word.
func analyzeTerm(word string, v vocab) Term {
	t := Term{Word: word, Stem: Stem(word)}
	if v.DocFreq(t.Stem) == 0 {
		if c, ok := correct(v, word, t.Stem); ok {
			t.Stem, t.Corrected = c, true
		}
	}
	t.Known = v.DocFreq(t.Stem) > 0
	t.IDF = v.IDF(t.Stem)
	return t
}

// correct tries the stem first, then the word as typed: the stemmer can
// mangle a misspelt word beyond the edit limit ("negotiatons"), while the
// index also remembers the surface words its terms came from.
func correct(v vocab, word, stem string) (string, bool) {
	if c, ok := v.Correct(stem); ok {
		return c, true
	}
	if word != stem {
		return v.Correct(word)
	}
	return "", false
}
