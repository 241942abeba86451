package llm

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestRetryAfter(t *testing.T) {
	future := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name     string
		header   map[string]string
		min, max time.Duration
	}{
		{"none", nil, 0, 0},
		{"seconds", map[string]string{"Retry-After": "3"}, 3 * time.Second, 3 * time.Second},
		{"fractional seconds", map[string]string{"Retry-After": "0.5"}, 500 * time.Millisecond, 500 * time.Millisecond},
		{"milliseconds win", map[string]string{"Retry-After": "2", "retry-after-ms": "120"}, 120 * time.Millisecond, 120 * time.Millisecond},
		{"http date", map[string]string{"Retry-After": future}, 80 * time.Second, 90 * time.Second},
		{"garbage", map[string]string{"Retry-After": "soon"}, 0, 0},
		{"negative", map[string]string{"Retry-After": "-4"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			if got := retryAfter(h); got < tt.min || got > tt.max {
				t.Errorf("retryAfter = %v, want %v..%v", got, tt.min, tt.max)
			}
		})
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	c := &Client{cfg: Config{BackoffBase: 100 * time.Millisecond, MaxBackoff: time.Second}}
	tests := []struct {
		n        int
		min, max time.Duration
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 200 * time.Millisecond, 400 * time.Millisecond},
		{10, 500 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		for range 20 {
			if d := c.backoff(tt.n); d < tt.min || d > tt.max {
				t.Fatalf("backoff(%d) = %v, want %v..%v", tt.n, d, tt.min, tt.max)
			}
		}
	}
}

func TestDoneWatcher(t *testing.T) {
	tests := []struct {
		name string
		body string
		done bool
	}{
		{"done", "data: {\"a\":1}\n\ndata: [DONE]\n\n", true},
		{"done without space", "data:[DONE]\n", true},
		{"no done", "data: {\"a\":1}\n\n", false},
		{"done inside content", "data: {\"content\":\"data: [DONE]\"}\n\n", false},
		{"done without newline", "data: [DONE]", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &probe{}
			// One byte per read: the watcher must not depend on read sizes.
			w := &doneWatcher{ReadCloser: io.NopCloser(iotest.OneByteReader(strings.NewReader(tt.body))), p: p}
			if _, err := io.ReadAll(w); err != nil {
				t.Fatal(err)
			}
			if _, _, done := p.snapshot(); done != tt.done {
				t.Errorf("done = %v, want %v", done, tt.done)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	got := redact("Incorrect API key provided: sk-123.\n  Try again", "sk-123")
	if got != "Incorrect API key provided: [redacted]. Try again" {
		t.Errorf("redact = %q", got)
	}
	if long := redact(strings.Repeat("x", 500), ""); len([]rune(long)) != maxDetail+1 {
		t.Errorf("long message not capped: %d runes", len([]rune(long)))
	}
}
