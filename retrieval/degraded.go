package retrieval

import (
	"context"
	"errors"
	"fmt"
)

// ErrLexicalOnly is wrapped by the error Retrieve returns along with
// passages found by BM25 alone, because the query could not be embedded
// (an embeddings outage). A caller that can answer from lexical matches
// checks errors.Is(err, ErrLexicalOnly), uses the passages and says so;
// any other caller sees an error, as before.
var ErrLexicalOnly = errors.New("embeddings unavailable: lexical search only")

// lexicalOnly returns the ErrLexicalOnly error for a failure to embed the
// query, or nil when err is nil or is not the embedder's to excuse: the
// caller's context ending, or an index whose vectors do not fit the
// embedder (a configuration error that must not be hidden).
func lexicalOnly(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrDimensionMismatch) {
		return nil
	}
	return fmt.Errorf("%w (%w)", ErrLexicalOnly, err)
}
