package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"footnote/answer"
	"footnote/corpus"
	"footnote/eval"
	"footnote/eval/peer"
)

const evalUsage = `Usage: footnote eval [--json] [--peer bm25] [--curve] [--by-article]
                     [--min ACC] [--min-answerable ACC] [--min-declined ACC]
                     [--sample N --seed S] [--k K] [--corpus DIR] FILE.jsonl

Runs every question in FILE.jsonl through the configured engine (offline or
LLM) and grades the answers: the answer holds an expected phrase, cites an
expected source, and declines when the corpus has no answer. Prints a row per
question, then a summary: accuracy overall, on answerable questions and on
unanswerable ones (declined), by kind; refusal precision, recall and F1;
answer F1 and F1-GR (Trust-Score); the AURC of the risk-coverage curve of the
engine's confidence; citation precision, recall@k and p50/p95 latency.
--peer bm25 runs the BM25 top-sentence peer on the same questions and shows it
beside the engine. --json prints JSON Lines only: one object per question,
then the summary. Exits 1 when a --min floor is not met.
`

// peerBM25 is the one peer --peer knows.
const peerBM25 = "bm25"

func (a *app) cmdEval(ctx context.Context, args []string) error {
	cmd := a.newCommand("eval", evalUsage)
	asJSON := cmd.fs.Bool("json", false, "print JSON Lines only: one object per question, then the summary")
	minAcc := cmd.fs.Float64("min", 0, "fail (exit 1) when accuracy is below this fraction, 0..1")
	minAnswerable := cmd.fs.Float64("min-answerable", 0, "fail (exit 1) when the share of answerable questions answered right is below this, 0..1")
	minDeclined := cmd.fs.Float64("min-declined", 0, "fail (exit 1) when the share of unanswerable questions declined is below this, 0..1")
	k := cmd.fs.Int("k", 5, "passages counted for recall@k")
	peerName := cmd.fs.String("peer", "", "also run a reference answerer on the same questions: bm25")
	curve := cmd.fs.Bool("curve", false, "print the risk-coverage table of each answerer")
	byArticle := cmd.fs.Bool("by-article", false, "print accuracy per article (sources_any or article of each question)")
	sample := cmd.fs.Int("sample", 0, "run only N questions, chosen at random with --seed (0: all)")
	seed := cmd.fs.Uint64("seed", 1, "seed of --sample")
	cfg, pos, err := a.setup(cmd, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"want exactly one question file"}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"--min", *minAcc}, {"--min-answerable", *minAnswerable}, {"--min-declined", *minDeclined}} {
		if f.v < 0 || f.v > 1 {
			return usageError{fmt.Sprintf("%s must be between 0 and 1, got %g", f.name, f.v)}
		}
	}
	if *k < 1 {
		return usageError{"--k must be at least 1"}
	}
	if *sample < 0 {
		return usageError{"--sample must be at least 0"}
	}
	if *peerName != "" && *peerName != peerBM25 {
		return usageError{fmt.Sprintf("--peer %q: the only peer is bm25", *peerName)}
	}
	cases, err := loadCases(pos[0])
	if err != nil {
		return err
	}
	cases = eval.Sample(cases, *sample, *seed)
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true})
	if err != nil {
		return err
	}
	rep, err := eval.Run(ctx, cases, eng.answerer, eng.retriever, eval.Options{K: *k})
	if err != nil {
		return fmt.Errorf("run questions: %w", err)
	}
	var peers []eval.Peer
	if *peerName != "" {
		p, err := a.runPeer(ctx, cfg, cases, *k)
		if err != nil {
			return err
		}
		peers = append(peers, p)
	}
	if *asJSON {
		err = rep.WriteJSON(a.stdout, peers)
	} else {
		err = rep.WriteReport(a.stdout, eval.Output{Name: eng.mode, Peers: peers, Curve: *curve, ByArticle: *byArticle})
	}
	if err != nil {
		return err
	}
	return a.checkFloors(rep.Summary, *minAcc, *minAnswerable, *minDeclined)
}

// loadCases reads the question file; an empty one is an error.
func loadCases(path string) ([]eval.Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("question file: %w", err)
	}
	defer f.Close()
	cases, err := eval.Load(f)
	if errors.Is(err, eval.ErrNoCases) {
		return nil, fmt.Errorf("question file %s: no questions (the file is empty or blank)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("question file %s: %w", path, err)
	}
	return cases, nil
}

// runPeer runs the BM25 sentence peer over the same corpus and cases.
func (a *app) runPeer(ctx context.Context, cfg Config, cases []eval.Case, k int) (eval.Peer, error) {
	fsys, _, err := corpusFS(cfg.CorpusDir)
	if err != nil {
		return eval.Peer{}, err
	}
	// The engine's load already warned about odd files.
	articles, err := corpus.Load(ctx, fsys, corpus.WalkOptions{})
	if err != nil {
		return eval.Peer{}, fmt.Errorf("peer corpus: %w", err)
	}
	var p answer.Answerer = peer.NewBM25(articles)
	rep, err := eval.Run(ctx, cases, p, nil, eval.Options{K: k})
	if err != nil {
		return eval.Peer{}, fmt.Errorf("run peer: %w", err)
	}
	return eval.Peer{Name: peerBM25, Report: rep}, nil
}

// checkFloors fails (exit 1, one stderr line per floor missed) when a
// --min floor is not met.
func (a *app) checkFloors(s eval.Summary, minAcc, minAnswerable, minDeclined float64) error {
	failed := false
	check := func(what, name string, got *float64, floor float64) {
		if floor == 0 {
			return
		}
		switch {
		case got == nil:
			fmt.Fprintf(a.stderr, "footnote eval: %s %.3f is set, but the set has no questions to measure %s on\n", name, floor, what)
			failed = true
		case *got < floor:
			fmt.Fprintf(a.stderr, "footnote eval: %s %.3f is below %s %.3f\n", what, *got, name, floor)
			failed = true
		}
	}
	acc := s.Accuracy
	check("accuracy", "--min", &acc, minAcc)
	check("answerable accuracy", "--min-answerable", s.AnswerableAccuracy, minAnswerable)
	check("unanswerable declined", "--min-declined", s.UnanswerableDeclined, minDeclined)
	if failed {
		return exitErr{exitError}
	}
	return nil
}
