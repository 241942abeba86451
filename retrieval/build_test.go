package retrieval_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"strings"
	"sync"
	"testing"

	"footnote/corpus"
	"footnote/retrieval"
)

func TestOpenBatching(t *testing.T) {
	arts := defaultArticles(t)
	chunks := totalChunks(arts, retrieval.ChunkOptions{})
	for _, size := range []int{1, 5, 16, chunks, 1000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			emb := newCounting(16)
			ix := openIndex(t, retrieval.Options{Embedder: emb, BatchSize: size}, arts)
			calls, texts, sizes, _ := emb.snapshot()
			if want := (chunks + size - 1) / size; calls != want {
				t.Errorf("%d Embed calls for %d chunks in batches of %d, want %d", calls, chunks, size, want)
			}
			for _, n := range sizes {
				if n > size {
					t.Errorf("a batch of %d texts exceeds BatchSize %d", n, size)
				}
			}
			if len(texts) != chunks || ix.Len() != chunks || ix.Stats().Embedded != chunks {
				t.Errorf("embedded %d texts, Len %d, Stats.Embedded %d; want %d each", len(texts), ix.Len(), ix.Stats().Embedded, chunks)
			}
		})
	}
}

func TestOpenDefaultBatchSize(t *testing.T) {
	arts := defaultArticles(t)
	var big []corpus.Article
	for i := range 4 { // enough chunks for several default batches
		for _, a := range arts {
			a.Source = fmt.Sprintf("copy%d/%s", i, a.Source)
			a.Text = strings.Repeat(a.Text+"\n\n", i+1)
			big = append(big, a)
		}
	}
	emb := newCounting(8)
	openIndex(t, retrieval.Options{Embedder: emb}, big)
	_, texts, sizes, _ := emb.snapshot()
	// Batches run concurrently, so the short final one may start early:
	// count short batches rather than check the last.
	short := 0
	for _, n := range sizes {
		if n > retrieval.DefaultBatchSize {
			t.Errorf("a batch has %d texts, over the default %d", n, retrieval.DefaultBatchSize)
		}
		if n < retrieval.DefaultBatchSize {
			short++
		}
	}
	if short > 1 {
		t.Errorf("%d batches below the default size %d (sizes %v), want at most the final one", short, retrieval.DefaultBatchSize, sizes)
	}
	if len(sizes) < 3 || len(texts) != totalChunks(big, retrieval.ChunkOptions{}) {
		t.Errorf("%d batches, %d texts", len(sizes), len(texts))
	}
}

func TestOpenConcurrencyBound(t *testing.T) {
	arts := defaultArticles(t)
	for _, conc := range []int{1, 2, 3} {
		t.Run(fmt.Sprint(conc), func(t *testing.T) {
			emb := newCounting(8)
			emb.holdUntil = conc // calls wait for each other, so the bound is reached if allowed
			openIndex(t, retrieval.Options{Embedder: emb, BatchSize: 2, Concurrency: conc}, arts)
			if _, _, _, got := emb.snapshot(); got != conc {
				t.Errorf("at most %d Embed calls in flight, want exactly Concurrency = %d", got, conc)
			}
		})
	}
}

func TestOpenProgress(t *testing.T) {
	arts := defaultArticles(t)
	var (
		mu   sync.Mutex
		seen []retrieval.Progress
	)
	ix := openIndex(t, retrieval.Options{
		Embedder: newCounting(8), BatchSize: 4,
		Progress: func(p retrieval.Progress) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, p)
		},
	}, arts)
	for i := 1; i < len(seen); i++ {
		a, b := seen[i-1], seen[i]
		if b.Articles < a.Articles || b.Chunks < a.Chunks || b.Embedded < a.Embedded {
			t.Fatalf("progress went back: %+v then %+v", a, b)
		}
	}
	last := seen[len(seen)-1]
	if want := (retrieval.Progress{Articles: 5, Chunks: ix.Len(), Embedded: ix.Len()}); last != want {
		t.Errorf("last progress %+v, want %+v", last, want)
	}
}

func TestOpenErrors(t *testing.T) {
	arts := defaultArticles(t)
	boom := errors.New("boom")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	withFault := func(f func(call int, texts []string, vecs [][]float32) ([][]float32, error)) *countingEmbedder {
		e := newCounting(8)
		e.fault = f
		return e
	}
	failing := func(yield func(corpus.Article, error) bool) {
		if yield(arts[0], nil) {
			yield(corpus.Article{}, boom)
		}
	}
	tests := []struct {
		name     string
		ctx      context.Context
		opts     retrieval.Options
		articles iter.Seq2[corpus.Article, error]
		is       error  // errors.Is must hold when set
		contains string // the message must contain this when set
	}{
		{name: "no embedder", opts: retrieval.Options{}, contains: "no embedder"},
		{name: "negative batch", opts: retrieval.Options{Embedder: newCounting(8), BatchSize: -1}, contains: "negative"},
		{name: "iterator error", opts: retrieval.Options{Embedder: newCounting(8)}, articles: failing, is: boom},
		{
			name: "duplicate source", opts: retrieval.Options{Embedder: newCounting(8)},
			articles: seq([]corpus.Article{arts[0], arts[1], arts[0]}), contains: "twice",
		},
		{
			name: "embedder error", opts: retrieval.Options{Embedder: withFault(func(int, []string, [][]float32) ([][]float32, error) { return nil, boom })},
			is: boom,
		},
		{
			// Later batches must report the first failure, not the
			// cancellation it caused.
			name: "embedder error mid-stream", opts: retrieval.Options{Embedder: withFault(func(call int, _ []string, v [][]float32) ([][]float32, error) {
				if call == 2 {
					return nil, boom
				}
				return v, nil
			}), BatchSize: 1, Concurrency: 1},
			is: boom,
		},
		{
			name:     "too few vectors",
			opts:     retrieval.Options{Embedder: withFault(func(_ int, _ []string, v [][]float32) ([][]float32, error) { return v[:len(v)-1], nil })},
			contains: "returned",
		},
		{
			name: "inconsistent dimension", opts: retrieval.Options{Embedder: withFault(func(call int, _ []string, v [][]float32) ([][]float32, error) {
				if call == 3 {
					v[0] = append(v[0], 1)
				}
				return v, nil
			}), BatchSize: 2, Concurrency: 1},
			is: retrieval.ErrDimensionMismatch,
		},
		{
			name: "NaN in vector", opts: retrieval.Options{Embedder: withFault(func(_ int, _ []string, v [][]float32) ([][]float32, error) {
				v[0][0] = float32(math.NaN())
				return v, nil
			})},
			contains: "non-finite",
		},
		{name: "canceled context", ctx: canceled, opts: retrieval.Options{Embedder: newCounting(8)}, is: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			articles := tt.articles
			if articles == nil {
				articles = seq(arts)
			}
			ix, err := retrieval.Open(ctx, tt.opts, articles)
			if err == nil {
				t.Fatalf("Open succeeded with %d chunks, want an error", ix.Len())
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q, want it to wrap %v", err, tt.is)
			}
			if tt.contains != "" && !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q, want it to mention %q", err, tt.contains)
			}
		})
	}
}

// A chunk whose vector is zero has no cosine with anything; it must still
// be found by its words, and must not poison the vector search with NaNs.
func TestOpenZeroVectorChunk(t *testing.T) {
	arts := []corpus.Article{
		{Source: "a.txt", Title: "Zanzibar", Text: "Zanzibar spice harbour trading report."},
		{Source: "b.txt", Title: "Talks", Text: "Delegations met for talks in Istanbul on Friday."},
	}
	emb := newCounting(8)
	emb.fault = func(_ int, texts []string, v [][]float32) ([][]float32, error) {
		for i, text := range texts {
			if strings.Contains(text, "spice") {
				v[i] = make([]float32, len(v[i]))
			}
		}
		return v, nil
	}
	ix := openIndex(t, retrieval.Options{Embedder: emb}, arts)
	for _, q := range []string{"spice harbour", "talks Istanbul"} {
		ps, err := ix.Search(context.Background(), q, 2)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(ps) == 0 {
			t.Fatalf("%q: no passages", q)
		}
		for _, p := range ps {
			if math.IsNaN(p.Score) || math.IsNaN(p.Vector) {
				t.Errorf("%q: NaN in %+v", q, p)
			}
		}
	}
	ps, _ := ix.Search(context.Background(), "spice harbour", 1)
	if ps[0].Source != "a.txt" || ps[0].Vector != 0 || ps[0].Lexical <= 0 {
		t.Errorf("zero-vector chunk: got %+v, want a.txt found lexically only", ps[0])
	}
}
