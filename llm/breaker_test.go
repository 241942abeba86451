package llm_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"footnote/internal/fakeopenai"
	"footnote/llm"
)

// After BreakerFailures failed calls the server is not called until the
// cooldown ends; the breaker reports opening once; a success closes it.
func TestCircuitBreaker(t *testing.T) {
	s := newServer(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string { return reply }))
	s.Script(fakeopenai.Chat, statuses(503, 503, 503, 503)...)
	var opened atomic.Int32
	c := newClient(t, s, func(cfg *llm.Config) {
		cfg.MaxRetries = 1
		cfg.BreakerCooldown = 150 * time.Millisecond
		cfg.OnBreakerOpen = func(e llm.BreakerEvent) {
			opened.Add(1)
			if e.Failures != 2 || !errors.Is(e.Err, llm.ErrUnavailable) {
				t.Errorf("event = %+v", e)
			}
		}
	})
	ctx := context.Background()
	for range 2 {
		if _, err := c.Complete(ctx, userMsg("q"), nil); !errors.Is(err, llm.ErrUnavailable) {
			t.Fatalf("err = %v, want ErrUnavailable", err)
		}
	}
	if n := s.ChatRequests(); n != 4 {
		t.Fatalf("requests = %d, want 4 (two calls, one retry each)", n)
	}
	for range 3 {
		_, err := c.Complete(ctx, userMsg("q"), nil)
		if !errors.Is(err, llm.ErrUnavailable) || !strings.Contains(err.Error(), "not called") {
			t.Fatalf("open breaker: err = %v", err)
		}
	}
	if n := s.ChatRequests(); n != 4 {
		t.Errorf("requests = %d with the breaker open, want still 4", n)
	}
	if n := opened.Load(); n != 1 {
		t.Errorf("OnBreakerOpen called %d times, want 1", n)
	}
	time.Sleep(200 * time.Millisecond) // the cooldown ends; the script is used up, so the server answers
	if text, err := c.Complete(ctx, userMsg("q"), nil); err != nil || text != reply {
		t.Fatalf("after the cooldown: %q, %v", text, err)
	}
	if _, err := c.Complete(ctx, userMsg("q"), nil); err != nil {
		t.Errorf("closed again: %v", err)
	}
}

// Errors that say nothing about the server being down (a rejected
// request) never open the breaker.
func TestBreakerIgnoresRejections(t *testing.T) {
	s := newServer(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string { return reply }))
	s.Script(fakeopenai.Chat, statuses(400, 400, 400)...)
	c := newClient(t, s, nil)
	for range 3 {
		if _, err := c.Complete(context.Background(), userMsg("q"), nil); !errors.Is(err, llm.ErrRejected) {
			t.Fatalf("err = %v, want ErrRejected", err)
		}
	}
	if _, err := c.Complete(context.Background(), userMsg("q"), nil); err != nil {
		t.Errorf("the breaker opened on rejections: %v", err)
	}
}
