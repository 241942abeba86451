package answer

import (
	"context"
	"errors"
	"sync/atomic"

	"footnote/retrieval"
)

// NoteLexicalOnly is the note of an answer found by lexical search alone.
const NoteLexicalOnly = "embeddings unavailable: lexical search only"

// LexicalFallback keeps an engine answering through an embeddings outage.
// Build the engines over Retriever() and answer through Answerer: when the
// retriever can only search lexically ([retrieval.ErrLexicalOnly]) the
// engines get the lexical passages as an ordinary result, and the answer
// carries NoteLexicalOnly. The engines need not know: the note is added in
// this one place, however many retrievals (a generative answer and its
// extractive fallback) one answer makes.
type LexicalFallback struct {
	r Retriever
}

// NewLexicalFallback returns a LexicalFallback over r.
func NewLexicalFallback(r Retriever) *LexicalFallback { return &LexicalFallback{r: r} }

// Retriever returns the retriever to build engines over.
func (l *LexicalFallback) Retriever() Retriever { return lexicalRetriever{l.r} }

// Answerer wraps a, an engine built over Retriever(), so that its answers
// say when they were found by lexical search alone.
func (l *LexicalFallback) Answerer(a Answerer) Answerer { return lexicalAnswerer{a} }

// lexicalKey carries the per-answer flag set by a degraded retrieval.
type lexicalKey struct{}

// lexicalRetriever turns ErrLexicalOnly into its passages and flags the
// answer in progress.
type lexicalRetriever struct{ r Retriever }

var _ Retriever = lexicalRetriever{}

// Retrieve implements Retriever.
func (l lexicalRetriever) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	ps, err := l.r.Retrieve(ctx, q)
	if errors.Is(err, retrieval.ErrLexicalOnly) {
		if flag, ok := ctx.Value(lexicalKey{}).(*atomic.Bool); ok {
			flag.Store(true)
		}
		return ps, nil
	}
	return ps, err
}

// Terms implements Retriever.
func (l lexicalRetriever) Terms(query string) []retrieval.Term { return l.r.Terms(query) }

// lexicalAnswerer notes answers found by lexical search alone.
type lexicalAnswerer struct{ a Answerer }

var _ Answerer = lexicalAnswerer{}

// Answer implements Answerer.
func (l lexicalAnswerer) Answer(ctx context.Context, req Request) (Answer, error) {
	var lexical atomic.Bool
	ans, err := l.a.Answer(context.WithValue(ctx, lexicalKey{}, &lexical), req)
	if err == nil && lexical.Load() {
		if ans.Note == "" {
			ans.Note = NoteLexicalOnly
		} else {
			ans.Note += "; " + NoteLexicalOnly
		}
	}
	return ans, err
}
