package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCorpus writes files into a new corpus directory.
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newsCorpus holds two dated reports of one story, a wire copy of the
// first and an undated article.
func newsCorpus(t *testing.T) string {
	old := "Harbour bridge closed\n\nPORTLAND, June 2, 2025 — The harbour bridge was closed on Monday after the storm damaged its cables, and engineer Ada Quill led the inspection, the city said.\n\nThe council said repairs would take about a week, and ferries would run every hour until then.\n"
	return writeCorpus(t, map[string]string{
		"a.txt": old,
		"b.md":  "---\ntitle: Harbour bridge reopens\ndate: 2025-06-09\nurl: https://coast.example/bridge-reopens\n---\nThe harbour bridge reopened on Sunday after a week of repairs, and engineer Ada Quill signed off the cables, the city said.\n",
		"c.txt": strings.Replace(old, "Harbour bridge closed", "Storm shuts harbour bridge", 1),
		"d.txt": "Lighthouse keepers\n\nThe lighthouse at Skerry Point was kept by Morag Quill for forty years, and she led the restoration of the lamp.\n",
	})
}

func TestAskSinceUntil(t *testing.T) {
	dir := newsCorpus(t)
	ask := func(args ...string) jsonAnswer {
		t.Helper()
		r := runCLI(t, nil, "", append([]string{"ask", "--json", "--corpus", dir}, args...)...)
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		return decodeAnswers(t, r.stdout)[0]
	}
	const q = "What did engineer Ada Quill do at the harbour bridge?"
	tests := []struct {
		name  string
		args  []string
		allow map[string]bool
	}{
		{"since", []string{"--since", "2025-06-05"}, map[string]bool{"b.md": true}},
		{"until", []string{"--until", "2025-06-05"}, map[string]bool{"a.txt": true, "c.txt": true}},
		{"both", []string{"--since", "2025-06-01", "--until", "2025-06-30"}, map[string]bool{"a.txt": true, "b.md": true, "c.txt": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ask(append(tt.args, q)...)
			if !a.Answered || len(a.Citations) == 0 {
				t.Fatalf("answer = %+v, want one from the dated reports", a)
			}
			for _, c := range a.Citations {
				if !tt.allow[c.Source] {
					t.Errorf("cited %s (dated %q) outside the filter", c.Source, c.Date)
				}
				if c.Date == "" {
					t.Errorf("citation of %s has no date", c.Source)
				}
			}
			if a.AsOf == "" {
				t.Error("as_of missing from a dated answer")
			}
		})
	}
	t.Run("nothing in range declines", func(t *testing.T) {
		if a := ask("--since", "2030-01-01", q); a.Answered {
			t.Errorf("answer = %+v, want a decline", a)
		}
	})
	for _, bad := range [][]string{{"--since", "June 2"}, {"--until", "2025-13-01"}, {"--since", "2025-06-10", "--until", "2025-06-01"}} {
		r := runCLI(t, nil, "", append(append([]string{"ask", "--corpus", dir}, bad...), q)...)
		if r.code != exitUsage || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stderr %q; want a one-line usage error", bad, r.code, r.stderr)
		}
	}
}

func TestAskShowsDatesURLsAndCopies(t *testing.T) {
	dir := newsCorpus(t)
	r := runCLI(t, nil, "", "ask", "--corpus", dir, "Why was the harbour bridge closed on Monday?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Sources (as of 2 June 2025)", "(2025-06-02)", "also in: c.txt"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "] c.txt") || strings.Contains(r.stdout, "PORTLAND") {
		t.Errorf("the wire copy took a citation of its own, or the dateline is in the text:\n%s", r.stdout)
	}
	r = runCLI(t, nil, "", "ask", "--corpus", dir, "When did the harbour bridge reopen?")
	if !strings.Contains(r.stdout, "https://coast.example/bridge-reopens") {
		t.Errorf("the article's URL is not shown:\n%s", r.stdout)
	}
}
