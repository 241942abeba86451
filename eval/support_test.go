package eval_test

import (
	"context"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/eval"
)

func TestSupport(t *testing.T) {
	results := []eval.Result{
		{Answer: answer.Answer{Check: &answer.CheckStats{Checked: 3, Moved: 1, Unsupported: 1, Dropped: 1}}},
		{Answer: answer.Answer{}}, // extractive: not checked
		{Answer: answer.Answer{Check: &answer.CheckStats{Checked: 1}}},
	}
	s, ok := eval.Support(results)
	if !ok || s.Answers != 2 || s.Checked != 4 || s.Supported != 3 || s.Moved != 1 || s.Dropped != 1 || s.Unsupported != 1 {
		t.Fatalf("Support = %+v, %v", s, ok)
	}
	if got := s.Rate(s.Supported); got != 0.75 {
		t.Errorf("supported rate = %v, want 0.75", got)
	}
	if _, ok := eval.Support(results[1:2]); ok {
		t.Error("an unchecked run reported support")
	}
}

// checkedAnswerer answers every case with a checked LLM answer.
type checkedAnswerer struct{}

func (checkedAnswerer) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	return answer.Answer{Question: req.Question, Text: "Umerov led it [1].", Answered: true, Mode: answer.ModeGenerative,
		Citations: []answer.Citation{{N: 1, Source: "a.txt"}}, Verified: 1,
		Check: &answer.CheckStats{Checked: 2, Moved: 1, Dropped: 1, Unsupported: 1}}, nil
}

func TestReportShowsCitationSupport(t *testing.T) {
	cases := []eval.Case{{ID: "a", Question: "Who led it?", Kind: "fact", Expect: eval.Expect{Answered: true, AnswerAny: []string{"Umerov"}}}}
	rep, err := eval.Run(context.Background(), cases, checkedAnswerer{}, nil, eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"claims checked / supported  2 / 50.0%", "markers moved / dropped     1 / 1", "claims unsupported          1 (50.0%)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	if s := rep.Summary.Support; s == nil || s.Checked != 2 {
		t.Errorf("summary support = %+v", s)
	}
}
