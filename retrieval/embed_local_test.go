package retrieval_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"
	"testing"

	"footnote/retrieval"
)

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

func embedPair(t *testing.T, e *retrieval.LocalEmbedder, a, b string) float64 {
	t.Helper()
	vs, err := e.Embed(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	return cosine(vs[0], vs[1])
}

// TestLocalEmbedderVariants shows that spelling variants and typos stay
// close while unrelated words do not.
func TestLocalEmbedderVariants(t *testing.T) {
	e := retrieval.NewLocalEmbedder(0)
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"Zelensky", "Zelenskyy", 0.5, 1},
		{"Zelensky", "Zelenskiy", 0.45, 1},
		{"Zelensky", "zelensky's", 0.99, 1},
		{"Kyiv", "kyiv", 0.99, 1},
		{"Kyiv", "Kiev", 0.15, 1},
		{"negotiations", "negotiating", 0.6, 1},
		{"Erdoğan", "Erdogan", 0.99, 1},
		{"Zelensky", "Putin", -0.2, 0.2},
		{"ceasefire", "sanctions", -0.2, 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			c := embedPair(t, e, tt.a, tt.b)
			if c < tt.min || c > tt.max {
				t.Errorf("cosine(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, c, tt.min, tt.max)
			}
		})
	}
}

// TestLocalEmbedderRanking checks that a query is closer to the passage that
// answers it than to unrelated ones, typos included.
func TestLocalEmbedderRanking(t *testing.T) {
	e := retrieval.NewLocalEmbedder(0)
	tests := []struct {
		name, query, near, far string
	}{
		{"typos", "ukranian delegaton", "Ukrainian delegation", "The weather in Paris was sunny on Tuesday."},
		{"typos vs related", "ukranian delegaton", "The Ukrainian delegation arrived in Istanbul.", "The Russian president stayed in Moscow."},
		{"question", "Who led Ukraine's delegation?",
			"In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov.",
			"Kremlin spokesman Dmitry Peskov hinted that the momentum for a Trump-Putin summit is growing."},
		{"name variant", "What did Zelenskyy say about Putin?",
			"Zelensky said that Putin was afraid to meet.",
			"The talks concluded around 1220 GMT after just over 90 minutes."},
		{"common words matter less", "What happened in Kupiansk?",
			"A recent drone strike on the Ukrainian city of Kupiansk killed a woman.",
			"What happened next, officials said, was that the talks ended."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			near := embedPair(t, e, tt.query, tt.near)
			far := embedPair(t, e, tt.query, tt.far)
			if near <= far {
				t.Errorf("cosine to answer %.3f <= cosine to unrelated %.3f", near, far)
			}
		})
	}
}

func TestLocalEmbedderVectors(t *testing.T) {
	texts := []string{
		"The Russian and Ukrainian delegations met in Istanbul.",
		"", "   ", "the of and", "!!! …", "12,000", "Ἀθῆναι 東京 Кремль",
	}
	for _, dim := range []int{0, 16, 300, 1024} {
		e := retrieval.NewLocalEmbedder(dim)
		wantDim := dim
		if dim <= 0 {
			wantDim = retrieval.DefaultLocalDim
		}
		if e.Dim() != wantDim || e.Key() != "local/hash-v1/"+strconv.Itoa(wantDim) {
			t.Fatalf("NewLocalEmbedder(%d): Dim %d Key %q", dim, e.Dim(), e.Key())
		}
		first, err := e.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		again, err := retrieval.NewLocalEmbedder(dim).Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range first {
			t.Run(strconv.Itoa(dim)+"/"+texts[i], func(t *testing.T) {
				if len(v) != wantDim {
					t.Fatalf("len %d, want %d", len(v), wantDim)
				}
				var norm float64
				for j, x := range v {
					if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
						t.Fatalf("component %d is %v", j, x)
					}
					if x != again[i][j] {
						t.Fatalf("component %d differs between runs: %v vs %v", j, x, again[i][j])
					}
					norm += float64(x) * float64(x)
				}
				if math.Abs(norm-1) > 1e-5 {
					t.Errorf("squared norm %v, want 1", norm)
				}
			})
		}
	}
}

// TestLocalEmbedderEmpty documents that every text without words shares one
// fixed unit vector.
func TestLocalEmbedderEmpty(t *testing.T) {
	e := retrieval.NewLocalEmbedder(64)
	vs, err := e.Embed(context.Background(), []string{"", "the of and", "Istanbul"})
	if err != nil {
		t.Fatal(err)
	}
	if c := cosine(vs[0], vs[1]); math.Abs(c-1) > 1e-6 {
		t.Errorf("empty and stopword-only texts: cosine %.3f, want 1", c)
	}
	if c := cosine(vs[0], vs[2]); math.Abs(c) > 0.5 {
		t.Errorf("empty text vs a word: cosine %.3f, want near 0", c)
	}
}

// TestLocalEmbedderGolden pins a few components, so that any change to the
// features shows up here and reminds you to bump the Key version.
func TestLocalEmbedderGolden(t *testing.T) {
	vs, err := retrieval.NewLocalEmbedder(8).Embed(context.Background(), []string{"Ukrainian delegation"})
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{0.007855835, 0.65946877, -0.27391726, -0.1530796, 0.4868742, 0.23057023, 0, -0.4199596}
	if len(vs[0]) != len(want) {
		t.Fatalf("len %d, want %d", len(vs[0]), len(want))
	}
	for i := range want {
		if math.Abs(float64(vs[0][i]-want[i])) > 1e-6 {
			t.Fatalf("vector %#v, want %v: features changed, bump the key version in embed_local.go", vs[0], want)
		}
	}
}

func TestLocalEmbedderCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = "some text"
	}
	_, err := retrieval.NewLocalEmbedder(0).Embed(ctx, texts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got, err := retrieval.NewLocalEmbedder(0).Embed(context.Background(), nil); err != nil || len(got) != 0 {
		t.Errorf("Embed(nil) = %v, %v", got, err)
	}
}

func BenchmarkLocalEmbed(b *testing.B) {
	arts := loadArticles(b)
	var texts []string
	size := 0
	for _, a := range arts {
		for _, c := range retrieval.ChunkArticle(a, retrieval.ChunkOptions{}) {
			texts = append(texts, c.Text)
			size += len(c.Text)
		}
	}
	e := retrieval.NewLocalEmbedder(0)
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLocalEmbedderConcurrent shares one embedder between goroutines (its
// stem memo is shared); run with -race.
func TestLocalEmbedderConcurrent(t *testing.T) {
	e := retrieval.NewLocalEmbedder(64)
	texts := []string{"Ukrainian delegation", "Russian negotiators met", "talks collapsed"}
	want, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				got, err := e.Embed(context.Background(), texts)
				if err != nil {
					t.Error(err)
					return
				}
				for i := range got {
					if !slices.Equal(got[i], want[i]) {
						t.Errorf("text %d embedded differently under concurrency", i)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
