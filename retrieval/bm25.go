package retrieval

import (
	"math"
	"slices"
	"strings"
	"sync"
)

// BM25 parameters used by [NewBM25].
const (
	DefaultBM25K1 = 1.2
	DefaultBM25B  = 0.75
)

// BM25 is an in-memory Okapi BM25 index over documents given as analysed
// terms (see [Analyze]). Build it with Add (and AddText) from one goroutine;
// once built, Search, IDF, DocFreq, Len and Correct only read it and are safe
// for concurrent use. Mixing Add with any other call needs outside locking.
type BM25 struct {
	k1, b float64

	ids     []string       // document index → id ("" once replaced)
	docLen  []int          // document index → number of terms (-1 once replaced)
	byID    map[string]int // id → live document index
	post    map[string][]posting
	live    int // number of live documents
	sumLen  int // total terms over live documents
	fuzzy   fuzzyIndex
	surface map[string]string // normalised surface word → its term

	scratch sync.Pool // *accumulator, reused across concurrent searches
	// tf and order are Add's scratch space and terms addWords' (adding
	// is single-goroutine).
	tf           map[string]int32
	order, terms []string
}

// posting is one document containing a term, with the term's frequency.
type posting struct {
	doc int32
	tf  int32
}

// Scored is a document id with its score; higher is better.
type Scored struct {
	ID    string  // the document id given to Add
	Score float64 // the BM25 score; only comparable within one search
}

// NewBM25 returns an empty index with k1 = 1.2 and b = 0.75.
func NewBM25() *BM25 {
	return &BM25{
		k1:      DefaultBM25K1,
		b:       DefaultBM25B,
		byID:    map[string]int{},
		post:    map[string][]posting{},
		surface: map[string]string{},
	}
}

// Add indexes a document under id with its analysed terms. Adding an id
// again replaces the earlier document; replacing costs time proportional to
// the index, so it is meant for occasional updates, not bulk loading.
func (b *BM25) Add(id string, terms []string) {
	if old, ok := b.byID[id]; ok {
		b.remove(old)
	}
	doc := int32(len(b.ids))
	b.ids = append(b.ids, id)
	b.docLen = append(b.docLen, len(terms))
	b.byID[id] = int(doc)
	b.live++
	b.sumLen += len(terms)

	if b.tf == nil {
		b.tf = make(map[string]int32, len(terms))
	}
	tf := b.tf
	defer clear(tf)
	order := b.order[:0]
	for _, t := range terms {
		if tf[t] == 0 {
			order = append(order, t)
		}
		tf[t]++
	}
	for _, t := range order {
		ps, known := b.post[t]
		if !known {
			t = strings.Clone(t) // the key outlives the caller's terms
			b.fuzzy.add(t, t)
		}
		b.post[t] = append(ps, posting{doc: doc, tf: tf[t]})
	}
	clear(order)
	b.order = order[:0]
}

// AddText indexes text under id like Add(id, Analyze(text)), and also
// remembers each word's surface spelling so that Correct can fix typos the
// stemmer leaves unrecognisable ("delegaton" → "deleg", via "delegation").
func (b *BM25) AddText(id, text string) {
	b.addWords(id, Words(text))
}

// addWords is AddText for text already split by [Words]; words is only
// read.
func (b *BM25) addWords(id string, words []string) {
	terms := b.terms[:0] // Add keeps none of it
	for _, w := range words {
		if IsStopword(w) {
			continue
		}
		t, seen := b.surface[w] // doubles as a stem cache while building
		if !seen {
			// Words returns substrings of the chunk's text: the index keeps
			// a copy of the word, not the text.
			w = strings.Clone(w)
			t = stemWord(w)
			b.surface[w] = t
			if w != t {
				b.fuzzy.add(w, t)
			}
		}
		terms = append(terms, t)
	}
	b.Add(id, terms)
	clear(terms)
	b.terms = terms[:0]
}

// remove drops document doc from the postings and statistics.
func (b *BM25) remove(doc int) {
	for t, ps := range b.post {
		for i, p := range ps {
			if int(p.doc) == doc {
				b.post[t] = append(ps[:i:i], ps[i+1:]...)
				break
			}
		}
	}
	delete(b.byID, b.ids[doc])
	b.live--
	b.sumLen -= b.docLen[doc]
	b.ids[doc] = ""
	b.docLen[doc] = -1
}

// Len returns the number of documents in the index.
func (b *BM25) Len() int { return b.live }

// DocFreq returns how many documents contain term.
func (b *BM25) DocFreq(term string) int { return len(b.post[term]) }

// IDF returns the inverse document frequency of term,
// ln(1 + (N - df + 0.5) / (df + 0.5)): always positive, and falling as df
// grows. A term in no document gets the largest value the index can give.
func (b *BM25) IDF(term string) float64 {
	return b.idf(b.DocFreq(term))
}

func (b *BM25) idf(df int) float64 { return bm25IDF(b.live, df) }

// bm25IDF is the IDF of a term in df of n documents.
func bm25IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Search returns the k best documents for the query terms, best first, ties
// broken by the order the documents were added. Repeated query terms count
// once. k <= 0 returns every document that matches at least one term.
func (b *BM25) Search(terms []string, k int) []Scored {
	res := b.search(terms, k, nil)
	if res == nil {
		return nil
	}
	out := make([]Scored, len(res))
	for i, r := range res {
		out[i] = Scored{ID: b.ids[r.doc], Score: r.score}
	}
	return out
}

// docScore is a document (its dense index, as added) with its BM25 score.
type docScore struct {
	score float64
	doc   int32
}

// worse orders scored documents: lower score first, then the later one.
func (a docScore) worse(c docScore) bool {
	if a.score != c.score {
		return a.score < c.score
	}
	return a.doc > c.doc
}

// search scores the documents matching terms and returns the k best (all
// with k <= 0), best first, ties by document index. With allow set (a
// bitmap over document indexes), only the documents it holds count.
func (b *BM25) search(terms []string, k int, allow []uint64) []docScore {
	if b.live == 0 || len(terms) == 0 {
		return nil
	}
	avgLen := float64(b.sumLen) / float64(b.live)
	if avgLen == 0 {
		avgLen = 1
	}
	acc := b.accumulator()
	defer b.scratch.Put(acc)
	for i, t := range terms {
		if slices.Contains(terms[:i], t) {
			continue
		}
		ps := b.post[t]
		if len(ps) == 0 {
			continue
		}
		idf := b.idf(len(ps))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := b.k1 * (1 - b.b + b.b*float64(b.docLen[p.doc])/avgLen)
			acc.add(p.doc, idf*tf*(b.k1+1)/(tf+norm))
		}
	}
	return top(acc, k, allow)
}

// accumulator sums scores per document. It is dense because a common query
// term touches a large share of all documents, where a map is several times
// slower; buffers are recycled through BM25.scratch.
type accumulator struct {
	scores  []float64
	touched []int32
}

func (a *accumulator) add(doc int32, s float64) {
	if a.scores[doc] == 0 {
		a.touched = append(a.touched, doc)
	}
	a.scores[doc] += s
}

// accumulator returns a zeroed accumulator sized for the index.
func (b *BM25) accumulator() *accumulator {
	acc, _ := b.scratch.Get().(*accumulator)
	if acc == nil {
		acc = &accumulator{}
	}
	if len(acc.scores) < len(b.ids) {
		acc.scores = make([]float64, len(b.ids))
	}
	for _, d := range acc.touched {
		acc.scores[d] = 0
	}
	acc.touched = acc.touched[:0]
	return acc
}

// top selects the k best accumulated scores with a fixed-size heap over
// document indexes, ordered by score then index.
func top(acc *accumulator, k int, allow []uint64) []docScore {
	if k <= 0 || k > len(acc.touched) {
		k = len(acc.touched)
	}
	h := topHeap[docScore]{items: make([]docScore, 0, k)}
	for _, doc := range acc.touched {
		if allow != nil && allow[doc>>6]&(1<<(doc&63)) == 0 {
			continue
		}
		h.offer(docScore{score: acc.scores[doc], doc: doc})
	}
	out := h.items
	slices.SortFunc(out, func(a, c docScore) int {
		switch {
		case c.worse(a):
			return -1
		case a.worse(c):
			return 1
		}
		return 0
	})
	return out
}
