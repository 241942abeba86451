package discord

import "sync"

// DefaultDedupeSize is how many recent message and interaction IDs are
// remembered to drop redeliveries.
const DefaultDedupeSize = 4096

// dedupe remembers the most recent IDs, because Discord (a gateway resume,
// an interaction retried over HTTP) can deliver the same message or
// interaction twice and the user should get one answer. It forgets the
// oldest ID first, so memory stays bounded.
type dedupe struct {
	mu   sync.Mutex
	seen map[string]struct{}
	ring []string // the remembered IDs, oldest at next once full
	next int
}

// newDedupe remembers the last size IDs (at least one).
func newDedupe(size int) *dedupe {
	size = max(size, 1)
	return &dedupe{seen: make(map[string]struct{}, size), ring: make([]string, 0, size)}
}

// first reports whether id is new, and remembers it. An empty id is never a
// duplicate.
func (d *dedupe) first(id string) bool {
	if id == "" {
		return true
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.seen[id]; ok {
		return false
	}
	d.seen[id] = struct{}{}
	if len(d.ring) < cap(d.ring) {
		d.ring = append(d.ring, id)
		return true
	}
	delete(d.seen, d.ring[d.next])
	d.ring[d.next] = id
	d.next = (d.next + 1) % len(d.ring)
	return true
}
