package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"footnote/retrieval"
)

// The bar fits the terminal, is redrawn at most every progressInterval,
// always shows the last state, and is cleared at the end.
func TestProgressFitsAndThrottles(t *testing.T) {
	for _, width := range []int{80, 40, 20} {
		var out bytes.Buffer
		p := newProgress(&out, 21000, width)
		clock := time.Unix(0, 0)
		p.now = func() time.Time { return clock }
		for i := 1; i <= 21000; i++ {
			clock = clock.Add(time.Millisecond) // 21 s of indexing
			p.update(retrieval.Progress{Articles: i, Chunks: i * 3, Embedded: i * 2, Reused: i})
		}
		p.finish()
		frames := strings.Split(out.String(), "\r")
		if n := len(frames); n > 21000/100+3 {
			t.Errorf("width %d: %d frames for 21 s, want about one per 100 ms", width, n)
		}
		for _, f := range frames {
			f = strings.TrimSuffix(f, "\x1b[K")
			if n := utf8.RuneCountInString(f); n > width-1 {
				t.Errorf("width %d: frame %q has %d columns", width, f, n)
			}
		}
		last := "21000/21000"[:min(11, width-1-len("indexing "))]
		if !strings.Contains(out.String(), "indexing "+last) && !strings.Contains(out.String(), "] "+last) || !strings.HasSuffix(out.String(), "\r\x1b[K") {
			t.Errorf("width %d: the last state was not drawn, or the line not cleared", width)
		}
	}
	var nilBar *progress
	nilBar.update(retrieval.Progress{}) // draws nothing, no panic
	nilBar.finish()
}

// With stderr redirected, index draws no bar at all.
func TestIndexNoBarWhenStderrIsNotATerminal(t *testing.T) {
	r := runCLI(t, nil, "", "index")
	if r.code != exitOK || strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "indexing [") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestIndexJSON(t *testing.T) {
	r := runCLI(t, nil, "", "index", "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got jsonIndex
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || strings.Count(strings.TrimSpace(r.stdout), "\n") != 0 {
		t.Fatalf("stdout %q is not one JSON object: %v", r.stdout, err)
	}
	if got.Articles != 5 || got.Chunks == 0 || got.Embedder == "" || got.Path == "" {
		t.Errorf("summary = %+v", got)
	}
}

func TestSourcesJSON(t *testing.T) {
	r := runCLI(t, nil, "", "sources", "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != exitOK || len(lines) != 5 {
		t.Fatalf("exit %d, %d lines:\n%s", r.code, len(lines), r.stdout)
	}
	for _, l := range lines {
		var s jsonSource
		if err := json.Unmarshal([]byte(l), &s); err != nil || s.Source == "" || s.Bytes == 0 {
			t.Errorf("line %q: %+v %v", l, s, err)
		}
	}
}
