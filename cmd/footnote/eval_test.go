package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var sharedSet = filepath.Join("..", "..", "testdata", "qa.jsonl")

// TestEvalEmptyFile: an empty or blank question file is a one-line error
// with exit 1, before any index is built.
func TestEvalEmptyFile(t *testing.T) {
	for name, content := range map[string]string{"empty": "", "blank": "\n   \n\t\n"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "qa.jsonl")
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, nil, "", "eval", path)
			if r.code != exitError {
				t.Errorf("exit %d, want 1", r.code)
			}
			if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 || !strings.Contains(r.stderr, "no questions") {
				t.Errorf("stderr = %q, want one line saying there are no questions", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

func TestEvalUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown peer", []string{"eval", "--peer", "bm26", sharedSet}, "the only peer is bm25"},
		{"bad floor", []string{"eval", "--min-declined", "1.5", sharedSet}, "--min-declined must be between 0 and 1"},
		{"negative sample", []string{"eval", "--sample", "-3", sharedSet}, "--sample must be at least 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestEvalJSONWithPeer: --json prints only JSON Lines, one per question
// with the peer's reply, then the summary with the peer's.
func TestEvalJSONWithPeer(t *testing.T) {
	r := runCLI(t, nil, "", "eval", "--json", "--peer", "bm25", "--curve", sharedSet)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 21 {
		t.Fatalf("%d lines, want 20 questions + 1 summary:\n%s", len(lines), r.stdout)
	}
	for i, line := range lines[:20] {
		var c struct {
			ID        string                     `json:"id"`
			ElapsedMs *float64                   `json:"elapsed_ms"`
			Peers     map[string]json.RawMessage `json:"peers"`
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if c.ID == "" || c.ElapsedMs == nil || c.Peers["bm25"] == nil {
			t.Errorf("line %d lacks id, elapsed_ms or the peer: %s", i+1, line)
		}
	}
	var sum struct {
		Total        int      `json:"total"`
		F1GR         *float64 `json:"f1_gr"`
		RiskCoverage struct {
			Levels []json.RawMessage `json:"levels"`
		} `json:"risk_coverage"`
		Peers map[string]struct {
			Total              int      `json:"total"`
			AnswerableAccuracy *float64 `json:"answerable_accuracy"`
		} `json:"peers"`
	}
	if err := json.Unmarshal([]byte(lines[20]), &sum); err != nil {
		t.Fatalf("summary: %v", err)
	}
	if sum.Total != 20 || sum.F1GR == nil || len(sum.RiskCoverage.Levels) == 0 {
		t.Errorf("summary lacks totals, f1_gr or the curve: %s", lines[20])
	}
	if p := sum.Peers["bm25"]; p.Total != 20 || p.AnswerableAccuracy == nil {
		t.Errorf("peer summary = %+v", p)
	}
}

// TestEvalTableWithPeer: the human output has the engine and the peer in
// one summary table, the curve and the per-article section when asked.
func TestEvalTableWithPeer(t *testing.T) {
	r := runCLI(t, nil, "", "eval", "--peer", "bm25", "--curve", "--by-article", sharedSet)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"SUMMARY", "extractive", "bm25", "F1-GR (Trust-Score)", "refusal precision / recall",
		"risk–coverage of extractive", "risk–coverage of bm25", "by article", "004_c2f305a5063d9f21.txt"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(lastLine(r.stdout)), "{") {
		t.Errorf("the human output ends in JSON: %s", lastLine(r.stdout))
	}
}

// TestEvalFloors: each floor fails the run with its own stderr line.
func TestEvalFloors(t *testing.T) {
	r := runCLI(t, nil, "", "eval", "--json", "--min-answerable", "1", "--min-declined", "1", "--peer", "bm25", sharedSet)
	var sum struct {
		AnswerableAccuracy   float64 `json:"answerable_accuracy"`
		UnanswerableDeclined float64 `json:"unanswerable_declined"`
	}
	if err := json.Unmarshal([]byte(lastLine(r.stdout)), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.AnswerableAccuracy == 1 && sum.UnanswerableDeclined == 1 {
		if r.code != exitOK {
			t.Errorf("all floors met, exit %d: %s", r.code, r.stderr)
		}
		return
	}
	if r.code != exitError {
		t.Errorf("floors of 1 with %v / %v: exit %d, want 1", sum.AnswerableAccuracy, sum.UnanswerableDeclined, r.code)
	}
	if sum.AnswerableAccuracy < 1 && !strings.Contains(r.stderr, "below --min-answerable 1.000") {
		t.Errorf("stderr does not name --min-answerable: %q", r.stderr)
	}
	r = runCLI(t, nil, "", "eval", "--json", "--sample", "5", "--seed", "3", sharedSet)
	if n := strings.Count(r.stdout, "\n"); r.code != exitOK || n != 6 {
		t.Errorf("--sample 5: exit %d, %d lines, want 5 questions + summary", r.code, n)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
