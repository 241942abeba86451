package retrieval_test

import (
	"context"
	"testing"
	"time"

	"footnote/retrieval"
)

// TestRetrieveFilters checks that date and source filters apply before
// the K passages are chosen, on the default corpus (dated 2025-05-16 and
// 2025-05-17, two articles undated).
func TestRetrieveFilters(t *testing.T) {
	arts := defaultArticles(t)
	dates := map[string]string{}
	for _, a := range arts {
		dates[a.Source] = a.Date
	}
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, arts)
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name  string
		q     retrieval.Query
		allow func(src string) bool
	}{
		{"since", retrieval.Query{Since: day("2025-05-17")}, func(s string) bool { return dates[s] >= "2025-05-17" }},
		{"until", retrieval.Query{Until: day("2025-05-16")}, func(s string) bool { return dates[s] != "" && dates[s] <= "2025-05-16" }},
		{"since and until", retrieval.Query{Since: day("2025-05-16"), Until: day("2025-05-16")}, func(s string) bool { return dates[s] == "2025-05-16" }},
		{"sources", retrieval.Query{Sources: []string{"001_2658a89f975dce50.txt"}}, func(s string) bool { return s == "001_2658a89f975dce50.txt" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Text, tt.q.K = "who led the delegation in the talks", 6
			ps, err := ix.Retrieve(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatal("no passages")
			}
			for _, p := range ps {
				if !tt.allow(p.Source) {
					t.Errorf("passage of %s (dated %q) passed the filter", p.Source, dates[p.Source])
				}
			}
		})
	}
	t.Run("nothing in range", func(t *testing.T) {
		ps, err := ix.Retrieve(context.Background(), retrieval.Query{Text: "talks", K: 3, Since: day("2030-01-01")})
		if err != nil || len(ps) != 0 {
			t.Errorf("Retrieve = %d passages, %v; want none", len(ps), err)
		}
	})
}
