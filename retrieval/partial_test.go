package retrieval_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"footnote/retrieval"
)

// cancellingEmbedder embeds with the local embedder and cancels the
// context after a number of successful calls, as Ctrl-C would.
type cancellingEmbedder struct {
	*retrieval.LocalEmbedder
	after  int32
	calls  atomic.Int32
	cancel context.CancelFunc
}

func (c *cancellingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v, err := c.LocalEmbedder.Embed(ctx, texts)
	if c.calls.Add(1) == c.after {
		c.cancel()
	}
	return v, err
}

func TestOpenInterruptedKeepsWork(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	emb := &cancellingEmbedder{LocalEmbedder: retrieval.NewLocalEmbedder(0), after: 3, cancel: cancel}
	var notices noticeLog
	_, err := retrieval.Open(ctx, retrieval.Options{Embedder: emb, Dir: dir, BatchSize: 4, Concurrency: 1, Notice: notices.add}, seq(arts))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open = %v, want it cancelled", err)
	}
	if n := notices.all(); len(n) == 0 || !strings.Contains(n[len(n)-1], "resumes") {
		t.Errorf("notices %q, want one saying the work was kept", n)
	}
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0), Dir: dir}, arts)
	st := ix.Stats()
	if st.Reused == 0 || st.Embedded == 0 || st.Reused+st.Embedded != st.Chunks {
		t.Errorf("resumed run: %+v, want some chunks reused from the interrupted run and the rest embedded", st)
	}
}
