package extractive_test

import (
	"cmp"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"footnote/retrieval"
)

// fixtureRetriever is a small, fixed stand-in for the index: every paragraph
// of the fixture articles in testdata/fake is a passage, Search ranks them
// by the IDF of the query terms they hold, and Terms corrects a typo one
// edit away from the vocabulary, as the real index does.
type fixtureRetriever struct {
	bodies   map[string]string // article text by source
	passages []retrieval.Passage
	df       map[string]int
	// err, when set, is returned by Search.
	err error
	// ks records the k of every Search call.
	ks []int
}

func newFixtureRetriever(t *testing.T) *fixtureRetriever {
	t.Helper()
	files, err := filepath.Glob("testdata/fake/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("fixture articles: %v", err)
	}
	f := &fixtureRetriever{bodies: map[string]string{}, df: map[string]int{}}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(strings.TrimSpace(string(raw)), "\n\n")
		source := filepath.Base(name)
		f.bodies[source] = body
		start := 0
		for _, para := range strings.Split(body, "\n\n") {
			f.passages = append(f.passages, retrieval.Passage{Chunk: retrieval.Chunk{
				ID: source + "#" + para[:10], Source: source, Title: title,
				Text: para, Start: start, End: start + len(para),
			}})
			start += len(para) + len("\n\n")
		}
	}
	for _, p := range f.passages {
		for stem := range fixtureStems(p.Text) {
			f.df[stem]++
		}
	}
	return f
}

// Retrieve implements answer.Retriever over Search; filters are ignored.
func (f *fixtureRetriever) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	return f.Search(ctx, q.Text, q.K)
}

func (f *fixtureRetriever) Search(ctx context.Context, q string, k int) ([]retrieval.Passage, error) {
	f.ks = append(f.ks, k)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.err != nil {
		return nil, f.err
	}
	terms := f.Terms(q)
	scored := slices.Clone(f.passages)
	for i := range scored {
		stems := fixtureStems(scored[i].Text)
		for _, t := range terms {
			if stems[t.Stem] {
				scored[i].Score += t.IDF
				scored[i].Lexical += t.IDF
			}
		}
	}
	slices.SortStableFunc(scored, func(a, b retrieval.Passage) int { return cmp.Compare(b.Score, a.Score) })
	return scored[:min(k, len(scored))], nil
}

func (f *fixtureRetriever) Terms(q string) []retrieval.Term {
	var out []retrieval.Term
	for _, w := range retrieval.Words(q) {
		if retrieval.IsStopword(w) {
			continue
		}
		t := retrieval.Term{Word: w, Stem: retrieval.Stem(w)}
		if f.df[t.Stem] == 0 {
			if c, ok := f.correct(t.Stem); ok {
				t.Stem, t.Corrected = c, true
			}
		}
		t.Known = f.df[t.Stem] > 0
		t.IDF = f.idf(t.Stem)
		out = append(out, t)
	}
	return out
}

// idf is BM25's IDF over the passages; an unknown term gets the highest.
func (f *fixtureRetriever) idf(stem string) float64 {
	n := float64(len(f.passages))
	df := float64(max(f.df[stem], 0))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// correct finds the vocabulary stem one swap, insertion, deletion or
// substitution away from stem, preferring the most frequent.
func (f *fixtureRetriever) correct(stem string) (string, bool) {
	best, bestDF := "", 0
	for v, df := range f.df {
		if fixtureOneEdit(stem, v) && (df > bestDF || df == bestDF && v < best) {
			best, bestDF = v, df
		}
	}
	return best, best != ""
}

func fixtureOneEdit(a, b string) bool {
	if a == b || len(a) < 4 {
		return false
	}
	if len(a) == len(b) {
		var diff []int
		for i := range a {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		switch len(diff) {
		case 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && a[i] == b[j] && a[j] == b[i]
		}
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) != 1 {
		return false
	}
	for i := range b {
		if b[:i]+b[i+1:] == a {
			return true
		}
	}
	return false
}

func fixtureStems(text string) map[string]bool {
	out := map[string]bool{}
	for _, s := range retrieval.Analyze(text) {
		out[s] = true
	}
	return out
}
