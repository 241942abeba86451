package extractive

import (
	"context"
	"testing"

	"footnote/corpus"
	"footnote/internal/haystack"
	"footnote/retrieval"
)

// TestCapTopicNames: in a corpus where "Russia" and "Ukraine" are rare
// (three articles among fifty on other things), the names every retrieved
// passage holds weigh at most half the question's heaviest other word, and
// a name that only some passages hold keeps its weight.
func TestCapTopicNames(t *testing.T) {
	ctx := context.Background()
	arts := []corpus.Article{
		{Source: "a.txt", Title: "Talks", Text: "Talks\n\nRussia and Ukraine met in Geneva. Ukraine called Russia's demands unacceptable."},
		{Source: "b.txt", Title: "Front", Text: "Front\n\nRussia said Ukraine was putting on a show. Fighting in the east of Ukraine went on."},
		{Source: "c.txt", Title: "Aid", Text: "Aid\n\nUkraine asked for more aid as Russia pressed its demands. Poland sent trucks."},
	}
	docs, err := haystack.Generate(haystack.Options{Seed: 1, Docs: 50})
	if err != nil {
		t.Fatal(err)
	}
	for d := range docs {
		a, err := corpus.Clean(d.Name, []byte(d.Text))
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
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
	all, err := ix.Search(ctx, "Ukraine Russia", 3)
	if err != nil || len(all) != 3 {
		t.Fatalf("search: %d passages, %v", len(all), err)
	}
	t.Run("names every passage holds are capped", func(t *testing.T) {
		q := parseQuestion(ix, "How did Ukraine describe Russia's demands?", nil)
		limit := topicShare * q.terms[termIndex(t, q, "demand")].weight
		if len(q.names) != 2 || q.nameWeights[0] <= limit || q.nameWeights[1] <= limit {
			t.Fatalf("names %v weigh %v before the cap, want two above %.2f (else the test proves nothing)", q.names, q.nameWeights, limit)
		}
		before := q.total
		q.capTopicNames(all)
		for n, w := range q.nameWeights {
			if w > limit+1e-9 {
				t.Errorf("name %d weighs %.2f after the cap, want at most %.2f", n, w, limit)
			}
		}
		if q.total >= before {
			t.Errorf("total %.2f, want below %.2f once the names are capped", q.total, before)
		}
	})
	t.Run("a name some passages lack keeps its weight", func(t *testing.T) {
		q := parseQuestion(ix, "What did Poland send to Ukraine as Russia pressed its demands?", nil)
		i := termIndex(t, q, "poland")
		before := q.terms[i].weight
		q.capTopicNames(all)
		if q.terms[i].weight != before {
			t.Errorf("Poland's weight went from %.2f to %.2f, though not every passage names Poland", before, q.terms[i].weight)
		}
	})
}

func termIndex(t *testing.T, q question, stem string) int {
	t.Helper()
	for i, tm := range q.terms {
		if tm.stem == stem {
			return i
		}
	}
	t.Fatalf("no term %q in %+v", stem, q.terms)
	return -1
}
