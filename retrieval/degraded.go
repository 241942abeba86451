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

// misconfigured is implemented by embedder errors that can tell a wrong
// configuration (a bad API key, an unknown model) from an outage;
// *llm.Error does.
type misconfigured interface{ Misconfigured() bool }

// lexicalOnly returns the ErrLexicalOnly error for a failure to embed the
// query, or nil when err is nil or is not an outage to work around: the
// caller's context ending, an index whose vectors do not fit the embedder,
// or an embedder that says it is misconfigured (configuration errors must
// not be hidden behind a quieter answer).
func lexicalOnly(ctx context.Context, err error) error {
	var m misconfigured
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrDimensionMismatch) || errors.As(err, &m) && m.Misconfigured() {
		return nil
	}
	return fmt.Errorf("%w (%w)", ErrLexicalOnly, err)
}

// LexicalOnly is the same decision for stores that rank elsewhere
// (package pgstore): the [ErrLexicalOnly] error to return with BM25's
// passages when embedding the query failed with err, or nil when err must
// be returned as it is.
func LexicalOnly(ctx context.Context, err error) error { return lexicalOnly(ctx, err) }
