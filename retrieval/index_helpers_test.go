package retrieval_test

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"footnote/corpus"
	"footnote/retrieval"
)

// countingEmbedder wraps the local embedder and records every Embed call:
// how many, how many texts, which texts, and how many ran at once.
type countingEmbedder struct {
	inner retrieval.Embedder
	key   string // overrides inner.Key() when set

	// holdUntil, when > 0, makes each call wait until that many calls are
	// in flight, so a test can see whether the bound is reached. A call
	// that waits longer than holdTimeout fails, which fails the Open and
	// so the test.
	holdUntil int
	// fault, when set, may replace a call's result (call numbers from 1).
	fault func(call int, texts []string, vecs [][]float32) ([][]float32, error)

	mu          sync.Mutex
	calls       int
	texts       []string
	batchSizes  []int
	inflight    int
	maxInflight int
	// reached is closed once holdUntil calls have been in flight together.
	reached chan struct{}
}

// holdTimeout bounds the wait in hold. It only turns a broken bound into a
// failure instead of a hang; correct code never comes near it.
const holdTimeout = 30 * time.Second

func newCounting(dim int) *countingEmbedder {
	return &countingEmbedder{inner: retrieval.NewLocalEmbedder(dim)}
}

func (c *countingEmbedder) Key() string {
	if c.key != "" {
		return c.key
	}
	return c.inner.Key()
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.mu.Lock()
	c.calls++
	call := c.calls
	c.texts = append(c.texts, texts...)
	c.batchSizes = append(c.batchSizes, len(texts))
	c.inflight++
	c.maxInflight = max(c.maxInflight, c.inflight)
	reached := c.reachedChan()
	if c.holdUntil > 0 && c.maxInflight >= c.holdUntil {
		select {
		case <-reached:
		default:
			close(reached)
		}
	}
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.inflight--
		c.mu.Unlock()
	}()
	if err := c.hold(ctx, reached); err != nil {
		return nil, err
	}
	vecs, err := c.inner.Embed(ctx, texts)
	if c.fault != nil && err == nil {
		return c.fault(call, texts, vecs)
	}
	return vecs, err
}

// reachedChan returns the channel closed when holdUntil is reached,
// making it on first use. c.mu must be held.
func (c *countingEmbedder) reachedChan() chan struct{} {
	if c.reached == nil {
		c.reached = make(chan struct{})
	}
	return c.reached
}

// hold waits until holdUntil calls have been in flight together (signalled
// by closing reached), the context ends, or holdTimeout passes; the last
// two are errors.
func (c *countingEmbedder) hold(ctx context.Context, reached <-chan struct{}) error {
	if c.holdUntil <= 0 {
		return nil
	}
	timer := time.NewTimer(holdTimeout)
	defer timer.Stop()
	select {
	case <-reached:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("hold: %w", ctx.Err())
	case <-timer.C:
		c.mu.Lock()
		defer c.mu.Unlock()
		return fmt.Errorf("hold: %d of %d calls in flight after %v; the concurrency bound is never reached", c.maxInflight, c.holdUntil, holdTimeout)
	}
}

// reset forgets the calls so far (e.g. those of a first Open).
func (c *countingEmbedder) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls, c.texts, c.batchSizes, c.maxInflight, c.reached = 0, nil, nil, 0, nil
}

func (c *countingEmbedder) snapshot() (calls int, texts []string, sizes []int, maxInflight int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls, slices.Clone(c.texts), slices.Clone(c.batchSizes), c.maxInflight
}

// defaultArticles loads the five default articles.
func defaultArticles(t testing.TB) []corpus.Article {
	t.Helper()
	arts, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatalf("load default corpus: %v", err)
	}
	if len(arts) != 5 {
		t.Fatalf("default corpus has %d articles, want 5", len(arts))
	}
	return arts
}

// seq yields articles from a slice, as corpus.Articles would.
func seq(arts []corpus.Article) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// noticeLog collects notices.
type noticeLog struct {
	mu   sync.Mutex
	msgs []string
}

func (n *noticeLog) add(msg string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.msgs = append(n.msgs, msg)
}

func (n *noticeLog) all() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.msgs)
}

// openIndex opens an index and fails the test on error.
func openIndex(t testing.TB, opts retrieval.Options, arts []corpus.Article) *retrieval.Index {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), opts, seq(arts))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ix
}

// totalChunks is the number of chunks the articles are cut into.
func totalChunks(arts []corpus.Article, opt retrieval.ChunkOptions) int {
	n := 0
	for _, a := range arts {
		n += len(retrieval.ChunkArticle(a, opt))
	}
	return n
}
