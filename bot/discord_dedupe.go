package bot

import "sync"

// seenIDs remembers recently handled interaction and message IDs. Discord
// may deliver an event twice (a gateway resume replays it); the second copy
// must not even be acknowledged, which happens before the core, with its
// own dedupe, sees the turn.
type seenIDs struct {
	mu  sync.Mutex
	ids *lru[string, struct{}]
}

func newSeenIDs(size int) *seenIDs {
	if size <= 0 {
		size = 4096
	}
	return &seenIDs{ids: newLRU[string, struct{}](size)}
}

// first reports whether id is seen for the first time, and remembers it.
// An empty id is never a duplicate.
func (s *seenIDs) first(id string) bool {
	if id == "" {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ids.get(id); ok {
		return false
	}
	s.ids.put(id, struct{}{})
	return true
}
