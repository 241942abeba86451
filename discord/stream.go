package discord

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// DefaultStreamInterval is the least time between two edits that show a
// streaming answer growing. Discord puts every interaction-response edit of
// an application in one rate-limit bucket, so edits are kept few.
const DefaultStreamInterval = 1500 * time.Millisecond

// streamEditor shows a streaming answer by editing a message with the text
// so far, at most once per interval, from its own goroutine so the model's
// stream never waits on Discord.
type streamEditor struct {
	edit     func(content string)
	interval time.Duration

	mu    sync.Mutex
	text  strings.Builder
	dirty bool

	stopOnce sync.Once
	stopc    chan struct{}
	done     chan struct{}
}

// startStream starts an editor that calls edit with a preview of the text
// pushed so far.
func startStream(interval time.Duration, edit func(content string)) *streamEditor {
	if interval <= 0 {
		interval = DefaultStreamInterval
	}
	s := &streamEditor{edit: edit, interval: interval, stopc: make(chan struct{}), done: make(chan struct{})}
	go s.loop()
	return s
}

// push appends a delta of the answer. Safe for concurrent use.
func (s *streamEditor) push(delta string) {
	if delta == "" {
		return
	}
	s.mu.Lock()
	s.text.WriteString(delta)
	s.dirty = true
	s.mu.Unlock()
}

// stop ends the editor and waits for an edit in progress, so the final
// edit that follows cannot be overtaken by a stale preview.
func (s *streamEditor) stop() {
	s.stopOnce.Do(func() { close(s.stopc) })
	<-s.done
}

func (s *streamEditor) loop() {
	defer close(s.done)
	t := time.NewTicker(s.interval)
	defer t.Stop()
	for {
		select {
		case <-s.stopc:
			return
		case <-t.C:
			if preview, ok := s.take(); ok {
				s.edit(preview)
			}
		}
	}
}

// take returns the preview to show, if the text changed since last time.
func (s *streamEditor) take() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dirty {
		return "", false
	}
	s.dirty = false
	return streamPreview(s.text.String()), true
}

// streamPreview is partial answer text as one message: escaped, and cut to
// fit with an ellipsis marking that more is coming.
func streamPreview(text string) string {
	text = strings.TrimSpace(Escape(text))
	const more = " …"
	if utf8.RuneCountInString(text)+utf8.RuneCountInString(more) > MessageRunes {
		text = string([]rune(text)[:MessageRunes-utf8.RuneCountInString(more)])
	}
	return text + more
}
