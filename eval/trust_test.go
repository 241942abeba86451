package eval_test

import (
	"math"
	"testing"

	"footnote/eval"
)

// sampleOutcomes is the hand-worked example of trust_test.go and
// curve_test.go: six answerable cases (a1–a6) and four unanswerable ones
// (u1–u4).
func sampleOutcomes() []eval.Outcome {
	return []eval.Outcome{
		{Answerable: true, Answered: true, Correct: true, Confidence: 0.9},   // a1
		{Answerable: true, Answered: true, Correct: true, Confidence: 0.8},   // a2
		{Answerable: true, Answered: true, Correct: false, Confidence: 0.8},  // a3, tied with a2
		{Answerable: true, Answered: true, Correct: false, Confidence: 0.3},  // a4
		{Answerable: true, Answered: false, Confidence: 0.2},                 // a5, declined
		{Answerable: true, Answered: true, Correct: true, Confidence: 0.6},   // a6
		{Answerable: false, Answered: true, Confidence: 0.7},                 // u1, answered
		{Answerable: false, Answered: false, Correct: true, Confidence: 0.1}, // u2
		{Answerable: false, Answered: false, Correct: true},                  // u3
		{Answerable: false, Answered: true, Confidence: 0.3},                 // u4, tied with a4
	}
}

func TestTally(t *testing.T) {
	got := eval.Tally(sampleOutcomes())
	want := eval.Counts{Answerable: 6, Unanswerable: 4, Answered: 7, Refused: 3,
		AnsweredAnswerable: 5, AnsweredCorrect: 3, RefusedUnanswerable: 2}
	if got != want {
		t.Fatalf("Tally = %+v\nwant    %+v", got, want)
	}
	if got.Correct() != 5 {
		t.Errorf("Correct = %d, want 5 (3 right answers + 2 right refusals)", got.Correct())
	}
}

// na marks a measure without a denominator in the table below.
var na = math.NaN()

func TestTrustOf(t *testing.T) {
	tests := []struct {
		name string
		c    eval.Counts
		// refusal P R F1, answer P R F1, graded P R F1, F1-GR, F1-GR graded
		want [11]float64
	}{
		{
			// The sample: refused 3 of which 2 unanswerable (of 4); answered
			// 7 of which 5 answerable (of 6) and 3 right.
			name: "sample",
			c:    eval.Tally(sampleOutcomes()),
			want: [11]float64{2. / 3, 2. / 4, 4. / 7, 5. / 7, 5. / 6, 10. / 13, 3. / 7, 3. / 6, 6. / 13, 61. / 91, 47. / 91},
		},
		{
			// A peer that never declines: no refusal precision, refusal
			// recall and F1 zero.
			name: "never refuses",
			c:    eval.Counts{Answerable: 2, Unanswerable: 2, Answered: 4, AnsweredAnswerable: 2, AnsweredCorrect: 1},
			want: [11]float64{na, 0, 0, 0.5, 1, 2. / 3, 0.25, 0.5, 1. / 3, 1. / 3, 1. / 6},
		},
		{
			name: "refuses everything",
			c:    eval.Counts{Answerable: 1, Unanswerable: 1, Refused: 2, RefusedUnanswerable: 1},
			want: [11]float64{0.5, 1, 2. / 3, na, 0, 0, na, 0, 0, 1. / 3, 1. / 3},
		},
		{
			// Without unanswerable cases refusal recall, and so F1-GR, has
			// no denominator.
			name: "no unanswerable cases",
			c:    eval.Counts{Answerable: 2, Answered: 1, Refused: 1, AnsweredAnswerable: 1, AnsweredCorrect: 1},
			want: [11]float64{0, na, na, 1, 0.5, 2. / 3, 1, 0.5, 2. / 3, na, na},
		},
		{
			name: "perfect",
			c:    eval.Counts{Answerable: 3, Unanswerable: 1, Answered: 3, Refused: 1, AnsweredAnswerable: 3, AnsweredCorrect: 3, RefusedUnanswerable: 1},
			want: [11]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
		},
	}
	names := [11]string{"refusal precision", "refusal recall", "refusal F1", "answer precision", "answer recall", "answer F1",
		"graded precision", "graded recall", "graded F1", "F1-GR", "F1-GR graded"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := eval.TrustOf(tt.c)
			got := [11]*float64{tr.RefusalPrecision, tr.RefusalRecall, tr.RefusalF1, tr.AnswerPrecision, tr.AnswerRecall, tr.AnswerF1,
				tr.GradedPrecision, tr.GradedRecall, tr.GradedF1, tr.F1GR, tr.F1GRGraded}
			for i, w := range tt.want {
				checkShare(t, names[i], got[i], w)
			}
		})
	}
}

// checkShare compares an optional measure with want (NaN: want n/a).
func checkShare(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(want) && got != nil:
		t.Errorf("%s = %v, want n/a", name, *got)
	case math.IsNaN(want):
	case got == nil:
		t.Errorf("%s = n/a, want %v", name, want)
	case math.Abs(*got-want) > 1e-12:
		t.Errorf("%s = %v, want %v", name, *got, want)
	}
}
