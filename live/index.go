// Package live keeps a running footnote's index current with its corpus
// directory: [Watch] reports changes to the directory (fsnotify), settled
// by a debounce, and [Index] lets a rebuilt index replace the old one
// while questions are being answered.
package live

import (
	"context"
	"sync/atomic"

	"footnote/retrieval"
)

// Index is a retrieval index that can be replaced while it serves. It
// satisfies the answer engines' Retriever interface; each call uses the
// index current when it starts.
type Index struct {
	cur atomic.Pointer[retrieval.Index]
}

// NewIndex returns a live index serving ix.
func NewIndex(ix *retrieval.Index) *Index {
	l := &Index{}
	l.cur.Store(ix)
	return l
}

// Current returns the index being served.
func (l *Index) Current() *retrieval.Index { return l.cur.Load() }

// Swap makes ix the index being served.
func (l *Index) Swap(ix *retrieval.Index) { l.cur.Store(ix) }

// Retrieve retrieves from the current index.
func (l *Index) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	return l.cur.Load().Retrieve(ctx, q)
}

// Terms analyses query against the current index.
func (l *Index) Terms(query string) []retrieval.Term { return l.cur.Load().Terms(query) }
