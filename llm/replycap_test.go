package llm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"footnote/internal/fakeopenai"
	"footnote/llm"
)

// A model that writes on and on must not make the client read it all: the
// request carries max_tokens, a stream is left unread past MaxReplyBytes,
// and a whole reply's body is cut, both as an ErrIncomplete that is not
// retried.
func TestReplyCapped(t *testing.T) {
	huge := strings.Repeat("The talks went on and on [1]. ", 3_500) // about 100 KB, 25 times the cap
	for _, stream := range []bool{false, true} {
		name := map[bool]string{false: "whole", true: "stream"}[stream]
		t.Run(name, func(t *testing.T) {
			s := newServer(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string { return huge }))
			c := newClient(t, s, func(cfg *llm.Config) { cfg.MaxReplyBytes = 4 << 10; cfg.MaxTokens = 300 })
			var got int
			var onDelta func(string)
			if stream {
				onDelta = func(d string) { got += len(d) }
			}
			_, err := c.Complete(context.Background(), userMsg("how long?"), onDelta)
			if !errors.Is(err, llm.ErrIncomplete) {
				t.Fatalf("err = %v, want ErrIncomplete", err)
			}
			if !strings.Contains(err.Error(), "ran past 4096 bytes") {
				t.Errorf("err = %v, want it to name the cap", err)
			}
			if got > 4<<10 {
				t.Errorf("streamed %d bytes, want at most the 4096-byte cap", got)
			}
			if n := s.ChatRequests(); n != 1 {
				t.Errorf("%d chat requests, want 1 (a runaway reply is not retried)", n)
			}
			if mt := s.LastChat().MaxTokens; mt != 300 {
				t.Errorf("max_tokens = %d, want 300", mt)
			}
		})
	}
}

// Without a setting, max_tokens is DefaultMaxTokens and a normal reply is
// untouched.
func TestReplyCapDefaults(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s, nil)
	text, err := c.Complete(context.Background(), userMsg("hi"), nil)
	if err != nil || text == "" {
		t.Fatalf("Complete = %q, %v", text, err)
	}
	if mt := s.LastChat().MaxTokens; mt != llm.DefaultMaxTokens {
		t.Errorf("max_tokens = %d, want %d", mt, llm.DefaultMaxTokens)
	}
}
