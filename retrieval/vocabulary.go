package retrieval

// Vocabulary is an index's term statistics without its postings: each
// term's document frequency, the number of documents, and the surface
// spellings terms came from. It is what query analysis needs ([Index.Terms]
// is the same analysis over the in-memory BM25 index), for stores that keep
// the postings elsewhere (package pgstore keeps them in PostgreSQL). Build it
// with AddTerm and AddSpelling from one goroutine; afterwards it is
// read-only and safe for concurrent use.
type Vocabulary struct {
	docs  int
	df    map[string]int
	fuzzy fuzzyIndex
}

// NewVocabulary returns an empty vocabulary over docs documents.
func NewVocabulary(docs int) *Vocabulary {
	return &Vocabulary{docs: docs, df: map[string]int{}}
}

// AddTerm records that term occurs in df documents.
func (v *Vocabulary) AddTerm(term string, df int) {
	if _, seen := v.df[term]; !seen {
		v.fuzzy.add(term, term)
	}
	v.df[term] = df
}

// AddSpelling records that the surface word was indexed as term, so a typo
// of the word is corrected to term (as [BM25.AddText] does). A word equal
// to its term adds nothing.
func (v *Vocabulary) AddSpelling(word, term string) {
	if word != term {
		v.fuzzy.add(word, term)
	}
}

// Docs returns the number of documents.
func (v *Vocabulary) Docs() int { return v.docs }

// Len returns the number of terms.
func (v *Vocabulary) Len() int { return len(v.df) }

// DocFreq returns how many documents contain term.
func (v *Vocabulary) DocFreq(term string) int { return v.df[term] }

// IDF returns the term's inverse document frequency, as [BM25.IDF].
func (v *Vocabulary) IDF(term string) float64 { return bm25IDF(v.docs, v.df[term]) }

// Correct proposes the closest known term, as [BM25.Correct].
func (v *Vocabulary) Correct(term string) (string, bool) {
	return v.fuzzy.correct(term, v.DocFreq)
}

// Terms analyses query as [Index.Terms] does, against this vocabulary.
func (v *Vocabulary) Terms(query string) []Term { return analyzeQuery(query, v) }
