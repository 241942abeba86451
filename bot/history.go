package bot

import (
	"context"
	"sync"

	"footnote/answer"
	"footnote/internal/lru"
)

// history keeps the last few turns (question and answer) of each conversation, so a
// follow-up ("and who led Russia's?") reaches the engine with its context.
// Conversations not active for a while are forgotten (bounded LRU).
type history struct {
	turns int // questions kept per conversation; <= 0 disables history

	mu    sync.Mutex
	convs *lru.Cache[string, []answer.Turn]
}

// newHistory keeps turns questions for each of at most maxConvs conversations.
func newHistory(turns, maxConvs int) *history {
	return &history{turns: turns, convs: lru.New[string, []answer.Turn](maxConvs)}
}

// get returns a copy of the conversation's recent turns, oldest first.
// An empty conversation ID has no history: turns without one cannot be told
// apart, and sharing history between them would leak questions.
func (h *history) get(conv string) []answer.Turn {
	if h.turns <= 0 || conv == "" {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	qs, _ := h.convs.Get(conv)
	return append([]answer.Turn(nil), qs...)
}

// Recent is get for [HistoryStore]: n is the history's own cap.
func (h *history) Recent(_ context.Context, conv string, n int) ([]answer.Turn, error) {
	ts := h.get(conv)
	return ts[max(0, len(ts)-n):], nil
}

// Append is add for [HistoryStore].
func (h *history) Append(_ context.Context, conv string, t answer.Turn) error {
	h.add(conv, t)
	return nil
}

// add records a turn, dropping the oldest beyond the cap.
func (h *history) add(conv string, turn answer.Turn) {
	if h.turns <= 0 || conv == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	qs, _ := h.convs.Get(conv)
	// Copy rather than append in place: get hands out copies, but a fresh
	// slice keeps this obviously free of aliasing.
	next := append(append(make([]answer.Turn, 0, len(qs)+1), qs...), turn)
	if len(next) > h.turns {
		next = next[len(next)-h.turns:]
	}
	h.convs.Put(conv, next)
}
