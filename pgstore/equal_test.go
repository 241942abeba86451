package pgstore_test

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/eval"
	"footnote/pgstore"
	"footnote/retrieval"
)

// TestSameAnswersAsEmbeddedIndex syncs the default corpus into the store
// and asks every question of testdata/qa.jsonl through the same extractive
// engine over the embedded index and over the store: the passages and the
// answers must be the same.
func TestSameAnswersAsEmbeddedIndex(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	arts := defaultArticles(t)
	emb := retrieval.NewLocalEmbedder(0)
	if _, err := s.Sync(ctx, seq(arts...), pgstore.SyncOptions{Embedder: emb}); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: emb}, seq(arts...))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := s.Retriever(ctx, emb)
	if err != nil {
		t.Fatalf("Retriever: %v", err)
	}
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := eval.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	embedded := extractive.New(ix, extractive.Options{})
	stored := extractive.New(pr, extractive.Options{})
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			if got, want := pr.Terms(c.Question), ix.Terms(c.Question); !reflect.DeepEqual(got, want) {
				t.Errorf("Terms(%q):\nstore    %+v\nembedded %+v", c.Question, got, want)
			}
			day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
			for _, q := range []retrieval.Query{
				{Text: c.Question, K: 12},
				{Text: c.Question, K: 5, Sources: []string{arts[0].Source, arts[3].Source}},
				{Text: c.Question, K: 5, Since: day("2025-05-17")},
				{Text: c.Question, K: 5, Until: day("2025-05-16")},
				{Text: c.Question, K: 8, Recency: 1},
			} {
				want, err := ix.Retrieve(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pr.Retrieve(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Retrieve(%+v) differs:\nstore    %s\nembedded %s", q, ids(got), ids(want))
				}
			}
			wa, err := embedded.Answer(ctx, answer.Request{Question: c.Question})
			if err != nil {
				t.Fatal(err)
			}
			ga, err := stored.Answer(ctx, answer.Request{Question: c.Question})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ga, wa) {
				t.Errorf("answer to %q differs:\nstore    %+v\nembedded %+v", c.Question, ga, wa)
			}
		})
	}
}

func ids(ps []retrieval.Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
