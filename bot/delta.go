package bot

import "sync"

// deltaGate forwards streamed deltas until closed, so a transport never
// receives text for a question Handle has already answered (after a timeout
// the engine may still be running).
type deltaGate struct {
	fn     func(string)
	mu     sync.Mutex
	closed bool
}

// gateDeltas wraps fn; a nil fn gives a gate whose send is nil, so the
// engine knows nobody is listening.
func gateDeltas(fn func(string)) *deltaGate {
	return &deltaGate{fn: fn}
}

// sendFunc returns the callback to hand the engine: it forwards a delta
// unless the gate is closed. It is nil when there is no listener.
func (g *deltaGate) sendFunc() func(string) {
	if g.fn == nil {
		return nil
	}
	return func(d string) {
		g.mu.Lock()
		defer g.mu.Unlock()
		if !g.closed {
			g.fn(d)
		}
	}
}

// close stops forwarding; it waits for a delta being delivered to finish.
func (g *deltaGate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}
