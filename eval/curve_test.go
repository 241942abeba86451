package eval_test

import (
	"math"
	"testing"

	"footnote/eval"
)

// TestRiskCoverage checks every point of the sample's curve, worked by
// hand. Answers by confidence: a1 0.9 right; a2 right and a3 wrong at 0.8;
// u1 0.7 wrong; a6 0.6 right; a4 and u4 0.3 wrong. Ten cases in all.
func TestRiskCoverage(t *testing.T) {
	c := eval.RiskCoverage(sampleOutcomes())
	want := []struct {
		threshold, coverage, risk, accuracy, f1gr float64
		answered                                  int
	}{
		{0.9, 0.1, 0, 0.5, 41. / 91, 1},      // 1 right + 4 right refusals
		{0.8, 0.3, 1. / 3, 0.6, 23. / 33, 3}, // ties enter together
		{0.7, 0.4, 0.5, 0.5, 0.6, 4},
		{0.6, 0.5, 0.4, 0.6, 23. / 33, 5},
		{0.3, 0.7, 4. / 7, 0.5, 61. / 91, 7}, // the run as it was
	}
	if len(c.Points) != len(want) {
		t.Fatalf("%d points, want %d: %+v", len(c.Points), len(want), c.Points)
	}
	for i, w := range want {
		p := c.Points[i]
		if p.Threshold != w.threshold || p.Answered != w.answered {
			t.Errorf("point %d: threshold %v with %d answers, want %v with %d", i, p.Threshold, p.Answered, w.threshold, w.answered)
		}
		for _, m := range []struct {
			name      string
			got, want float64
		}{
			{"coverage", p.Coverage, w.coverage},
			{"risk", p.Risk, w.risk},
			{"selective accuracy", p.SelectiveAccuracy, 1 - w.risk},
			{"accuracy", p.Accuracy, w.accuracy},
		} {
			if math.Abs(m.got-m.want) > 1e-12 {
				t.Errorf("point %d (threshold %v): %s = %v, want %v", i, w.threshold, m.name, m.got, m.want)
			}
		}
		checkShare(t, "F1-GR", p.F1GR, w.f1gr)
	}
	// Area: 0·0.1 + ⅓·0.2 + ½·0.1 + 0.4·0.1 + 4/7·0.2 = 569/2100, over
	// the coverage reached, 0.7.
	if want := 569. / 1470; math.Abs(c.AURC-want) > 1e-12 || math.Abs(c.MaxCoverage-0.7) > 1e-12 {
		t.Errorf("AURC %v to coverage %v, want %v to 0.7", c.AURC, c.MaxCoverage, want)
	}
}

func TestRiskCoverageEdges(t *testing.T) {
	t.Run("no answers", func(t *testing.T) {
		c := eval.RiskCoverage([]eval.Outcome{{Answerable: true}, {Correct: true}})
		if len(c.Points) != 0 || c.AURC != 0 || c.MaxCoverage != 0 {
			t.Errorf("curve = %+v, want empty", c)
		}
		if _, ok := eval.BestThreshold(c, eval.MaxF1GR); ok {
			t.Error("BestThreshold found a point on an empty curve")
		}
	})
	t.Run("constant confidence", func(t *testing.T) {
		// An engine that does not estimate confidence: one point, and the
		// AURC is the plain risk, 1 wrong of 3 answered.
		c := eval.RiskCoverage([]eval.Outcome{
			{Answerable: true, Answered: true, Correct: true, Confidence: 1},
			{Answerable: true, Answered: true, Confidence: 1},
			{Answerable: true, Answered: true, Correct: true, Confidence: 1},
			{Answerable: false, Answered: false, Correct: true},
		})
		if len(c.Points) != 1 || math.Abs(c.AURC-1./3) > 1e-12 || c.MaxCoverage != 0.75 {
			t.Errorf("curve = %+v, want one point, AURC 1/3 to 0.75", c)
		}
	})
}

func TestAtCoverage(t *testing.T) {
	c := eval.RiskCoverage(sampleOutcomes())
	// 10% → 0.9; 20% and 30% → 0.8 (once); 40% → 0.7; 50% → 0.6; 60% and
	// 70% → 0.3; 80% and beyond are past the engine's coverage.
	got := c.AtCoverage(eval.DecileLevels)
	want := []float64{0.9, 0.8, 0.7, 0.6, 0.3}
	if len(got) != len(want) {
		t.Fatalf("AtCoverage = %+v, want thresholds %v", got, want)
	}
	for i, w := range want {
		if got[i].Threshold != w {
			t.Errorf("level point %d threshold %v, want %v", i, got[i].Threshold, w)
		}
	}
}

func TestChooseThreshold(t *testing.T) {
	c := eval.RiskCoverage(sampleOutcomes())
	tests := []struct {
		name string
		pick func() (eval.CurvePoint, bool)
		want float64 // threshold; NaN: none
	}{
		// 0.8 and 0.6 both give F1-GR 23/33; the higher coverage wins.
		{"max F1-GR", func() (eval.CurvePoint, bool) { return eval.BestThreshold(c, eval.MaxF1GR) }, 0.6},
		// Graded F1-GR: 0.9 → (8/13 + 2/7)/2 = .451; 0.8 → (8/11 + 4/9)/2 = .586;
		// 0.7 → (.6 + .4)/2 = .5; 0.6 → (2/3 + 6/11)/2 = .606; 0.3 → 47/91 = .516.
		{"max F1-GR graded", func() (eval.CurvePoint, bool) { return eval.BestThreshold(c, eval.MaxF1GRGraded) }, 0.6},
		// Accuracy 0.6 at 0.8 and at 0.6: the higher coverage.
		{"max accuracy", func() (eval.CurvePoint, bool) { return eval.BestThreshold(c, eval.MaxAccuracy) }, 0.6},
		{"risk at most 0.4", func() (eval.CurvePoint, bool) { return eval.ThresholdForRisk(c, 0.4) }, 0.6},
		{"risk at most 0.3", func() (eval.CurvePoint, bool) { return eval.ThresholdForRisk(c, 0.3) }, 0.9},
		{"risk at most 1", func() (eval.CurvePoint, bool) { return eval.ThresholdForRisk(c, 1) }, 0.3},
		{"no safe point", func() (eval.CurvePoint, bool) { return eval.ThresholdForRisk(c, -0.1) }, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := tt.pick()
			switch {
			case math.IsNaN(tt.want) && ok:
				t.Errorf("got threshold %v, want none", p.Threshold)
			case !math.IsNaN(tt.want) && (!ok || p.Threshold != tt.want):
				t.Errorf("got threshold %v (ok %v), want %v", p.Threshold, ok, tt.want)
			}
		})
	}
}

// TestOutcomesOfErrors: a case the answerer failed on is the wrong move,
// never a right refusal, so the measures agree with the grade.
func TestOutcomesOfErrors(t *testing.T) {
	results := []eval.Result{
		{Case: eval.Case{ID: "a", Expect: eval.Expect{Answered: true}}, Error: "boom"},
		{Case: eval.Case{ID: "u", Expect: eval.Expect{Answered: false}}, Error: "boom"},
	}
	c := eval.Tally(eval.Outcomes(results))
	want := eval.Counts{Answerable: 1, Unanswerable: 1, Answered: 1, Refused: 1}
	if c != want || c.Correct() != 0 {
		t.Errorf("counts of two failed cases = %+v, want %+v and none correct", c, want)
	}
}
