package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"footnote/answer"
)

// Peer is another answerer's report on the same cases, shown beside the
// engine's (the BM25 sentence peer, for one).
type Peer struct {
	Name   string // column and JSON key, e.g. "bm25"
	Report Report // its run; Results in the same order as the engine's
}

// Output selects what WriteReport shows beyond the rows and the summary.
type Output struct {
	// Name heads the engine's column; default "engine".
	Name string
	// Peers are shown beside the engine, in order.
	Peers []Peer
	// Curve adds each system's risk–coverage table.
	Curve bool
	// ByArticle adds accuracy per article.
	ByArticle bool
}

// ErrPeerMismatch is returned when a peer's report is not over the same
// cases as the engine's.
var ErrPeerMismatch = errors.New("peer report is over other cases")

// checkPeers verifies that every peer ran the same cases in the same order.
func (r Report) checkPeers(peers []Peer) error {
	for _, p := range peers {
		if len(p.Report.Results) != len(r.Results) {
			return fmt.Errorf("%s: %w", p.Name, ErrPeerMismatch)
		}
		for i, res := range p.Report.Results {
			if res.ID != r.Results[i].ID {
				return fmt.Errorf("%s: case %d is %q, not %q: %w", p.Name, i+1, res.ID, r.Results[i].ID, ErrPeerMismatch)
			}
		}
	}
	return nil
}

// peerResult is a peer's reply to one case in the JSON lines.
type peerResult struct {
	Answer    answer.Answer `json:"answer"`
	Correct   bool          `json:"correct"`
	Reasons   []string      `json:"reasons,omitempty"`
	ElapsedMs float64       `json:"elapsed_ms"`
}

// WriteJSON writes one JSON object per case (the engine's Result, with
// each peer's reply under "peers") and then one object with the Summary
// (each peer's summary under "peers"), one per line and nothing else, so
// the output is JSON Lines for jq.
func (r Report) WriteJSON(w io.Writer, peers []Peer) error {
	if err := r.checkPeers(peers); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	for i, res := range r.Results {
		var err error
		if len(peers) == 0 {
			err = enc.Encode(res)
		} else {
			line := struct {
				resultJSON
				Peers map[string]peerResult `json:"peers"`
			}{res.jsonView(), map[string]peerResult{}}
			for _, p := range peers {
				pr := p.Report.Results[i]
				line.Peers[p.Name] = peerResult{pr.Answer, pr.Correct, pr.Reasons, ms(pr.Latency)}
			}
			err = enc.Encode(line)
		}
		if err != nil {
			return fmt.Errorf("write case %s: %w", res.ID, err)
		}
	}
	var err error
	if len(peers) == 0 {
		err = enc.Encode(r.Summary)
	} else {
		sum := struct {
			Summary
			Peers map[string]Summary `json:"peers"`
		}{r.Summary, map[string]Summary{}}
		for _, p := range peers {
			sum.Peers[p.Name] = p.Report.Summary
		}
		err = enc.Encode(sum)
	}
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// WriteTable writes the human report of the engine alone: WriteReport
// with the default Output.
func (r Report) WriteTable(w io.Writer) error { return r.WriteReport(w, Output{}) }

// WriteReport writes the human report: one row per case (id, kind,
// ok/MISS, confidence, latency, cited sources, each peer's verdict, the
// reason of a miss), then one summary table with a column per system, and
// the sections o asks for.
func (r Report) WriteReport(w io.Writer, o Output) error {
	if err := r.checkPeers(o.Peers); err != nil {
		return err
	}
	if o.Name == "" {
		o.Name = "engine"
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "ID\tKIND\tRESULT\tCONF\tMS\tCITED")
	for _, p := range o.Peers {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(p.Name))
	}
	fmt.Fprintln(tw, "\tREASON")
	for i, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%.1f\t%s",
			res.ID, orDash(res.Kind), verdict(res), res.Answer.Confidence, ms(res.Latency),
			orDash(strings.Join(citedSources(res.Answer), ",")))
		for _, p := range o.Peers {
			fmt.Fprintf(tw, "\t%s", verdict(p.Report.Results[i]))
		}
		fmt.Fprintf(tw, "\t%s\n", strings.Join(res.Reasons, "; "))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	names := []string{o.Name}
	sums := []Summary{r.Summary}
	for _, p := range o.Peers {
		names = append(names, p.Name)
		sums = append(sums, p.Report.Summary)
	}
	var b strings.Builder
	b.WriteString("\n")
	writeSummaries(&b, names, sums)
	if o.Curve {
		for i, s := range sums {
			writeCurve(&b, names[i], s.RiskCoverage)
		}
	}
	if o.ByArticle {
		writeByArticle(&b, names, sums)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// writeSummaries writes the summary table: a row per measure, a column
// per system.
func writeSummaries(w io.Writer, names []string, sums []Summary) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(label string, cell func(Summary) string) {
		fmt.Fprint(tw, label)
		for _, s := range sums {
			fmt.Fprintf(tw, "\t%s", cell(s))
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "SUMMARY\t%s\n", strings.Join(names, "\t"))
	row("accuracy", func(s Summary) string { return fraction(s.Correct, s.Total) })
	row("answerable, answered right", func(s Summary) string {
		return fraction(s.Counts.AnsweredCorrect, s.Counts.Answerable)
	})
	row("unanswerable, declined", func(s Summary) string {
		return fraction(s.Counts.RefusedUnanswerable, s.Counts.Unanswerable)
	})
	kinds := map[string]bool{}
	for _, s := range sums {
		for k := range s.ByKind {
			kinds[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		row("kind "+orDash(k), func(s Summary) string {
			ks, ok := s.ByKind[k]
			if !ok {
				return "-"
			}
			return fraction(ks.Correct, ks.Total)
		})
	}
	row("refusal precision / recall", func(s Summary) string {
		return percent(s.RefusalPrecision) + " / " + percent(s.RefusalRecall)
	})
	row("refusal F1", func(s Summary) string { return percent(s.RefusalF1) })
	row("answer precision / recall", func(s Summary) string {
		return percent(s.AnswerPrecision) + " / " + percent(s.AnswerRecall)
	})
	row("answer F1", func(s Summary) string { return percent(s.AnswerF1) })
	row("graded precision / recall", func(s Summary) string {
		return percent(s.GradedPrecision) + " / " + percent(s.GradedRecall)
	})
	row("graded F1", func(s Summary) string { return percent(s.GradedF1) })
	row("F1-GR (Trust-Score)", func(s Summary) string { return percent(s.F1GR) })
	row("F1-GR, answers graded", func(s Summary) string { return percent(s.F1GRGraded) })
	row("AURC (coverage to)", func(s Summary) string {
		rc := s.RiskCoverage
		if len(rc.Points) == 0 && rc.MaxCoverage == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.3f (%.1f%%)", rc.AURC, 100*rc.MaxCoverage)
	})
	row("best F1-GR threshold", func(s Summary) string {
		p := s.RiskCoverage.BestF1GR
		if p == nil {
			return "n/a"
		}
		return fmt.Sprintf("%.3f: %s at %.1f%%", p.Threshold, percent(p.F1GR), 100*p.Coverage)
	})
	row("citation precision", func(s Summary) string { return percent(s.CitationPrecision) })
	row(fmt.Sprintf("recall@%d", sums[0].K), func(s Summary) string { return percent(s.RecallAtK) })
	if sums[0].Support != nil {
		row("claims checked / supported", func(s Summary) string {
			if s.Support == nil {
				return "n/a"
			}
			return fmt.Sprintf("%d / %.1f%%", s.Support.Checked, 100*s.Support.Rate(s.Support.Supported))
		})
		row("markers moved / dropped", func(s Summary) string {
			if s.Support == nil {
				return "n/a"
			}
			return fmt.Sprintf("%d / %d", s.Support.Moved, s.Support.Dropped)
		})
		row("claims unsupported", func(s Summary) string {
			if s.Support == nil {
				return "n/a"
			}
			return fmt.Sprintf("%d (%.1f%%)", s.Support.Unsupported, 100*s.Support.Rate(s.Support.Unsupported))
		})
	}
	row("latency p50 / p95", func(s Summary) string { return fmt.Sprintf("%.2f / %.2f ms", s.P50Ms, s.P95Ms) })
	tw.Flush()
}

// writeCurve writes one system's risk–coverage table at 10% steps.
func writeCurve(w io.Writer, name string, rc CurveSummary) {
	fmt.Fprintf(w, "\nrisk–coverage of %s (answer when confidence ≥ threshold): AURC %.3f up to %.1f%% coverage\n",
		name, rc.AURC, 100*rc.MaxCoverage)
	if len(rc.Levels) == 0 {
		fmt.Fprintln(w, "  no answers")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "THRESHOLD\tCOVERAGE\tANSWERED\tRISK\tSEL. ACC\tACCURACY\tF1-GR\tF1-GR GRADED\t")
	for _, p := range rc.Levels {
		fmt.Fprintf(tw, "%.3f\t%.1f%%\t%d\t%.1f%%\t%.1f%%\t%.1f%%\t%s\t%s\t\n",
			p.Threshold, 100*p.Coverage, p.Answered, 100*p.Risk, 100*p.SelectiveAccuracy,
			100*p.Accuracy, percent(p.F1GR), percent(p.F1GRGraded))
	}
	tw.Flush()
}

// writeByArticle writes accuracy per article, a column group per system.
func writeByArticle(w io.Writer, names []string, sums []Summary) {
	fmt.Fprintln(w, "\nby article (accuracy; answerable answered right; unanswerable declined):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "ARTICLE\tCASES")
	for _, n := range names {
		fmt.Fprintf(tw, "\t%s\tANSWERABLE\tDECLINED", n)
	}
	fmt.Fprintln(tw)
	for _, art := range slices.Sorted(maps.Keys(sums[0].ByArticle)) {
		fmt.Fprintf(tw, "%s\t%d", orDash(art), sums[0].ByArticle[art].Total)
		for _, s := range sums {
			as := s.ByArticle[art]
			fmt.Fprintf(tw, "\t%s\t%s\t%s", share(as.Correct, as.Total),
				share(as.AnswerableCorrect, as.Answerable), share(as.Declined, as.Unanswerable))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// fraction renders n/d with its percentage, or "n/a" without cases.
func fraction(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d %.1f%%", n, d, 100*float64(n)/float64(d))
}

// share renders n/d as a percentage, or "-" without cases.
func share(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

// percent renders an optional share, or "n/a" when the run had nothing to
// measure it on.
func percent(r *float64) string {
	if r == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100**r)
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
