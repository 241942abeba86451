package answer_test

import (
	"context"
	"fmt"
	"testing"

	"footnote/answer"
	"footnote/retrieval"
)

// degradedRetriever answers like an index whose embedder is down.
type degradedRetriever struct{ down bool }

func (d degradedRetriever) Retrieve(context.Context, retrieval.Query) ([]retrieval.Passage, error) {
	ps := []retrieval.Passage{{Chunk: retrieval.Chunk{Source: "a.txt", Text: "Umerov led it."}}}
	if d.down {
		return ps, fmt.Errorf("search: %w (boom)", retrieval.ErrLexicalOnly)
	}
	return ps, nil
}
func (degradedRetriever) Terms(string) []retrieval.Term { return nil }

// twiceAnswerer retrieves twice, as a generative answer and its fallback do.
type twiceAnswerer struct{ r answer.Retriever }

func (a twiceAnswerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	for range 2 {
		if _, err := a.r.Retrieve(ctx, retrieval.Query{Text: req.Question, K: 1}); err != nil {
			return answer.Answer{}, err
		}
	}
	return answer.Answer{Question: req.Question, Text: "Umerov [1].", Answered: true, Note: "LLM unavailable"}, nil
}

func TestLexicalFallbackNotesOnce(t *testing.T) {
	for _, down := range []bool{false, true} {
		lex := answer.NewLexicalFallback(degradedRetriever{down: down})
		ans, err := lex.Answerer(twiceAnswerer{lex.Retriever()}).Answer(context.Background(), answer.Request{Question: "who?"})
		if err != nil {
			t.Fatalf("down=%v: %v", down, err)
		}
		want := "LLM unavailable"
		if down {
			want += "; " + answer.NoteLexicalOnly
		}
		if ans.Note != want {
			t.Errorf("down=%v: note %q, want %q", down, ans.Note, want)
		}
	}
}
