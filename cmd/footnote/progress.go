package main

import (
	"fmt"
	"io"

	"github.com/schollz/progressbar/v3"

	"footnote/retrieval"
)

// progress draws indexing progress on a terminal with schollz/progressbar.
// A nil *progress draws nothing, so callers need not check.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, totalArticles int) *progress {
	return &progress{bar: progressbar.NewOptions(totalArticles,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("indexing"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowIts(),
		progressbar.OptionClearOnFinish(),
	)}
}

// update is a retrieval.Options.Progress callback.
func (p *progress) update(ev retrieval.Progress) {
	if p == nil {
		return
	}
	_ = p.bar.Set(ev.Articles)
	p.bar.Describe(fmt.Sprintf("indexing (%d chunks, %d embedded, %d reused)", ev.Chunks, ev.Embedded, ev.Reused))
}

func (p *progress) finish() {
	if p == nil {
		return
	}
	_ = p.bar.Finish()
}
