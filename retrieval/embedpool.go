package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
)

// embedPool embeds records in batches with a bounded number of Embed calls
// in flight. add blocks while the pool is full, which throttles the article
// reader too, so memory stays bounded by Concurrency batches. The first error
// cancels the batches still running.
type embedPool struct {
	emb       Embedder
	batchSize int
	sem       chan struct{}
	ctx       context.Context
	cancel    context.CancelCauseFunc
	done      func(n int) // called after each batch with its size
	wg        sync.WaitGroup
	pending   []*record

	mu  sync.Mutex
	dim int // dimension of the first vector seen; 0 before
	err error
}

// newEmbedPool starts a pool; call wait to release it.
func newEmbedPool(ctx context.Context, emb Embedder, batchSize, concurrency int, done func(n int)) *embedPool {
	ctx, cancel := context.WithCancelCause(ctx)
	return &embedPool{
		emb: emb, batchSize: batchSize, sem: make(chan struct{}, concurrency),
		ctx: ctx, cancel: cancel, done: done,
	}
}

// add queues r for embedding and sends a batch once BatchSize are queued.
func (p *embedPool) add(r *record) error {
	p.pending = append(p.pending, r)
	if len(p.pending) < p.batchSize {
		return p.stopped()
	}
	return p.flush()
}

// stopped returns why the pool was stopped (a batch's error or the parent
// context's), or nil while it runs.
func (p *embedPool) stopped() error {
	if p.ctx.Err() == nil {
		return nil
	}
	return context.Cause(p.ctx)
}

// flush sends the queued records as one batch, waiting for a free slot.
func (p *embedPool) flush() error {
	if len(p.pending) == 0 {
		return nil
	}
	batch := p.pending
	p.pending = nil
	select {
	case p.sem <- struct{}{}:
	case <-p.ctx.Done():
		return context.Cause(p.ctx)
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer func() { <-p.sem }()
		if err := p.embed(batch); err != nil {
			p.fail(err)
			return
		}
		p.done(len(batch))
	}()
	return nil
}

// wait flushes what is queued, waits for every batch and returns the first
// error.
func (p *embedPool) wait() error {
	ferr := p.flush()
	p.wg.Wait()
	p.cancel(nil)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	return ferr
}

// fail records the first error and cancels the other batches.
func (p *embedPool) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
		p.cancel(err)
	}
}

// embed embeds one batch and stores the normalised vectors in its records.
func (p *embedPool) embed(batch []*record) error {
	vecs, owned, err := p.embedBatch(batch)
	if err != nil {
		return fmt.Errorf("embed %d chunks (first %s): %w", len(batch), batch[0].ID, err)
	}
	if len(vecs) != len(batch) {
		return fmt.Errorf("embed %d chunks (first %s): embedder returned %d vectors", len(batch), batch[0].ID, len(vecs))
	}
	for i, v := range vecs {
		if err := p.checkDim(len(v)); err != nil {
			return fmt.Errorf("embed chunk %s: %w", batch[i].ID, err)
		}
		nv := v
		if !owned {
			nv = make([]float32, len(v))
		}
		if err := unitVectorInto(nv, v); err != nil {
			return fmt.Errorf("embed chunk %s: %w", batch[i].ID, err)
		}
		batch[i].vec, batch[i].codes = nv, nil
	}
	return nil
}

// embedBatch returns the embedder's vectors of batch's texts, and whether
// they are the pool's to change (no one else holds them). The local
// embedder takes the words the builder already split each chunk into
// (record.words) instead of the text: the same vectors, one split less.
func (p *embedPool) embedBatch(batch []*record) (vecs [][]float32, owned bool, err error) {
	if le, ok := p.emb.(*LocalEmbedder); ok {
		vecs := make([][]float32, len(batch))
		for i, r := range batch {
			if err := p.ctx.Err(); err != nil {
				return nil, false, fmt.Errorf("local embed: text %d of %d: %w", i, len(batch), err)
			}
			if r.words != nil {
				vecs[i] = le.embedWords(r.words)
			} else {
				vecs[i] = le.embed(r.Text)
			}
			r.words = nil
		}
		return vecs, true, nil
	}
	texts := make([]string, len(batch))
	for i, r := range batch {
		texts[i] = r.Text
	}
	vecs, err = p.emb.Embed(p.ctx, texts)
	return vecs, false, err
}

// checkDim fixes the pool's dimension on the first vector and rejects any
// vector of another dimension.
func (p *embedPool) checkDim(n int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case n == 0:
		return errors.New("embedder returned an empty vector")
	case p.dim == 0:
		p.dim = n
	case n != p.dim:
		return fmt.Errorf("vector has %d dimensions, earlier ones %d: %w", n, p.dim, ErrDimensionMismatch)
	}
	return nil
}

// dimension returns the dimension of the vectors embedded so far (0: none).
func (p *embedPool) dimension() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dim
}

// unitVector returns v scaled to unit length, computed in float64 so the
// result passes chromem's unit-length check and chromem keeps our slice
// instead of copying it. A zero vector stays zero (it has no direction);
// NaN or infinite components are an error.
func unitVector(v []float32) ([]float32, error) { return UnitVector(v) }

// UnitVector returns v scaled to unit length, as the index stores vectors
// (a zero vector stays zero; NaN or infinite components are an error).
func UnitVector(v []float32) ([]float32, error) {
	out := make([]float32, len(v))
	if err := unitVectorInto(out, v); err != nil {
		return nil, err
	}
	return out, nil
}

// unitVectorInto writes v scaled to unit length into out (len(v), which
// may be v itself).
func unitVectorInto(out, v []float32) error {
	var sum float64
	for _, x := range v {
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return errors.New("embedder returned a non-finite value")
		}
		sum += f * f
	}
	if sum == 0 {
		clear(out)
		return nil
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return nil
}
