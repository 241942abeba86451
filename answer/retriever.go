package answer

import (
	"context"

	"footnote/retrieval"
)

// Retriever is what the answer engine needs from the index. *retrieval.Index
// implements it.
type Retriever interface {
	// Retrieve returns up to q.K passages for q.Text that pass q's
	// filters (dates, sources), best first.
	Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error)
	// Terms analyses query the way Search does (normalised, stemmed,
	// spell-corrected against the vocabulary, weighted by IDF).
	Terms(query string) []retrieval.Term
}
