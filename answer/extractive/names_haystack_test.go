package extractive_test

import (
	"context"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
	"footnote/retrieval"
)

// TestNameWordsMustStandTogether: a question about a name the articles
// never use declines even when each word of the name turns up somewhere
// ("World" in one story, "Cup" in another), as happens in a large corpus.
func TestNameWordsMustStandTogether(t *testing.T) {
	arts := []corpus.Article{
		{Source: "war.txt", Title: "Memorial", Text: "Memorial\n\nVeterans of the Second World War gathered in the harbour town on Sunday to lay wreaths."},
		{Source: "cup.txt", Title: "Final", Text: "Final\n\nHarbour City won the regional cup final on Monday, beating Eastgate 2-0 as they had in 2022."},
		{Source: "fair.txt", Title: "Fair", Text: "Fair\n\nThe harvest fair opened on Friday with a record number of stalls and visitors."},
	}
	ctx := context.Background()
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	e := extractive.New(ix, extractive.Options{})
	tests := []struct {
		question string
		answered bool
	}{
		{"Who won the 2022 FIFA World Cup?", false},
		{"Who won the regional cup final?", true},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			a, err := e.Answer(ctx, answer.Request{Question: tt.question})
			if err != nil {
				t.Fatal(err)
			}
			if a.Answered != tt.answered {
				t.Errorf("answered %v (%q), want %v", a.Answered, a.Text, tt.answered)
			}
		})
	}
}
