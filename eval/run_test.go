package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/eval"
	"footnote/retrieval"
)

// scripted answers from a fixed table keyed by question.
type scripted map[string]answer.Answer

func (s scripted) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	a, ok := s[req.Question]
	if !ok {
		return answer.Answer{}, errors.New("no script for question")
	}
	return a, nil
}

// fixedRetriever returns passages from the listed sources for every query.
type fixedRetriever struct {
	sources map[string][]string // by query
	queries []string
}

// Retrieve implements answer.Retriever over Search; filters are ignored.
func (f *fixedRetriever) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	return f.Search(ctx, q.Text, q.K)
}

func (f *fixedRetriever) Search(_ context.Context, q string, k int) ([]retrieval.Passage, error) {
	f.queries = append(f.queries, q)
	var out []retrieval.Passage
	for _, s := range f.sources[q] {
		out = append(out, retrieval.Passage{Chunk: retrieval.Chunk{Source: s}})
	}
	return out[:min(k, len(out))], nil
}

func (f *fixedRetriever) Terms(string) []retrieval.Term { return nil }

func testCases() []eval.Case {
	return []eval.Case{
		{ID: "f1", Question: "Who chaired?", Kind: "fact", Expect: eval.Expect{Answered: true, AnswerAny: []string{"Fidan"}, SourcesAny: []string{"a.txt"}}},
		{ID: "f2", Question: "Where?", Kind: "fact", Expect: eval.Expect{Answered: true, AnswerAny: []string{"Istanbul"}, SourcesAny: []string{"b.txt"}}},
		{ID: "u1", Question: "Who won the cup?", Kind: "unanswerable", Expect: eval.Expect{Answered: false}},
		{ID: "e1", Question: "Broken?", Kind: "fact", Expect: eval.Expect{Answered: true, AnswerAny: []string{"x"}}},
		{ID: "h1", Question: "and Russia's?", Kind: "followup", History: []string{"Who led Ukraine's?"}, Expect: eval.Expect{Answered: true, AnswerAny: []string{"Medinsky"}, SourcesAny: []string{"a.txt"}}},
	}
}

func testAnswerer() scripted {
	return scripted{
		"Who chaired?":     {Answered: true, Text: "Hakan Fidan [1][2]", Citations: []answer.Citation{{N: 1, Source: "a.txt"}, {N: 2, Source: "c.txt"}}},
		"Where?":           {Answered: true, Text: "Ankara [1]", Citations: []answer.Citation{{N: 1, Source: "b.txt"}}},
		"Who won the cup?": {Answered: false, Text: "The articles don't say."},
		"and Russia's?":    {Answered: true, Text: "Medinsky [1]", Citations: []answer.Citation{{N: 1, Source: "a.txt"}}},
	}
}

func TestRun(t *testing.T) {
	r := &fixedRetriever{sources: map[string][]string{
		"Who chaired?":                     {"c.txt", "a.txt", "a.txt"},
		"Where?":                           {"c.txt"},
		"Who led Ukraine's? and Russia's?": {"a.txt"},
	}}
	rep, err := eval.Run(context.Background(), testCases(), testAnswerer(), r, eval.Options{K: 3})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := map[string]bool{"f1": true, "f2": false, "u1": true, "e1": false, "h1": true}
	for _, res := range rep.Results {
		if res.Correct != want[res.ID] {
			t.Errorf("%s correct = %v, want %v (%v)", res.ID, res.Correct, want[res.ID], res.Reasons)
		}
	}
	if got := rep.Results[3].Reasons; len(got) != 1 || !strings.HasPrefix(got[0], "error: ") {
		t.Errorf("answerer error not recorded as reason: %v", got)
	}
	if got := rep.Results[0].Retrieved; strings.Join(got, ",") != "c.txt,a.txt" {
		t.Errorf("retrieved sources = %v, want distinct in rank order", got)
	}

	s := rep.Summary
	if s.Total != 5 || s.Correct != 3 || s.Accuracy != 0.6 {
		t.Errorf("totals = %d/%d (%v)", s.Correct, s.Total, s.Accuracy)
	}
	if ks := s.ByKind["fact"]; ks.Total != 3 || ks.Correct != 1 {
		t.Errorf("fact stats = %+v", ks)
	}
	// Cited files over answered cases: f1 {a ok, c wrong}, f2 {b ok}, h1 {a ok} → 3/4.
	if s.CitationPrecision == nil || *s.CitationPrecision != 0.75 {
		t.Errorf("citation precision = %v, want 0.75", fmtShare(s.CitationPrecision))
	}
	// Answerable cases with sources: f1 hit, f2 miss, h1 hit (follow-up searched with history) → 2/3.
	if s.RecallAtK == nil || *s.RecallAtK < 0.66 || *s.RecallAtK > 0.67 || s.K != 3 {
		t.Errorf("recall@%d = %v, want 2/3", s.K, fmtShare(s.RecallAtK))
	}
}

func TestRunWithoutRetriever(t *testing.T) {
	rep, err := eval.Run(context.Background(), testCases()[:3], testAnswerer(), nil, eval.Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if rep.Summary.RecallAtK != nil || rep.Summary.K != 5 {
		t.Errorf("recall without retriever = %v at k=%d, want n/a at default 5", fmtShare(rep.Summary.RecallAtK), rep.Summary.K)
	}
	for _, res := range rep.Results {
		if res.Retrieved != nil {
			t.Errorf("%s retrieved %v without a retriever", res.ID, res.Retrieved)
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eval.Run(ctx, testCases(), testAnswerer(), nil, eval.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run on cancelled ctx = %v, want context.Canceled", err)
	}
}

// TestSummaryWithoutSources checks that a set whose cases name no expected
// sources reports citation precision and recall@k as n/a, not 0%, while
// the totals stay.
func TestSummaryWithoutSources(t *testing.T) {
	cases := []eval.Case{
		{ID: "a", Question: "Who chaired?", Kind: "fact", Expect: eval.Expect{Answered: true, AnswerAny: []string{"Fidan"}}},
		{ID: "b", Question: "Who won the cup?", Kind: "unanswerable", Expect: eval.Expect{Answered: false}},
	}
	r := &fixedRetriever{sources: map[string][]string{"Who chaired?": {"a.txt"}}}
	rep, err := eval.Run(context.Background(), cases, testAnswerer(), r, eval.Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	s := rep.Summary
	if s.CitationPrecision != nil || s.RecallAtK != nil {
		t.Errorf("precision %v, recall %v; want both n/a without sources_any", fmtShare(s.CitationPrecision), fmtShare(s.RecallAtK))
	}
	if s.Total != 2 || s.Correct != 2 || s.Accuracy != 1 {
		t.Errorf("totals = %d/%d (%v), want 2/2", s.Correct, s.Total, s.Accuracy)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatalf("WriteTable: %v", err)
	}
	for _, want := range []string{"citation precision          n/a", "recall@5                    n/a", "accuracy                    2/2 100.0%"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := rep.WriteJSON(&buf, nil); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("last line is not JSON: %v", err)
	}
	for _, key := range []string{"total", "correct", "accuracy"} {
		if _, ok := got[key]; !ok {
			t.Errorf("summary JSON lacks %q", key)
		}
	}
	for _, key := range []string{"citation_precision", "recall_at_k"} {
		if v, ok := got[key]; ok {
			t.Errorf("summary JSON has %s = %v, want it left out", key, v)
		}
	}
}

// fmtShare renders an optional share for a failure message.
func fmtShare(r *float64) string {
	if r == nil {
		return "n/a"
	}
	return fmt.Sprint(*r)
}
