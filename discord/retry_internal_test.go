package discord

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// retryServer answers with the statuses in order (then 200), counting the
// requests and checking that each retry carries the whole body.
func retryServer(t *testing.T, answers ...func(w http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := int(n.Add(1)) - 1
		if r.Method == "POST" {
			b, err := io.ReadAll(r.Body)
			if err != nil || string(b) != `{"x":1}` {
				t.Errorf("attempt %d body %q, want the whole body", k+1, b)
			}
		}
		if k < len(answers) {
			answers[k](w)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

func TestRetryTransport(t *testing.T) {
	fast := []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond}
	tests := []struct {
		name     string
		path     string
		answers  []func(w http.ResponseWriter)
		want     int   // final status
		attempts int32 // requests the server saw
	}{
		{"5xx retried", "/api/v10/channels/1/messages", []func(http.ResponseWriter){status(500, "{}"), status(503, "{}")}, 200, 3},
		{"gives up after three retries", "/api/v10/channels/1/messages", []func(http.ResponseWriter){status(500, "{}"), status(500, "{}"), status(500, "{}"), status(502, "{}")}, 502, 4},
		{"4xx final", "/api/v10/channels/1/messages", []func(http.ResponseWriter){status(403, `{"code":50013}`)}, 403, 1},
		{"429 left to discordgo", "/api/v10/channels/1/messages", []func(http.ResponseWriter){status(429, `{"retry_after":1}`)}, 429, 1},
		{"callback already acknowledged after a lost answer", "/api/v10/interactions/1/tok/callback", []func(http.ResponseWriter){status(500, "{}"), status(400, `{"code":40060,"message":"Interaction has already been acknowledged."}`)}, 204, 2},
		{"callback 40060 on the first try is an error", "/api/v10/interactions/1/tok/callback", []func(http.ResponseWriter){status(400, `{"code":40060}`)}, 400, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := retryServer(t, tt.answers...)
			c := &http.Client{Transport: retryTransport{base: http.DefaultTransport, backoff: fast, callback: fast}}
			req, _ := http.NewRequestWithContext(context.Background(), "POST", srv.URL+tt.path, strings.NewReader(`{"x":1}`))
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want || n.Load() != tt.attempts {
				t.Errorf("status %d after %d requests, want %d after %d", resp.StatusCode, n.Load(), tt.want, tt.attempts)
			}
		})
	}
}
