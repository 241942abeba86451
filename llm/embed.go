package llm

import (
	"context"
	"fmt"
	"math"
	"strconv"

	openai "github.com/sashabaranov/go-openai"
)

// Embedder embeds texts with the client's embedding model. It implements
// retrieval.Embedder.
type Embedder struct {
	c *Client
}

// Embedder returns the client's embedder.
func (c *Client) Embedder() *Embedder { return &Embedder{c: c} }

// Key names the provider, model and requested dimension, such as
// "openai/text-embedding-3-small" or "openai/text-embedding-3-small/256".
// An index built under another key is rebuilt rather than mixed.
func (e *Embedder) Key() string {
	k := "openai/" + e.c.cfg.EmbeddingModel
	if e.c.cfg.Dimensions > 0 {
		k += "/" + strconv.Itoa(e.c.cfg.Dimensions)
	}
	return k
}

// Embed returns one L2-normalised vector per text, in order. Texts are sent
// in batches of Config.EmbedBatch; all vectors have the same dimension.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	for i, t := range texts {
		if t == "" {
			return nil, fmt.Errorf("llm embed: text %d is empty", i)
		}
	}
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.c.cfg.EmbedBatch {
		end := min(start+e.c.cfg.EmbedBatch, len(texts))
		vecs, err := e.batch(ctx, texts[start:end])
		if err != nil {
			return nil, fmt.Errorf("embed texts %d-%d of %d: %w", start, end-1, len(texts), err)
		}
		if len(out) > 0 && len(vecs[0]) != len(out[0]) {
			return nil, &Error{Op: "embed", Kind: ErrBadResponse,
				Detail: fmt.Sprintf("vector dimension changed from %d to %d between batches", len(out[0]), len(vecs[0]))}
		}
		out = append(out, vecs...)
	}
	return out, nil
}

// batch embeds one request's worth of texts, with retries.
func (e *Embedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	req := openai.EmbeddingRequestStrings{
		Input:      texts,
		Model:      openai.EmbeddingModel(e.c.cfg.EmbeddingModel),
		Dimensions: e.c.cfg.Dimensions,
	}
	var vecs [][]float32
	err := e.c.retry(ctx, "embed", func(ctx context.Context, _ *probe) error {
		resp, err := e.c.api.CreateEmbeddings(ctx, req)
		if err != nil {
			return err
		}
		vecs, err = e.vectors(resp, len(texts))
		return err
	})
	return vecs, err
}

// vectors checks a response against the request (count, indices,
// dimension, finite non-zero values), orders it by index and normalises it.
func (e *Embedder) vectors(resp openai.EmbeddingResponse, want int) ([][]float32, error) {
	bad := func(format string, args ...any) error {
		return &Error{Op: "embed", Kind: ErrBadResponse, Detail: fmt.Sprintf(format, args...)}
	}
	if len(resp.Data) != want {
		return nil, bad("got %d vectors for %d texts", len(resp.Data), want)
	}
	out := make([][]float32, want)
	for _, d := range resp.Data {
		switch {
		case d.Index < 0 || d.Index >= want || out[d.Index] != nil:
			return nil, bad("vector index %d is out of range or repeated", d.Index)
		case len(d.Embedding) == 0:
			return nil, bad("vector %d is empty", d.Index)
		case e.c.cfg.Dimensions > 0 && len(d.Embedding) != e.c.cfg.Dimensions:
			return nil, bad("vector %d has dimension %d, want %d", d.Index, len(d.Embedding), e.c.cfg.Dimensions)
		case len(d.Embedding) != len(resp.Data[0].Embedding):
			return nil, bad("vectors have different dimensions")
		}
		v, ok := normalise(d.Embedding)
		if !ok {
			return nil, bad("vector %d is zero or not finite", d.Index)
		}
		out[d.Index] = v
	}
	return out, nil
}

// normalise returns v scaled to unit length, or false when v is zero or
// holds NaN or Inf.
func normalise(v []float32) ([]float32, bool) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	norm := math.Sqrt(sum)
	if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
		return nil, false
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) / norm)
	}
	return out, true
}
