package eval

// The refusal measures follow Trust-Score's "grounded refusals" (Song et
// al., "Measuring and Enhancing Trustworthiness of LLMs in RAG through
// Grounded Attributions and Learning to Refuse", ICLR 2025,
// arXiv:2409.11242; definitions as in the authors' trust-eval code,
// github.com/declare-lab/trust-align, docs/concepts/metrics.md):
//
//	refusal precision = |refused ∩ unanswerable| / |refused|
//	refusal recall    = |refused ∩ unanswerable| / |unanswerable|
//	answer precision  = |answered ∩ answerable| / |answered|
//	answer recall     = |answered ∩ answerable| / |answerable|
//	F1_ref, F1_ans    = the harmonic means of each pair
//	F1-GR             = (F1_ref + F1_ans) / 2
//
// In the paper the answer side counts answered answerable questions
// whether or not the answer is right (correctness is its separate F1_AC).
// [Trust.GradedF1] is the stricter answer side footnote also reports: the
// same precision and recall, counting only answers the grader accepts
// (F1_AC with a 0/1 correctness per question), and [Trust.F1GRGraded]
// averages it with F1_ref. A case is "answerable" when Expect.Answered is
// true, and "refused" when the reply has Answered false.

// Counts is the confusion of a run that the refusal measures are computed
// from.
type Counts struct {
	Answerable   int `json:"answerable"`   // cases whose corpus holds the answer
	Unanswerable int `json:"unanswerable"` // cases it does not
	Answered     int `json:"answered"`     // replies with Answered true
	Refused      int `json:"refused"`      // replies with Answered false
	// AnsweredAnswerable counts answered cases that are answerable.
	AnsweredAnswerable int `json:"answered_answerable"`
	// AnsweredCorrect counts answered cases graded correct (only answerable
	// ones can be).
	AnsweredCorrect int `json:"answered_correct"`
	// RefusedUnanswerable counts correct refusals.
	RefusedUnanswerable int `json:"refused_unanswerable"`
}

// add counts one case.
func (c *Counts) add(o Outcome) {
	if o.Answerable {
		c.Answerable++
	} else {
		c.Unanswerable++
	}
	if !o.Answered {
		c.Refused++
		if !o.Answerable {
			c.RefusedUnanswerable++
		}
		return
	}
	c.Answered++
	if o.Answerable {
		c.AnsweredAnswerable++
		if o.Correct {
			c.AnsweredCorrect++
		}
	}
}

// Correct is the number of cases graded correct: right answers and
// correct refusals.
func (c Counts) Correct() int { return c.AnsweredCorrect + c.RefusedUnanswerable }

// Trust holds the refusal measures of a run. A field is nil (and left out
// of the JSON) when it has no denominator: a run that never refuses has no
// refusal precision, a set without unanswerable cases no refusal recall.
// An F1 is 0 when its recall is 0, and nil when its recall is undefined.
type Trust struct {
	RefusalPrecision *float64 `json:"refusal_precision,omitempty"`
	RefusalRecall    *float64 `json:"refusal_recall,omitempty"`
	RefusalF1        *float64 `json:"refusal_f1,omitempty"`
	AnswerPrecision  *float64 `json:"answer_precision,omitempty"`
	AnswerRecall     *float64 `json:"answer_recall,omitempty"`
	AnswerF1         *float64 `json:"answer_f1,omitempty"`
	// GradedPrecision is right answers / answered; GradedRecall is right
	// answers / answerable; GradedF1 their harmonic mean.
	GradedPrecision *float64 `json:"graded_precision,omitempty"`
	GradedRecall    *float64 `json:"graded_recall,omitempty"`
	GradedF1        *float64 `json:"graded_f1,omitempty"`
	// F1GR is Trust-Score's (RefusalF1 + AnswerF1) / 2.
	F1GR *float64 `json:"f1_gr,omitempty"`
	// F1GRGraded is (RefusalF1 + GradedF1) / 2: F1-GR with wrong answers
	// counted as misses.
	F1GRGraded *float64 `json:"f1_gr_graded,omitempty"`
}

// TrustOf computes the refusal measures from c.
func TrustOf(c Counts) Trust {
	var t Trust
	t.RefusalPrecision = optionalRatio(c.RefusedUnanswerable, c.Refused)
	t.RefusalRecall = optionalRatio(c.RefusedUnanswerable, c.Unanswerable)
	t.RefusalF1 = f1(t.RefusalPrecision, t.RefusalRecall)
	t.AnswerPrecision = optionalRatio(c.AnsweredAnswerable, c.Answered)
	t.AnswerRecall = optionalRatio(c.AnsweredAnswerable, c.Answerable)
	t.AnswerF1 = f1(t.AnswerPrecision, t.AnswerRecall)
	t.GradedPrecision = optionalRatio(c.AnsweredCorrect, c.Answered)
	t.GradedRecall = optionalRatio(c.AnsweredCorrect, c.Answerable)
	t.GradedF1 = f1(t.GradedPrecision, t.GradedRecall)
	t.F1GR = mean(t.RefusalF1, t.AnswerF1)
	t.F1GRGraded = mean(t.RefusalF1, t.GradedF1)
	return t
}

// f1 is the harmonic mean of p and r: nil when r is undefined, 0 when r
// is 0 or p is undefined (nothing of the class was predicted, so none of
// it was found).
func f1(p, r *float64) *float64 {
	if r == nil {
		return nil
	}
	v := 0.0
	if p != nil && *p+*r > 0 {
		v = 2 * *p * *r / (*p + *r)
	}
	return &v
}

// mean is (a+b)/2, or nil when either is undefined.
func mean(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := (*a + *b) / 2
	return &v
}
