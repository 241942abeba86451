package llm_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"footnote/internal/fakeopenai"
	"footnote/llm"
)

func TestEmbedBatchesAndKeepsOrder(t *testing.T) {
	tests := []struct {
		texts, batch int
		wantRequests int64
	}{
		{texts: 1, batch: 64, wantRequests: 1},
		{texts: 64, batch: 64, wantRequests: 1},
		{texts: 65, batch: 64, wantRequests: 2},
		{texts: 150, batch: 64, wantRequests: 3},
		{texts: 10, batch: 3, wantRequests: 4},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d texts by %d", tt.texts, tt.batch), func(t *testing.T) {
			s := newServer(t)
			emb := newClient(t, s, func(c *llm.Config) { c.EmbedBatch = tt.batch }).Embedder()
			texts := make([]string, tt.texts)
			for i := range texts {
				texts[i] = fmt.Sprintf("text number %d about topic %d", i, i%7)
			}
			vecs, err := emb.Embed(context.Background(), texts)
			if err != nil {
				t.Fatal(err)
			}
			if s.EmbeddingRequests() != tt.wantRequests || s.EmbeddedInputs() != int64(tt.texts) {
				t.Errorf("requests=%d inputs=%d, want %d and %d",
					s.EmbeddingRequests(), s.EmbeddedInputs(), tt.wantRequests, tt.texts)
			}
			if len(vecs) != tt.texts {
				t.Fatalf("got %d vectors for %d texts", len(vecs), tt.texts)
			}
			for i, v := range vecs {
				if n := norm(v); math.Abs(n-1) > 1e-5 {
					t.Fatalf("vector %d has norm %f, want 1", i, n)
				}
				// The fake reverses its data array: order must come from index.
				if c := cos(v, fakeopenai.Vector(texts[i], len(v))); c < 0.9999 {
					t.Fatalf("vector %d does not belong to text %d (cos %f)", i, i, c)
				}
			}
		})
	}
}

func TestEmbedKeyAndDimensions(t *testing.T) {
	s := newServer(t, fakeopenai.WithDimension("text-embedding-3-small", 1536))
	tests := []struct {
		dims    int
		wantKey string
		wantDim int
	}{
		{0, "openai/text-embedding-3-small", 1536},
		{256, "openai/text-embedding-3-small/256", 256},
	}
	for _, tt := range tests {
		t.Run(tt.wantKey, func(t *testing.T) {
			emb := newClient(t, s, func(c *llm.Config) { c.Dimensions = tt.dims }).Embedder()
			if emb.Key() != tt.wantKey {
				t.Errorf("Key() = %q, want %q", emb.Key(), tt.wantKey)
			}
			vecs, err := emb.Embed(context.Background(), []string{"Istanbul talks"})
			if err != nil {
				t.Fatal(err)
			}
			if len(vecs[0]) != tt.wantDim {
				t.Errorf("dimension %d, want %d", len(vecs[0]), tt.wantDim)
			}
		})
	}
}

func TestEmbedInputChecks(t *testing.T) {
	s := newServer(t)
	emb := newClient(t, s, nil).Embedder()
	vecs, err := emb.Embed(context.Background(), nil)
	if err != nil || len(vecs) != 0 {
		t.Errorf("no texts: got %d vectors, %v", len(vecs), err)
	}
	if _, err := emb.Embed(context.Background(), []string{"ok", ""}); err == nil {
		t.Error("an empty text was accepted")
	}
	if s.EmbeddingRequests() != 0 {
		t.Errorf("bad input still sent %d requests", s.EmbeddingRequests())
	}
}

func TestEmbedRequestedDimensionTooLarge(t *testing.T) {
	s := newServer(t, fakeopenai.WithDefaultDimension(32))
	emb := newClient(t, s, func(c *llm.Config) { c.Dimensions = 64 }).Embedder()
	_, err := emb.Embed(context.Background(), []string{"x"})
	if !errors.Is(err, llm.ErrRejected) || s.EmbeddingRequests() != 1 {
		t.Errorf("err = %v after %d requests, want ErrRejected after 1", err, s.EmbeddingRequests())
	}
}

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func cos(a, b []float32) float64 {
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	return dot / (norm(a) * norm(b))
}
