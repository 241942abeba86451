package discord

import (
	"context"
	"sync"
	"time"
)

// inflight tracks the questions being answered so a shutdown can stop
// taking new ones and wait, for a bounded time, for those under way.
type inflight struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// enter admits one unit of work; false once closing has begun. A true
// return must be paired with leave.
func (f *inflight) enter() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	f.wg.Add(1)
	return true
}

// leave marks one admitted unit of work done.
func (f *inflight) leave() { f.wg.Done() }

// close stops admitting work and waits until the work under way is done or
// ctx ends; it reports whether everything finished.
func (f *inflight) close(ctx context.Context) bool {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	done := make(chan struct{})
	go func() {
		f.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// DefaultShutdownTimeout bounds how long a shutdown waits for answers
// under way.
const DefaultShutdownTimeout = 10 * time.Second
