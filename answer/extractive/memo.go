package extractive

import (
	"sync"
	"sync/atomic"
)

// memoEntries bounds how many (question word, sentence word) levels the
// engine remembers in all (about 52 bytes each, measured: ~7 MB at the
// bound); past it the memos start anew.
const memoEntries = 1 << 17

// wordMemo is how sentence words stand for one question word: their
// [matchLevel] by norm. A level depends only on the two words, so one memo
// serves every question that holds the word, and the next question on a
// topic finds most of its words' levels known instead of walking WordNet
// again. Hold mu while reading or writing lv.
type wordMemo struct {
	mu    sync.Mutex
	lv    map[string]int8
	sib   map[string]bool // whether the sentence word is a sibling of the question word (see swapFeatures)
	owner *memos          // counts the entries; nil for a private memo
}

func newWordMemo(owner *memos) *wordMemo {
	return &wordMemo{lv: map[string]int8{}, sib: map[string]bool{}, owner: owner}
}

// grew records that n levels were added to w.
func (w *wordMemo) grew(n int) {
	if w.owner != nil && n > 0 {
		w.owner.entries.Add(int64(n))
	}
}

// memos hands out the wordMemo of each question word, bounded by
// memoEntries levels in all: when more are held it drops every memo (the
// questions in flight keep theirs until they finish). It is safe for
// concurrent use.
type memos struct {
	max     int64
	mu      sync.Mutex
	words   map[string]*wordMemo
	entries atomic.Int64
}

func newMemos(max int64) *memos {
	return &memos{max: max, words: map[string]*wordMemo{}}
}

// of returns the memo of question word norm.
func (m *memos) of(norm string) *wordMemo {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries.Load() > m.max {
		m.words = map[string]*wordMemo{}
		m.entries.Store(0)
	}
	w := m.words[norm]
	if w == nil {
		w = newWordMemo(m)
		m.words[norm] = w
		m.entries.Add(1) // a word counts too, so the map of words is bounded
	}
	return w
}
