package retrieval

// Terms analyses query the way Search does: [Words], minus stopwords, each
// stemmed; a stem the index does not know is spell-corrected against the
// vocabulary ("delegaton" → "deleg"). Each term carries its IDF over the
// chunks. Words are kept in query order, repeats included.
func (ix *Index) Terms(query string) []Term {
	var out []Term
	for _, w := range Words(query) {
		if IsStopword(w) {
			continue
		}
		out = append(out, ix.term(w))
	}
	return out
}

// term analyses one normalised, non-stopword query word.
func (ix *Index) term(word string) Term {
	t := Term{Word: word, Stem: Stem(word)}
	if ix.bm25.DocFreq(t.Stem) == 0 {
		if c, ok := ix.correct(word, t.Stem); ok {
			t.Stem, t.Corrected = c, true
		}
	}
	t.Known = ix.bm25.DocFreq(t.Stem) > 0
	t.IDF = ix.bm25.IDF(t.Stem)
	return t
}

// correct tries the stem first, then the word as typed: the stemmer can
// mangle a misspelt word beyond the edit limit ("negotiatons"), while the
// index also remembers the surface words its terms came from.
func (ix *Index) correct(word, stem string) (string, bool) {
	if c, ok := ix.bm25.Correct(stem); ok {
		return c, true
	}
	if word != stem {
		return ix.bm25.Correct(word)
	}
	return "", false
}
