package extractive_test

import (
	"context"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
)

// BenchmarkExtractiveAnswer measures one offline answer over the default
// articles, retrieval included.
func BenchmarkExtractiveAnswer(b *testing.B) {
	ix, err := defaultIndex()
	if err != nil {
		b.Fatal(err)
	}
	e := extractive.New(ix, extractive.Options{})
	questions := []string{
		"Who led Ukraine's delegation?",
		"How long did the negotiations last?",
		"Who chaired the talks and how long did they last?",
		"What is the population of Brazil?",
	}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Answer(ctx, answer.Request{Question: questions[i%len(questions)]}); err != nil {
			b.Fatal(err)
		}
	}
}
