package retrieval_test

import (
	"context"
	"testing"

	"footnote/corpus"
	"footnote/retrieval"
)

func TestRetrieveRecencyPrior(t *testing.T) {
	mk := func(src, date, text string) corpus.Article {
		return corpus.Article{Source: src, Title: src, Date: date, Text: text, Size: int64(len(text))}
	}
	arts := []corpus.Article{
		mk("old.txt", "2025-05-01", "Ceasefire talks\n\nThe ceasefire talks in Geneva ended without a deal on Friday, the delegations said after two days of meetings."),
		mk("new.txt", "2025-05-20", "Geneva round closes\n\nA new round in Geneva on a ceasefire closed on Tuesday with a partial deal on prisoners, officials said."),
		mk("undated.txt", "", "Harbour bridge\n\nThe harbour bridge reopened after repairs to the cables that the storm damaged, the city said on Monday."),
	}
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, arts)
	const q = "ceasefire talks in Geneva ended deal"
	top := func(recency float64) string {
		ps, err := ix.Retrieve(context.Background(), retrieval.Query{Text: q, K: 3, Recency: recency})
		if err != nil || len(ps) == 0 {
			t.Fatalf("Retrieve: %v, %d passages", err, len(ps))
		}
		return ps[0].Source
	}
	if got := top(0); got != "old.txt" {
		t.Fatalf("without the prior the best match is %s, want old.txt (the fixture is wrong)", got)
	}
	if got := top(1); got != "new.txt" {
		t.Errorf("with the prior the top passage is %s, want the newer report new.txt", got)
	}
	// The prior reorders matches; it does not pull in what does not match.
	ps, err := ix.Retrieve(context.Background(), retrieval.Query{Text: "harbour bridge cables", K: 1, Recency: 1})
	if err != nil || len(ps) != 1 || ps[0].Source != "undated.txt" {
		t.Errorf("an unrelated query with the prior: %v, want undated.txt first", ps)
	}
}
