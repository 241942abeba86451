package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is the outcome of a run: every graded case and the totals.
type Report struct {
	Results []Result // one per case, in the set's order
	Summary Summary  // the totals over Results
}

// Summary totals a run.
type Summary struct {
	Total    int                  `json:"total"`    // cases run
	Correct  int                  `json:"correct"`  // cases graded correct
	Accuracy float64              `json:"accuracy"` // Correct / Total
	ByKind   map[string]KindStats `json:"by_kind"`  // the same per Case.Kind
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
}

// KindStats totals the cases of one kind.
type KindStats struct {
	Total    int     `json:"total"`    // cases of the kind
	Correct  int     `json:"correct"`  // of those, graded correct
	Accuracy float64 `json:"accuracy"` // Correct / Total
}

// summarize computes the totals of results.
func summarize(results []Result, withRecall bool, k int) Summary {
	s := Summary{Total: len(results), ByKind: map[string]KindStats{}, K: k}
	var cited, citedOK, recallCases, hits int
	latencies := make([]time.Duration, 0, len(results))
	for _, r := range results {
		ks := s.ByKind[r.Kind]
		ks.Total++
		if r.Correct {
			s.Correct++
			ks.Correct++
		}
		s.ByKind[r.Kind] = ks
		latencies = append(latencies, r.Latency)

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
	s.Accuracy = ratio(s.Correct, s.Total)
	s.CitationPrecision = optionalRatio(citedOK, cited)
	s.RecallAtK = optionalRatio(hits, recallCases)
	s.P50Ms = percentileMs(latencies, 50)
	s.P95Ms = percentileMs(latencies, 95)
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
	return float64(sorted[rank-1].Microseconds()) / 1000
}

// WriteTable writes one row per case (id, kind, ok/MISS, latency, cited
// sources, the reason of a miss), then a human summary, and as the last
// line the Summary as one JSON object, so scripts can read it with tail -1.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tRESULT\tMS\tCITED\tREASON")
	for _, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f\t%s\t%s\n",
			res.ID, res.Kind, verdict(res), float64(res.Latency.Microseconds())/1000,
			orDash(strings.Join(citedSources(res.Answer), ",")),
			strings.Join(res.Reasons, "; "))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	if err := r.writeSummary(w); err != nil {
		return err
	}
	line, err := json.Marshal(r.Summary)
	if err != nil {
		return fmt.Errorf("encode summary: %w", err)
	}
	if _, err := fmt.Fprintf(w, "%s\n", line); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// writeSummary writes the human lines of the summary.
func (r Report) writeSummary(w io.Writer) error {
	s := r.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "\naccuracy: %d/%d (%.0f%%)\n", s.Correct, s.Total, 100*s.Accuracy)
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		ks := s.ByKind[k]
		fmt.Fprintf(&b, "  %-13s %d/%d\n", orDash(k), ks.Correct, ks.Total)
	}
	fmt.Fprintf(&b, "citation precision: %s\n", percentOrNA(s.CitationPrecision))
	fmt.Fprintf(&b, "recall@%d: %s\n", s.K, percentOrNA(s.RecallAtK))
	fmt.Fprintf(&b, "latency p50 %.1f ms, p95 %.1f ms\n", s.P50Ms, s.P95Ms)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// percentOrNA renders an optional share as a whole percentage, or "n/a"
// when the run had nothing to measure it on.
func percentOrNA(r *float64) string {
	if r == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100**r)
}

// verdict is the result column.
func verdict(r Result) string {
	if r.Correct {
		return "ok"
	}
	return "MISS"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
