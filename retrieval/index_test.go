package retrieval_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"footnote/answer"
	"footnote/corpus"
	"footnote/retrieval"
)

// The answer engine consumes the index through this interface.
var _ answer.Retriever = (*retrieval.Index)(nil)

func TestSearchQualityDefaultCorpus(t *testing.T) {
	arts := defaultArticles(t)
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, arts)
	tests := []struct {
		query string
		top   int
		want  []string // any of these source prefixes must appear in the top results
	}{
		{"who led Ukraine's delegation", 3, []string{"003_", "004_"}},
		{"ukranian delegaton", 3, []string{"003_", "004_"}},
		{"Zelenskiy Albania", 3, []string{"000_", "004_"}},
		{"Umerov defence minister", 3, []string{"004_"}},
		{"Medinsky Kremlin aide", 3, []string{"003_", "004_"}},
		{"how long did the negotiations in Istanbul last", 3, []string{"001_"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ps, err := ix.Search(context.Background(), tt.query, tt.top)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.ID)
				for _, w := range tt.want {
					if strings.HasPrefix(p.Source, w) {
						return
					}
				}
			}
			t.Errorf("top %d = %v, want one of %v", tt.top, got, tt.want)
		})
	}
}

func TestSearchPassages(t *testing.T) {
	arts := defaultArticles(t)
	emb := newCounting(0)
	ix := openIndex(t, retrieval.Options{Embedder: emb}, arts)
	byName := map[string]corpus.Article{}
	for _, a := range arts {
		byName[a.Source] = a
	}
	emb.reset()
	ctx := context.Background()
	first, err := ix.Search(ctx, "Russian delegation headed by Medinsky", math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	if calls, _, _, _ := emb.snapshot(); calls != 1 {
		t.Errorf("Search made %d Embed calls, want exactly 1", calls)
	}
	if len(first) == 0 || len(first) > ix.Len() {
		t.Fatalf("got %d passages from %d chunks", len(first), ix.Len())
	}
	again, err := ix.Search(ctx, "Russian delegation headed by Medinsky", math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("the same query gave a different ranking")
	}
	for i, p := range first {
		if a := byName[p.Source]; a.Text[p.Start:p.End] != p.Text || p.Title != a.Title {
			t.Errorf("passage %s: text or title does not match its article span", p.ID)
		}
		if p.Vector == 0 && p.Lexical == 0 {
			t.Errorf("passage %s is in neither list", p.ID)
		}
		if i > 0 {
			prev := first[i-1]
			if prev.Score < p.Score || (prev.Score == p.Score && prev.ID > p.ID) {
				t.Errorf("passages %d and %d out of order", i-1, i)
			}
		}
	}
	if first[0].Lexical <= 0 || first[0].Vector <= 0 {
		t.Errorf("best passage components: vector %v lexical %v, want both > 0", first[0].Vector, first[0].Lexical)
	}
}

func TestSearchErrors(t *testing.T) {
	arts := defaultArticles(t)
	emb := newCounting(0)
	ix := openIndex(t, retrieval.Options{Embedder: emb}, arts)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		query string
		k     int
		is    error // when set, errors.Is must hold
	}{
		{"empty query", context.Background(), "", 5, retrieval.ErrEmptyQuery},
		{"blank query", context.Background(), " \n\t", 5, retrieval.ErrEmptyQuery},
		{"zero k", context.Background(), "talks", 0, nil},
		{"negative k", context.Background(), "talks", -3, nil},
		{"canceled context", canceled, "talks", 5, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ix.Search(tt.ctx, tt.query, tt.k)
			if err == nil {
				t.Fatalf("got %d passages and no error", len(ps))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
		})
	}

	t.Run("query dimension differs", func(t *testing.T) {
		emb.fault = func(_ int, texts []string, vecs [][]float32) ([][]float32, error) {
			return [][]float32{make([]float32, 7)}, nil
		}
		defer func() { emb.fault = nil }()
		_, err := ix.Search(context.Background(), "talks", 3)
		if !errors.Is(err, retrieval.ErrDimensionMismatch) {
			t.Errorf("error %v, want ErrDimensionMismatch", err)
		}
	})
	t.Run("embedder error", func(t *testing.T) {
		boom := errors.New("boom")
		emb.fault = func(int, []string, [][]float32) ([][]float32, error) { return nil, boom }
		defer func() { emb.fault = nil }()
		_, err := ix.Search(context.Background(), "talks", 3)
		if !errors.Is(err, boom) {
			t.Errorf("error %v, want it to wrap %v", err, boom)
		}
	})
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(16)}, nil)
	ps, err := ix.Search(context.Background(), "anything", 5)
	if err != nil || len(ps) != 0 {
		t.Errorf("Search on empty index = %v, %v; want nothing, nil", ps, err)
	}
	if ix.Len() != 0 || len(ix.Articles()) != 0 {
		t.Errorf("empty index has Len %d, %d articles", ix.Len(), len(ix.Articles()))
	}
}

func TestTerms(t *testing.T) {
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, defaultArticles(t))
	terms := ix.Terms("Who led the Ukranian delegaton to xyzzyqq?")
	byWord := map[string]retrieval.Term{}
	var words []string
	for _, tm := range terms {
		byWord[tm.Word] = tm
		words = append(words, tm.Word)
	}
	if want := []string{"led", "ukranian", "delegaton", "xyzzyqq"}; !slices.Equal(words, want) {
		t.Fatalf("words %v, want %v (stopwords dropped, order kept)", words, want)
	}
	tests := []struct {
		word      string
		stem      string
		corrected bool
		known     bool
	}{
		{"led", "led", false, true},
		{"ukranian", "ukrainian", true, true},
		{"delegaton", "deleg", true, true},
		{"xyzzyqq", "xyzzyqq", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := byWord[tt.word]
			if got.Stem != tt.stem || got.Corrected != tt.corrected || got.Known != tt.known {
				t.Errorf("term %+v, want stem %q corrected %v known %v", got, tt.stem, tt.corrected, tt.known)
			}
			if got.IDF <= 0 || got.IDF > byWord["xyzzyqq"].IDF {
				t.Errorf("IDF %v: want > 0 and at most the unknown word's %v", got.IDF, byWord["xyzzyqq"].IDF)
			}
		})
	}
}

func TestArticlesAndStats(t *testing.T) {
	arts := defaultArticles(t)
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(32)}, arts)
	infos := ix.Articles()
	if len(infos) != len(arts) {
		t.Fatalf("%d articles, want %d", len(infos), len(arts))
	}
	sum := 0
	for i, info := range infos {
		if info.Source != arts[i].Source || info.Title != arts[i].Title || info.Date != arts[i].Date || info.Chunks == 0 {
			t.Errorf("article %d = %+v, want %s %q %s with chunks", i, info, arts[i].Source, arts[i].Title, arts[i].Date)
		}
		sum += info.Chunks
	}
	st := ix.Stats()
	want := retrieval.Stats{
		Chunks: ix.Len(), Articles: len(arts), Embedded: ix.Len(),
		EmbedderKey: "local/hash-v1/32", Dim: 32,
	}
	if sum != ix.Len() || st != want {
		t.Errorf("stats %+v (chunk sum %d), want %+v", st, sum, want)
	}
	infos[0].Title = "changed"
	if ix.Articles()[0].Title == "changed" {
		t.Error("Articles returned the index's own slice")
	}
}

// The index is read-only after Open: concurrent searches must be safe (run
// with -race) and agree with a sequential one.
func TestSearchConcurrent(t *testing.T) {
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, defaultArticles(t))
	queries := []string{"ceasefire", "prisoner exchange", "ukranian delegaton", "Erdogan", "who led the Russian delegation"}
	want := map[string][]retrieval.Passage{}
	for _, q := range queries {
		ps, err := ix.Search(context.Background(), q, 4)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = ps
	}
	errs := make(chan error, 8*len(queries))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range queries {
				q := queries[(g+i)%len(queries)]
				ps, err := ix.Search(context.Background(), q, 4)
				if err == nil && !reflect.DeepEqual(ps, want[q]) {
					err = fmt.Errorf("%q ranked differently under concurrency", q)
				}
				if err != nil {
					errs <- err
				}
				ix.Terms(q)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
