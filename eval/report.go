package eval

import (
	"math"
	"slices"
	"time"
)

// Report is the outcome of a run: every graded case and the totals.
type Report struct {
	Results []Result // one per case, in the set's order
	Summary Summary  // the totals over Results
}

// Summary totals a run.
type Summary struct {
	Total    int     `json:"total"`    // cases run
	Correct  int     `json:"correct"`  // cases graded correct
	Accuracy float64 `json:"accuracy"` // Correct / Total
	// AnswerableAccuracy is the share of answerable cases answered
	// correctly; nil when the set has none.
	AnswerableAccuracy *float64 `json:"answerable_accuracy,omitempty"`
	// UnanswerableDeclined is the share of unanswerable cases declined;
	// nil when the set has none.
	UnanswerableDeclined *float64             `json:"unanswerable_declined,omitempty"`
	ByKind               map[string]KindStats `json:"by_kind"` // the same per Case.Kind
	// ByArticle is the same per article (Case.ArticleKey); cases without
	// a single article are under "".
	ByArticle map[string]KindStats `json:"by_article"`
	// Counts is the answered/refused confusion the refusal measures come
	// from.
	Counts Counts `json:"counts"`
	// Trust holds the refusal measures (precision, recall and F1 of
	// refusals and of answers, F1-GR); its fields are inlined in the JSON.
	Trust
	// RiskCoverage summarises the risk–coverage curve of Answer.Confidence.
	RiskCoverage CurveSummary `json:"risk_coverage"`
	// CitationPrecision is the share of files cited by answered replies
	// that are expected sources (a reply to an unanswerable case cites only
	// wrong files). Cases without expected sources are left out. Nil (and
	// left out of the JSON) when no reply cited a file it could be checked
	// against: a set without sources_any has nothing to measure, and 0%
	// would read as a failure.
	CitationPrecision *float64 `json:"citation_precision,omitempty"`
	// RecallAtK is the share of answerable cases with expected sources whose
	// top-K retrieved passages include one. Nil (and left out of the JSON)
	// when the run had no retriever or no such case.
	RecallAtK *float64 `json:"recall_at_k,omitempty"`
	K         int      `json:"k"`      // the k of RecallAtK
	P50Ms     float64  `json:"p50_ms"` // median answer latency
	P95Ms     float64  `json:"p95_ms"` // 95th percentile answer latency
	// ElapsedMs is the sum of the answer latencies (retrieval for
	// recall@k not included).
	ElapsedMs float64 `json:"elapsed_ms"`
	// Support is the citation support of the claims the engine checked
	// (the LLM path); nil when it checked none.
	Support *SupportStats `json:"citation_support,omitempty"`
}

// KindStats totals the cases of one kind (or one article).
type KindStats struct {
	Total    int     `json:"total"`    // cases of the kind
	Correct  int     `json:"correct"`  // of those, graded correct
	Accuracy float64 `json:"accuracy"` // Correct / Total
	// Answerable and AnswerableCorrect count the answerable cases and the
	// right answers among them.
	Answerable        int `json:"answerable"`
	AnswerableCorrect int `json:"answerable_correct"`
	// Unanswerable and Declined count the unanswerable cases and the
	// declines among them.
	Unanswerable int `json:"unanswerable"`
	Declined     int `json:"declined"`
}

// add counts one result.
func (k *KindStats) add(r Result) {
	k.Total++
	if r.Correct {
		k.Correct++
	}
	if r.Expect.Answered {
		k.Answerable++
		if r.Correct {
			k.AnswerableCorrect++
		}
		return
	}
	k.Unanswerable++
	if r.Correct {
		k.Declined++
	}
}

// CurveSummary is the summary of a risk–coverage curve: its area, its
// points at 10%, 20%, … coverage, and the threshold with the best F1-GR.
type CurveSummary struct {
	Curve
	// Levels are the curve's points at DecileLevels coverage, then the
	// last point (the engine's own coverage) when no level reached it.
	Levels []CurvePoint `json:"levels"`
	// BestF1GR is the point with the highest F1-GR; nil when the engine
	// answered nothing.
	BestF1GR *CurvePoint `json:"best_f1_gr,omitempty"`
}

// summarizeCurve summarises the curve of outcomes.
func summarizeCurve(outcomes []Outcome) CurveSummary {
	c := CurveSummary{Curve: RiskCoverage(outcomes)}
	c.Levels = c.AtCoverage(DecileLevels)
	if n := len(c.Points); n > 0 && (len(c.Levels) == 0 || c.Levels[len(c.Levels)-1].Threshold != c.Points[n-1].Threshold) {
		c.Levels = append(c.Levels, c.Points[n-1]) // the run as it was
	}
	if c.Levels == nil {
		c.Levels = []CurvePoint{}
	}
	if best, ok := BestThreshold(c.Curve, MaxF1GR); ok {
		c.BestF1GR = &best
	}
	return c
}

// summarize computes the totals of results.
func summarize(results []Result, withRecall bool, k int) Summary {
	s := Summary{Total: len(results), ByKind: map[string]KindStats{}, ByArticle: map[string]KindStats{}, K: k}
	var cited, citedOK, recallCases, hits int
	latencies := make([]time.Duration, 0, len(results))
	var all KindStats
	for _, r := range results {
		ks := s.ByKind[r.Kind]
		ks.add(r)
		s.ByKind[r.Kind] = ks
		as := s.ByArticle[r.ArticleKey()]
		as.add(r)
		s.ByArticle[r.ArticleKey()] = as
		all.add(r)
		latencies = append(latencies, r.Latency)
		s.ElapsedMs += ms(r.Latency)

		if r.Answer.Answered && (len(r.Expect.SourcesAny) > 0 || !r.Expect.Answered) {
			for _, src := range citedSources(r.Answer) {
				cited++
				if inSources(src, r.Expect.SourcesAny) {
					citedOK++
				}
			}
		}
		if withRecall && r.Expect.Answered && len(r.Expect.SourcesAny) > 0 {
			recallCases++
			if r.HitAtK {
				hits++
			}
		}
	}
	for kind, ks := range s.ByKind {
		ks.Accuracy = ratio(ks.Correct, ks.Total)
		s.ByKind[kind] = ks
	}
	for art, as := range s.ByArticle {
		as.Accuracy = ratio(as.Correct, as.Total)
		s.ByArticle[art] = as
	}
	s.Correct = all.Correct
	s.Accuracy = ratio(s.Correct, s.Total)
	s.AnswerableAccuracy = optionalRatio(all.AnswerableCorrect, all.Answerable)
	s.UnanswerableDeclined = optionalRatio(all.Declined, all.Unanswerable)
	outcomes := Outcomes(results)
	s.Counts = Tally(outcomes)
	s.Trust = TrustOf(s.Counts)
	s.RiskCoverage = summarizeCurve(outcomes)
	s.CitationPrecision = optionalRatio(citedOK, cited)
	s.RecallAtK = optionalRatio(hits, recallCases)
	s.P50Ms = percentileMs(latencies, 50)
	s.P95Ms = percentileMs(latencies, 95)
	if sup, ok := Support(results); ok {
		s.Support = &sup
	}
	return s
}

// ratio is n/d, or 0 when there is nothing to divide.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// optionalRatio is n/d, or nil when there is nothing to divide: the
// measure does not apply, which is not the same as 0.
func optionalRatio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	r := float64(n) / float64(d)
	return &r
}

// percentileMs is the nearest-rank percentile of ds in milliseconds.
func percentileMs(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return ms(sorted[rank-1])
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
