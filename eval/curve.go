package eval

import (
	"cmp"
	"slices"
)

// Outcome is one case reduced to what the refusal measures and the
// risk–coverage curve need. An engine's training command can build
// Outcomes from its own candidate answers and reuse [RiskCoverage] and
// [BestThreshold] to choose its decline threshold.
type Outcome struct {
	Answerable bool // the corpus holds the answer (Expect.Answered)
	Answered   bool // the engine answered (Answer.Answered)
	// Correct reports whether the answer was graded correct; it only
	// matters when Answered.
	Correct bool
	// Confidence is the engine's probability that the answer is right
	// (Answer.Confidence).
	Confidence float64
}

// Outcomes reduces graded results to outcomes, in order. A case the
// answerer failed on is graded wrong, so it counts as the wrong move: a
// decline of an answerable case, a (wrong) answer to an unanswerable one,
// at confidence 0.
func Outcomes(results []Result) []Outcome {
	out := make([]Outcome, len(results))
	for i, r := range results {
		out[i] = Outcome{
			Answerable: r.Expect.Answered,
			Answered:   r.Answer.Answered,
			Correct:    r.Correct,
			Confidence: r.Answer.Confidence,
		}
		if r.Error != "" {
			out[i] = Outcome{Answerable: r.Expect.Answered, Answered: !r.Expect.Answered}
		}
	}
	return out
}

// Tally counts outcomes.
func Tally(outcomes []Outcome) Counts {
	var c Counts
	for _, o := range outcomes {
		c.add(o)
	}
	return c
}

// CurvePoint is the run as it would have been had the engine declined
// every answer whose Confidence is below Threshold.
type CurvePoint struct {
	// Threshold: answers with Confidence >= Threshold are kept.
	Threshold float64 `json:"threshold"`
	Answered  int     `json:"answered"` // answers kept
	// Coverage is Answered over all cases.
	Coverage float64 `json:"coverage"`
	// Risk is the share of kept answers graded wrong; SelectiveAccuracy is
	// 1 - Risk.
	Risk              float64 `json:"risk"`
	SelectiveAccuracy float64 `json:"selective_accuracy"`
	// Accuracy is the share of all cases graded correct, counting the
	// dropped answers as declines (right for an unanswerable case).
	Accuracy float64 `json:"accuracy"`
	// Trust holds the refusal measures at this threshold.
	Trust
}

// Curve is a risk–coverage curve: what raising the decline threshold
// would trade. A threshold only turns answers into declines, so coverage
// runs up to the share of cases the engine answered itself.
type Curve struct {
	// Points has one point per distinct Confidence of an answered case,
	// highest threshold (lowest coverage) first.
	Points []CurvePoint `json:"-"`
	// MaxCoverage is the coverage of the last point: the engine as run.
	MaxCoverage float64 `json:"max_coverage"`
	// AURC is the area under the risk–coverage step curve divided by
	// MaxCoverage: the mean risk over the coverage the engine reaches (the
	// AURC of Geifman & El-Yaniv when it answers everything). Lower is
	// better; a constant confidence gives the run's plain risk.
	AURC float64 `json:"aurc"`
}

// RiskCoverage computes the curve of outcomes. Cases sharing a confidence
// enter together, since no threshold separates them.
func RiskCoverage(outcomes []Outcome) Curve {
	answered := make([]Outcome, 0, len(outcomes))
	var c Counts // everything declined: the curve's starting point
	for _, o := range outcomes {
		declined := o
		declined.Answered = false
		c.add(declined)
		if o.Answered {
			answered = append(answered, o)
		}
	}
	slices.SortStableFunc(answered, func(a, b Outcome) int { return cmp.Compare(b.Confidence, a.Confidence) })
	n := len(outcomes)
	var curve Curve
	for i := 0; i < len(answered); {
		t := answered[i].Confidence
		for ; i < len(answered) && answered[i].Confidence == t; i++ {
			o := answered[i]
			c.Refused--
			c.Answered++
			if o.Answerable {
				c.AnsweredAnswerable++
				if o.Correct {
					c.AnsweredCorrect++
				}
			} else {
				c.RefusedUnanswerable--
			}
		}
		risk := 1 - ratio(c.AnsweredCorrect, c.Answered)
		curve.Points = append(curve.Points, CurvePoint{
			Threshold:         t,
			Answered:          c.Answered,
			Coverage:          ratio(c.Answered, n),
			Risk:              risk,
			SelectiveAccuracy: 1 - risk,
			Accuracy:          ratio(c.Correct(), n),
			Trust:             TrustOf(c),
		})
	}
	prev := 0.0
	for _, p := range curve.Points {
		curve.AURC += p.Risk * (p.Coverage - prev)
		prev = p.Coverage
	}
	if prev > 0 {
		curve.AURC /= prev
	}
	curve.MaxCoverage = prev
	return curve
}

// AtCoverage returns, for each level (a share of all cases, ascending),
// the point with the highest threshold whose coverage reaches it. Levels
// beyond MaxCoverage have no point and are skipped; a point that serves
// several levels is returned once.
func (c Curve) AtCoverage(levels []float64) []CurvePoint {
	var out []CurvePoint
	next := 0
	for _, l := range levels {
		for next < len(c.Points) && c.Points[next].Coverage < l-1e-9 {
			next++
		}
		if next == len(c.Points) {
			break
		}
		if len(out) == 0 || out[len(out)-1].Threshold != c.Points[next].Threshold {
			out = append(out, c.Points[next])
		}
	}
	return out
}

// DecileLevels are the coverage levels the report shows: 10%, 20%, …, 100%.
var DecileLevels = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}

// Objective scores a curve point for [BestThreshold]; higher is better.
type Objective func(CurvePoint) float64

// Objectives a threshold can be chosen for.
var (
	// MaxF1GR maximises Trust-Score's F1-GR.
	MaxF1GR Objective = func(p CurvePoint) float64 { return orZero(p.F1GR) }
	// MaxF1GRGraded maximises F1-GR with wrong answers counted as misses.
	MaxF1GRGraded Objective = func(p CurvePoint) float64 { return orZero(p.F1GRGraded) }
	// MaxAccuracy maximises accuracy over all cases.
	MaxAccuracy Objective = func(p CurvePoint) float64 { return p.Accuracy }
)

// BestThreshold returns the point of c that maximises objective; among
// equal scores (within rounding), the one with the higher coverage. ok is
// false when c has no points (the engine answered nothing).
func BestThreshold(c Curve, objective Objective) (best CurvePoint, ok bool) {
	const tie = 1e-12
	bestScore := 0.0
	for _, p := range c.Points {
		if s := objective(p); !ok || s >= bestScore-tie {
			best, bestScore, ok = p, max(s, bestScore), true
		}
	}
	return best, ok
}

// ThresholdForRisk returns the point of c with the highest coverage whose
// risk is at most maxRisk; ok is false when no point is that safe.
func ThresholdForRisk(c Curve, maxRisk float64) (best CurvePoint, ok bool) {
	for _, p := range c.Points {
		if p.Risk <= maxRisk+1e-12 {
			best, ok = p, true
		}
	}
	return best, ok
}

func orZero(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
