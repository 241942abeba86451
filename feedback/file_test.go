package feedback_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/eval"
	"footnote/feedback"
)

func rec(answerID, user, vote, q string) feedback.Record {
	return feedback.Record{AnswerID: answerID, UserID: user, Vote: vote, Question: q, Answer: "Umerov [1].", Mode: "extractive",
		Citations: []feedback.Citation{{N: 1, Source: "a.txt"}}, Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
}

func TestFileAddsOncePerUserAndAnswer(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	f, err := feedback.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// 100 clicks: 10 users × 5 answers, each delivered twice, at once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	dups := 0
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rec(string(rune('a'+i%5)), string(rune('A'+(i/2)%10)), feedback.Down, "q")
			if err := f.Add(ctx, r); errors.Is(err, feedback.ErrDuplicate) {
				mu.Lock()
				dups++
				mu.Unlock()
			} else if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	recs, err := f.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[string]bool{}
	for i := 0; i < 100; i++ {
		distinct[string(rune('a'+i%5))+string(rune('A'+(i/2)%10))] = true
	}
	if len(recs) != len(distinct) || dups != 100-len(distinct) {
		t.Fatalf("%d records and %d duplicates for %d distinct votes", len(recs), dups, len(distinct))
	}
	// A reopened log still knows the votes.
	g, err := feedback.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Add(ctx, recs[0]); !errors.Is(err, feedback.ErrDuplicate) {
		t.Errorf("re-vote after reopen: %v, want ErrDuplicate", err)
	}
}

func TestFileBadInput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := feedback.OpenFile(filepath.Join(dir, "fb.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]feedback.Record{
		"no answer id": rec("", "u", feedback.Up, "q"),
		"no user":      rec("m", "", feedback.Up, "q"),
		"bad vote":     rec("m", "u", "meh", "q"),
	} {
		if err := f.Add(ctx, r); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A torn last line is skipped; a bad line in the middle is an error.
	torn := filepath.Join(dir, "torn.jsonl")
	os.WriteFile(torn, []byte(`{"answer_id":"m","user_id":"u","vote":"up"}`+"\n"+`{"answer_id":"m2","us`), 0o644)
	if g, err := feedback.OpenFile(torn); err != nil {
		t.Errorf("torn last line: %v", err)
	} else if recs, _ := g.All(ctx); len(recs) != 1 {
		t.Errorf("torn log: %d records, want 1", len(recs))
	}
	mid := filepath.Join(dir, "mid.jsonl")
	os.WriteFile(mid, []byte("garbage\n"+`{"answer_id":"m","user_id":"u","vote":"up"}`+"\n"), 0o644)
	if _, err := feedback.OpenFile(mid); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad middle line: %v, want an error naming line 1", err)
	}
}

func TestExportMakesEvalCases(t *testing.T) {
	recs := []feedback.Record{
		rec("m1", "u1", feedback.Down, "Who chaired the talks?"),
		rec("m1", "u2", feedback.Down, "who chaired  the talks?"), // same question
		rec("m2", "u1", feedback.Up, "Where were the talks?"),
		rec("m3", "u3", feedback.Down, "How long did they last?"),
	}
	var b bytes.Buffer
	n, err := feedback.Export(&b, recs)
	if err != nil || n != 2 {
		t.Fatalf("Export = %d, %v; want 2 cases", n, err)
	}
	cases, err := eval.Load(&b)
	if err != nil {
		t.Fatalf("exported cases do not load as a question set: %v", err)
	}
	if len(cases) != 2 || cases[0].Question != "Who chaired the talks?" || cases[1].ID != "fb002" || !cases[0].Expect.Answered {
		t.Errorf("cases = %+v", cases)
	}
}
