package eval_test

import (
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
