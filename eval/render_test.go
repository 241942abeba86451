package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/eval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fakeClock advances a millisecond per reading, so every answer takes 1 ms.
func fakeClock() func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Millisecond)
		return t
	}
}

// goldenRuns runs testCases through an engine with confidences and a
// peer that answers everything, on a fake clock.
func goldenRuns(t *testing.T) (eval.Report, eval.Peer) {
	t.Helper()
	engine := testAnswerer()
	for q, conf := range map[string]float64{"Who chaired?": 0.9, "Where?": 0.7, "Who won the cup?": 0.2, "and Russia's?": 0.5} {
		a := engine[q]
		a.Confidence = conf
		engine[q] = a
	}
	cases := testCases()
	cases[0].Article = "ignored.txt" // Article wins over sources_any
	rep, err := eval.Run(context.Background(), cases, engine, nil, eval.Options{Clock: fakeClock()})
	if err != nil {
		t.Fatal(err)
	}
	peer := scripted{
		"Who chaired?":     {Answered: true, Text: "Fidan chaired [1]", Citations: []answer.Citation{{N: 1, Source: "a.txt"}}, Confidence: 0.4},
		"Where?":           {Answered: true, Text: "in Istanbul [1]", Citations: []answer.Citation{{N: 1, Source: "b.txt"}}, Confidence: 0.6},
		"Who won the cup?": {Answered: true, Text: "the cup [1]", Citations: []answer.Citation{{N: 1, Source: "c.txt"}}, Confidence: 0.3},
		"Broken?":          {Answered: true, Text: "x marks [1]", Citations: []answer.Citation{{N: 1, Source: "d.txt"}}, Confidence: 0.8},
		"and Russia's?":    {Answered: true, Text: "Russia's side [1]", Citations: []answer.Citation{{N: 1, Source: "a.txt"}}, Confidence: 0.6},
	}
	prep, err := eval.Run(context.Background(), cases, peer, nil, eval.Options{Clock: fakeClock()})
	if err != nil {
		t.Fatal(err)
	}
	return rep, eval.Peer{Name: "bm25", Report: prep}
}

func TestGoldenReports(t *testing.T) {
	rep, peer := goldenRuns(t)
	tests := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"table.golden", func(b *bytes.Buffer) error { return rep.WriteTable(b) }},
		{"table_peer.golden", func(b *bytes.Buffer) error {
			return rep.WriteReport(b, eval.Output{Name: "extractive", Peers: []eval.Peer{peer}, Curve: true, ByArticle: true})
		}},
		{"report.jsonl.golden", func(b *bytes.Buffer) error { return rep.WriteJSON(b, nil) }},
		{"report_peer.jsonl.golden", func(b *bytes.Buffer) error { return rep.WriteJSON(b, []eval.Peer{peer}) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
}

// TestJSONLinesOnly checks that WriteJSON's output is nothing but JSON:
// one object per case, in order, then the summary, with elapsed_ms and
// no latency_ns.
func TestJSONLinesOnly(t *testing.T) {
	rep, peer := goldenRuns(t)
	var b bytes.Buffer
	if err := rep.WriteJSON(&b, []eval.Peer{peer}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(rep.Results)+1 {
		t.Fatalf("%d lines, want %d cases + 1 summary", len(lines), len(rep.Results))
	}
	for i, line := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if _, ok := obj["elapsed_ms"]; !ok {
			t.Errorf("line %d has no elapsed_ms", i+1)
		}
		if strings.Contains(line, "latency_ns") {
			t.Errorf("line %d still names latency_ns", i+1)
		}
		if i < len(rep.Results) {
			if obj["id"] != rep.Results[i].ID {
				t.Errorf("line %d is case %v, want %s", i+1, obj["id"], rep.Results[i].ID)
			}
			if _, ok := obj["peers"].(map[string]any)["bm25"]; !ok {
				t.Errorf("line %d has no peer reply", i+1)
			}
			continue
		}
		if obj["total"] != float64(5) || obj["f1_gr"] == nil || obj["peers"] == nil {
			t.Errorf("summary line lacks totals, f1_gr or peers: %s", line)
		}
	}
}

func TestPeerMismatch(t *testing.T) {
	rep, peer := goldenRuns(t)
	peer.Report.Results = peer.Report.Results[1:]
	if err := rep.WriteJSON(&bytes.Buffer{}, []eval.Peer{peer}); !errors.Is(err, eval.ErrPeerMismatch) {
		t.Errorf("WriteJSON with a shorter peer = %v, want ErrPeerMismatch", err)
	}
	_, peer = goldenRuns(t)
	peer.Report.Results[2].ID = "other"
	if err := rep.WriteReport(&bytes.Buffer{}, eval.Output{Peers: []eval.Peer{peer}}); !errors.Is(err, eval.ErrPeerMismatch) {
		t.Errorf("WriteReport with other cases = %v, want ErrPeerMismatch", err)
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./eval -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./eval -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
