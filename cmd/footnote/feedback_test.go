package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"footnote/feedback"
)

func TestFeedbackExport(t *testing.T) {
	dir := t.TempDir()
	log, err := feedback.OpenFile(feedbackPath(Config{IndexDir: dir}))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []feedback.Record{
		{AnswerID: "m1", UserID: "u1", Vote: feedback.Down, Question: "Who chaired the talks?", Answer: "The articles don't say.", Time: time.Now()},
		{AnswerID: "m2", UserID: "u1", Vote: feedback.Up, Question: "Where?", Answer: "Istanbul [1].", Time: time.Now()},
	} {
		if err := log.Add(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, map[string]string{"FOOTNOTE_INDEX_DIR": dir}, "", "feedback", "export")
	if r.code != exitOK || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, `"question":"Who chaired the talks?"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "1 case from 2 votes") {
		t.Errorf("stderr = %q", r.stderr)
	}
	if r := runCLI(t, nil, "", "feedback"); r.code != exitUsage {
		t.Errorf("bare 'feedback': exit %d, want %d", r.code, exitUsage)
	}
}
