package retrieval_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"footnote/retrieval"
)

// When the query cannot be embedded, Retrieve still returns BM25's
// passages, with an error wrapping ErrLexicalOnly and the cause; a
// cancelled caller and a wrong-sized vector stay plain errors.
func TestRetrieveLexicalOnlyWhenEmbedderFails(t *testing.T) {
	arts := defaultArticles(t)
	emb := newCounting(8)
	ix := openIndex(t, retrieval.Options{Embedder: emb}, arts)
	outage := errors.New("embeddings service unavailable")
	emb.mu.Lock()
	emb.fault = func(int, []string, [][]float32) ([][]float32, error) { return nil, outage }
	emb.mu.Unlock()

	ps, err := ix.Retrieve(context.Background(), retrieval.Query{Text: "Rustem Umerov delegation", K: 3})
	if !errors.Is(err, retrieval.ErrLexicalOnly) || !errors.Is(err, outage) {
		t.Fatalf("err = %v, want ErrLexicalOnly wrapping the outage", err)
	}
	if len(ps) == 0 || !strings.Contains(ps[0].Text, "Umerov") {
		t.Fatalf("passages = %d, first %q: want BM25's, Umerov first", len(ps), first(ps))
	}
	for _, p := range ps {
		if p.Vector != 0 || p.Lexical == 0 {
			t.Errorf("passage %s: vector score %v, lexical %v: want lexical only", p.ID, p.Vector, p.Lexical)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	emb.mu.Lock()
	emb.fault = func(int, []string, [][]float32) ([][]float32, error) { cancel(); return nil, context.Canceled }
	emb.mu.Unlock()
	if _, err := ix.Retrieve(ctx, retrieval.Query{Text: "Umerov", K: 3}); err == nil || errors.Is(err, retrieval.ErrLexicalOnly) {
		t.Errorf("cancelled caller: err = %v, want a plain error", err)
	}

	emb.mu.Lock()
	emb.fault = func(_ int, _ []string, vecs [][]float32) ([][]float32, error) { return [][]float32{{1, 2}}, nil }
	emb.mu.Unlock()
	if _, err := ix.Retrieve(context.Background(), retrieval.Query{Text: "Umerov", K: 3}); !errors.Is(err, retrieval.ErrDimensionMismatch) || errors.Is(err, retrieval.ErrLexicalOnly) {
		t.Errorf("wrong-sized vector: err = %v, want ErrDimensionMismatch alone", err)
	}
}

// badKey is an embedder error that says the configuration is wrong.
type badKey struct{}

func (badKey) Error() string       { return "invalid API key" }
func (badKey) Misconfigured() bool { return true }

// A wrong key is not an outage: it stays an error, so it is fixed rather
// than hidden behind lexical answers.
func TestRetrieveMisconfiguredEmbedderFails(t *testing.T) {
	emb := newCounting(8)
	ix := openIndex(t, retrieval.Options{Embedder: emb}, defaultArticles(t))
	emb.mu.Lock()
	emb.fault = func(int, []string, [][]float32) ([][]float32, error) { return nil, badKey{} }
	emb.mu.Unlock()
	if _, err := ix.Retrieve(context.Background(), retrieval.Query{Text: "Umerov", K: 3}); err == nil || errors.Is(err, retrieval.ErrLexicalOnly) {
		t.Errorf("err = %v, want a plain error", err)
	}
}

func first(ps []retrieval.Passage) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].Text
}
