package answer_test

import (
	"slices"
	"testing"
	"time"

	"footnote/answer"
	"footnote/retrieval"
)

func TestFromPassage(t *testing.T) {
	p := retrieval.Passage{
		Chunk:  retrieval.Chunk{Source: "a.txt", Title: "T", Date: "2025-06-02", URL: "https://x.example/a"},
		AlsoIn: []string{"b.txt", "c.txt"},
	}
	c := answer.FromPassage(3, p)
	if c.N != 3 || c.Source != "a.txt" || c.Title != "T" || c.Date != "2025-06-02" || c.URL != "https://x.example/a" || !slices.Equal(c.AlsoIn, p.AlsoIn) {
		t.Errorf("FromPassage = %+v", c)
	}
	p.AlsoIn[0] = "changed.txt"
	if c.AlsoIn[0] != "b.txt" {
		t.Error("the citation shares AlsoIn with the passage")
	}
}

func TestDated(t *testing.T) {
	cites := []answer.Citation{{Date: "2025-05-16"}, {Date: ""}, {Date: "2025-05-17"}}
	if got := answer.Dated(answer.Answer{Answered: true, Citations: cites}).AsOf; got != "2025-05-17" {
		t.Errorf("AsOf = %q, want the newest date", got)
	}
	if got := answer.Dated(answer.Answer{Answered: false, Citations: cites}).AsOf; got != "" {
		t.Errorf("a decline: AsOf = %q, want none", got)
	}
	if got := answer.Dated(answer.Answer{Answered: true, Citations: []answer.Citation{{}}}).AsOf; got != "" {
		t.Errorf("undated sources: AsOf = %q, want none", got)
	}
	if got := answer.FormatAsOf("2025-05-07"); got != "as of 7 May 2025" {
		t.Errorf("FormatAsOf = %q", got)
	}
}

func TestRequestQuery(t *testing.T) {
	since := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2025, 5, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		question string
		recency  float64
	}{
		{"What is the latest on the talks?", 1},
		{"What are the most recent figures?", 1},
		{"Who leads the delegation now?", 1},
		{"Is the bridge still closed?", 1},
		{"Who led the delegation?", 0},
		{"When did the talks start?", 0},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			r := answer.Request{Question: tt.question, Since: since, Until: until, Sources: []string{"a.txt"}}
			q := r.Query("search text", 7)
			if q.Text != "search text" || q.K != 7 || !q.Since.Equal(since) || !q.Until.Equal(until) || !slices.Equal(q.Sources, r.Sources) {
				t.Errorf("Query = %+v, want the request's filters", q)
			}
			if q.Recency != tt.recency {
				t.Errorf("Recency = %v, want %v", q.Recency, tt.recency)
			}
		})
	}
}
