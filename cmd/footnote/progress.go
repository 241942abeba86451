package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"footnote/retrieval"
)

// progressInterval is the least time between two redraws.
const progressInterval = 100 * time.Millisecond

// progress draws indexing progress as one line on a terminal: a bar, the
// article count and the chunk counts, cut to the terminal's width so it
// never wraps, redrawn at most every progressInterval, and cleared when
// done. Callers create it only when the stream it draws on (stderr) is a
// terminal. A nil *progress draws nothing, so callers need not check.
type progress struct {
	w     io.Writer
	total int
	width int // the terminal's columns
	now   func() time.Time

	mu   sync.Mutex
	last time.Time
	drew bool
}

// newProgress draws on w, a terminal width columns wide (80 when unknown).
func newProgress(w io.Writer, totalArticles, width int) *progress {
	if width <= 0 {
		width = 80
	}
	return &progress{w: w, total: totalArticles, width: width, now: time.Now}
}

// update is a retrieval.Options.Progress callback.
func (p *progress) update(ev retrieval.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.drew && now.Sub(p.last) < progressInterval && ev.Articles < p.total {
		return
	}
	p.last, p.drew = now, true
	fmt.Fprint(p.w, "\r"+p.line(ev)+"\x1b[K")
}

// line is the progress line, at most width-1 columns so the cursor never
// wraps: "indexing [#####-----] 12/190 · 340 chunks, 120 embedded, 220 reused".
func (p *progress) line(ev retrieval.Progress) string {
	counts := fmt.Sprintf(" %d/%d · %d chunks, %d embedded, %d reused", ev.Articles, p.total, ev.Chunks, ev.Embedded, ev.Reused)
	const label = "indexing "
	barWidth := min(30, p.width-1-len(label)-utf8.RuneCountInString(counts)-2)
	var s string
	if barWidth >= 5 {
		filled := 0
		if p.total > 0 {
			filled = min(barWidth, ev.Articles*barWidth/p.total)
		}
		s = label + "[" + strings.Repeat("#", filled) + strings.Repeat("-", barWidth-filled) + "]" + counts
	} else {
		s = label + strings.TrimSpace(counts)
	}
	if r := []rune(s); len(r) > p.width-1 {
		s = string(r[:p.width-1])
	}
	return s
}

// finish clears the line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drew {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
