package retrieval_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"footnote/retrieval"
)

// tinyBM25 indexes a handful of documents through Analyze.
func tinyBM25(docs map[string]string) *retrieval.BM25 {
	b := retrieval.NewBM25()
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids) // insertion order must not matter, but keep it fixed
	for _, id := range ids {
		b.AddText(id, docs[id])
	}
	return b
}

var animalDocs = map[string]string{
	"mat":   "The cat sat on the mat.",
	"log":   "The dog sat on the log.",
	"pets":  "Cats and dogs.",
	"chase": "The cat chased the other cat.",
	"bird":  "A bird sang.",
}

func ids(res []retrieval.Scored) []string {
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.ID
	}
	return out
}

func TestBM25Ranking(t *testing.T) {
	b := tinyBM25(animalDocs)
	tests := []struct {
		name  string
		query string
		k     int
		want  []string
	}{
		// "chase" has cat twice; "pets" is shorter than "mat".
		{"term frequency and length", "cat", 10, []string{"chase", "pets", "mat"}},
		// mat is rarer than dog; pets is shorter than log.
		{"rare term wins", "dog mat", 10, []string{"mat", "pets", "log"}},
		// sat (df 2) outweighs cat (df 3) even at tf 2.
		{"both terms", "cats sat", 10, []string{"mat", "log", "chase", "pets"}},
		{"k limits", "cat", 2, []string{"chase", "pets"}},
		{"k zero returns all matches", "sat", 0, []string{"log", "mat"}},
		{"repeated query term counts once", "cat cat cat dog", 10, []string{"pets", "log", "chase", "mat"}},
		{"unknown term", "elephant", 10, []string{}},
		{"stopwords only", "the and", 10, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(b.Search(retrieval.Analyze(tt.query), tt.k))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestBM25Score checks one score against the formula by hand.
func TestBM25Score(t *testing.T) {
	b := tinyBM25(animalDocs)
	// Document lengths in terms ("other" is a stopword): mat 3, log 3,
	// pets 2, chase 3, bird 2 → avg 2.6. "chase" has tf(cat) = 2,
	// df(cat) = 3, N = 5.
	idf := math.Log(1 + (5-3+0.5)/(3+0.5))
	want := idf * 2 * 2.2 / (2 + 1.2*(1-0.75+0.75*3/2.6))
	res := b.Search([]string{"cat"}, 1)
	if len(res) != 1 || res[0].ID != "chase" || math.Abs(res[0].Score-want) > 1e-12 {
		t.Fatalf("Search(cat) = %+v, want chase with %.6f", res, want)
	}
	if got := b.IDF("cat"); math.Abs(got-idf) > 1e-12 {
		t.Errorf("IDF(cat) = %v, want %v", got, idf)
	}
}

func TestBM25TiesInAddOrder(t *testing.T) {
	b := retrieval.NewBM25()
	for _, id := range []string{"c", "a", "b"} {
		b.Add(id, []string{"same", "text"})
	}
	if got := ids(b.Search([]string{"same"}, 0)); !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Errorf("tied results %v, want in the order added", got)
	}
	if got := ids(b.Search([]string{"same"}, 2)); !slices.Equal(got, []string{"c", "a"}) {
		t.Errorf("tied results with k=2: %v", got)
	}
}

func TestBM25IDFMonotonic(t *testing.T) {
	b := retrieval.NewBM25()
	// term tN occurs in N documents.
	for d := range 10 {
		var terms []string
		for n := d + 1; n <= 10; n++ {
			terms = append(terms, fmt.Sprintf("t%d", n))
		}
		b.Add(fmt.Sprint("doc", d), terms)
	}
	prev := b.IDF("never-seen")
	for n := 1; n <= 10; n++ {
		term := fmt.Sprintf("t%d", n)
		if df := b.DocFreq(term); df != n {
			t.Fatalf("DocFreq(%s) = %d, want %d", term, df, n)
		}
		idf := b.IDF(term)
		if idf >= prev || idf <= 0 {
			t.Errorf("IDF(%s) = %v, not below %v or not positive", term, idf, prev)
		}
		prev = idf
	}
}

func TestBM25Replace(t *testing.T) {
	b := retrieval.NewBM25()
	b.Add("x", []string{"old", "word"})
	b.Add("y", []string{"word"})
	b.Add("x", []string{"new"})
	if b.Len() != 2 {
		t.Errorf("Len = %d, want 2", b.Len())
	}
	if df := b.DocFreq("old"); df != 0 {
		t.Errorf("DocFreq(old) = %d after replace", df)
	}
	if got := ids(b.Search([]string{"new", "old", "word"}, 0)); !slices.Equal(got, []string{"x", "y"}) && !slices.Equal(got, []string{"y", "x"}) {
		t.Errorf("Search after replace = %v", got)
	}
	if got := ids(b.Search([]string{"old"}, 0)); len(got) != 0 {
		t.Errorf("replaced document still found: %v", got)
	}
	if c, ok := b.Correct("olld"); ok {
		t.Errorf("Correct suggested %q, a term no document has any more", c)
	}
}

func TestBM25Empty(t *testing.T) {
	b := retrieval.NewBM25()
	if b.Len() != 0 || b.Search([]string{"x"}, 5) != nil {
		t.Error("empty index returned results")
	}
	if idf := b.IDF("x"); math.IsNaN(idf) || math.IsInf(idf, 0) || idf <= 0 {
		t.Errorf("IDF on an empty index = %v", idf)
	}
	b.Add("empty", nil)
	if res := b.Search([]string{"x"}, 5); len(res) != 0 {
		t.Errorf("Search = %v", res)
	}
}

// TestBM25ConcurrentReads runs readers in parallel; run with -race.
func TestBM25ConcurrentReads(t *testing.T) {
	b := tinyBM25(animalDocs)
	want := ids(b.Search(retrieval.Analyze("cat dog"), 3))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if got := ids(b.Search(retrieval.Analyze("cat dog"), 3)); !slices.Equal(got, want) {
					t.Errorf("concurrent search %v, want %v", got, want)
					return
				}
				b.Correct("chsed")
				b.IDF("cat")
			}
		})
	}
	wg.Wait()
}

// syntheticBM25 builds an index of n documents of 60 terms drawn from a
// Zipf-distributed vocabulary, as a stand-in for real chunks.
func syntheticBM25(n int) (*retrieval.BM25, [][]string) {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.1, 1, 50000)
	b := retrieval.NewBM25()
	for d := range n {
		terms := make([]string, 60)
		for i := range terms {
			terms[i] = fmt.Sprintf("w%d", zipf.Uint64())
		}
		b.Add(fmt.Sprintf("doc%06d", d), terms)
	}
	queries := make([][]string, 64)
	for i := range queries {
		queries[i] = []string{"w3", fmt.Sprintf("w%d", 50+i), fmt.Sprintf("w%d", 900+i*7), fmt.Sprintf("w%d", 20000+i)}
	}
	return b, queries
}

func BenchmarkBM25Search(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		idx, queries := syntheticBM25(n)
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if res := idx.Search(queries[i%len(queries)], 20); len(res) == 0 {
					b.Fatal("no results")
				}
				i++
			}
		})
	}
}

// Example-style check that AddText and Add agree on terms.
func TestBM25AddTextMatchesAdd(t *testing.T) {
	text := "The Ukrainian delegation's demands, made in 2022, were “unacceptable”."
	a, c := retrieval.NewBM25(), retrieval.NewBM25()
	a.AddText("d", text)
	c.Add("d", retrieval.Analyze(text))
	for _, term := range retrieval.Analyze(text) {
		if a.DocFreq(term) != 1 || c.DocFreq(term) != 1 {
			t.Errorf("term %q: DocFreq %d via AddText, %d via Add", term, a.DocFreq(term), c.DocFreq(term))
		}
	}
	q := retrieval.Analyze("ukrainian demands 2022")
	ra, rc := a.Search(q, 1), c.Search(q, 1)
	if len(ra) != 1 || len(rc) != 1 || ra[0].Score != rc[0].Score {
		t.Errorf("scores differ: %v vs %v", ra, rc)
	}
}

func BenchmarkBM25AddText(b *testing.B) {
	var texts []string
	size := 0
	for _, a := range loadArticles(b) {
		for _, c := range retrieval.ChunkArticle(a, retrieval.ChunkOptions{}) {
			texts = append(texts, c.Text)
			size += len(c.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		idx := retrieval.NewBM25()
		for i, t := range texts {
			idx.AddText(fmt.Sprint(i), t)
		}
	}
}
