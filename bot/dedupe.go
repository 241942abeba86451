package bot

import "sync"

// dedupe remembers recent Turn IDs, because Discord (and gateway reconnects)
// can deliver the same message or interaction twice and the user should get
// one answer.
type dedupe struct {
	mu   sync.Mutex
	seen *lru[string, struct{}]
}

// newDedupe remembers the last size IDs.
func newDedupe(size int) *dedupe {
	return &dedupe{seen: newLRU[string, struct{}](size)}
}

// first reports whether id is new, and remembers it. An empty id is never a
// duplicate: it means the transport has no IDs (the CLI).
func (d *dedupe) first(id string) bool {
	if id == "" {
		return true
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.seen.get(id); ok {
		return false
	}
	d.seen.put(id, struct{}{})
	return true
}
