package answer

import (
	"context"

	"footnote/retrieval"
)

// Retriever is what the answer engine needs from the index. *retrieval.Index
// implements it.
type Retriever interface {
	// Search returns up to k passages for query, best first.
	Search(ctx context.Context, query string, k int) ([]retrieval.Passage, error)
	// Terms analyses query the way Search does (normalised, stemmed,
	// spell-corrected against the vocabulary, weighted by IDF).
	Terms(query string) []retrieval.Term
}
