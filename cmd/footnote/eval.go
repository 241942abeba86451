package main

import (
	"context"
	"fmt"
	"os"

	"footnote/eval"
)

const evalUsage = `Usage: footnote eval [--json] [--min ACC] [--k K] [--corpus DIR] FILE.jsonl

Runs every question in FILE.jsonl through the configured engine (offline or
LLM) and grades the answers: the answer holds an expected phrase, cites an
expected source, and declines when the corpus has no answer. Prints a table,
a summary (accuracy overall and by kind, citation precision, recall@k, p50/p95
latency) and, as its last line, a JSON summary. Exits 1 when accuracy is
below --min.
`

func (a *app) cmdEval(ctx context.Context, args []string) error {
	cmd := a.newCommand("eval", evalUsage)
	asJSON := cmd.fs.Bool("json", false, "write one JSON object per question before the summary")
	minAcc := cmd.fs.Float64("min", 0, "fail (exit 1) when accuracy is below this fraction, 0..1")
	k := cmd.fs.Int("k", 5, "passages counted for recall@k")
	cfg, pos, err := a.setup(cmd, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"want exactly one question file"}
	}
	if *minAcc < 0 || *minAcc > 1 {
		return usageError{fmt.Sprintf("--min must be between 0 and 1, got %g", *minAcc)}
	}
	if *k < 1 {
		return usageError{"--k must be at least 1"}
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("question file: %w", err)
	}
	cases, err := eval.Load(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("question file %s: %w", pos[0], err)
	}
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true})
	if err != nil {
		return err
	}
	rep, err := eval.Run(ctx, cases, eng.answerer, eng.index, eval.Options{K: *k})
	if err != nil {
		return fmt.Errorf("run questions: %w", err)
	}
	if *asJSON {
		for _, r := range rep.Results {
			a.writeJSON(r)
		}
	}
	if err := rep.WriteTable(a.stdout); err != nil {
		return err
	}
	if rep.Summary.Accuracy < *minAcc {
		fmt.Fprintf(a.stderr, "footnote eval: accuracy %.3f is below --min %.3f\n", rep.Summary.Accuracy, *minAcc)
		return exitErr{exitError}
	}
	return nil
}
