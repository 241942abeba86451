package main

import (
	"context"
	"fmt"
	"path/filepath"

	"footnote/feedback"
)

const feedbackUsage = `Usage: footnote feedback export

Writes every question users voted 👎 on in Discord as a question-set case
(JSON Lines in the qa.jsonl format) to stdout, one per distinct question,
with what the bot answered in "note" and the expectation left for a person
to fill in. Append them to a set and run "footnote eval" on it:

  footnote feedback export >> my_cases.jsonl

The votes are read from feedback.jsonl in FOOTNOTE_INDEX_DIR.
`

// feedbackFile is the feedback log's name in the index directory.
const feedbackFile = "feedback.jsonl"

// feedbackPath is where the feedback log lives for cfg.
func feedbackPath(cfg Config) string { return filepath.Join(cfg.IndexDir, feedbackFile) }

func (a *app) cmdFeedback(ctx context.Context, args []string) error {
	cfg, pos, err := a.setup(a.newCommand("feedback", feedbackUsage), args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "export" {
		return usageError{"want 'footnote feedback export'"}
	}
	if cfg.IndexDir == "" {
		return fmt.Errorf("feedback export: FOOTNOTE_INDEX_DIR is off, so no feedback was recorded")
	}
	log, err := feedback.OpenFile(feedbackPath(cfg))
	if err != nil {
		return err
	}
	recs, err := log.All(ctx)
	if err != nil {
		return err
	}
	n, err := feedback.Export(a.stdout, recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "footnote: %s from %s\n", count(n, "case", "cases"), count(len(recs), "vote", "votes"))
	return nil
}
