package fakediscord

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Fault is a scripted failure answer to one REST request.
type Fault struct {
	// Status, Header and Body are the HTTP answer sent instead of the
	// normal one.
	Status int
	Header http.Header
	Body   []byte
	// Drop, when true, closes the connection without any answer, as a
	// network failure would; Status, Header and Body are then unused.
	Drop bool
}

// Dropped is a Fault that closes the connection without answering, so the
// client's HTTP call fails with a transport error (a *url.Error naming the
// request URL) instead of an HTTP status.
func Dropped() Fault { return Fault{Drop: true} }

// RateLimited is a 429 as Discord sends it for a per-route limit: a JSON
// body with retry_after in seconds and the X-RateLimit-* headers.
func RateLimited(retryAfter time.Duration) Fault {
	secs := strconv.FormatFloat(retryAfter.Seconds(), 'f', 3, 64)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds()+0.999)))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", secs)
	h.Set("X-RateLimit-Bucket", "fake-bucket")
	h.Set("X-RateLimit-Scope", "user")
	body := fmt.Sprintf(`{"retry_after":%s,"global":false,"message":"You are being rate limited."}`, secs)
	return Fault{Status: http.StatusTooManyRequests, Header: h, Body: []byte(body)}
}

// ServerError is a plain 500 with a Discord-style error body.
func ServerError() Fault {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return Fault{Status: http.StatusInternalServerError, Header: h, Body: []byte(`{"message":"500: Internal Server Error","code":0}`)}
}

type fault struct {
	method, pattern string
	f               Fault
}

// FailNext makes the next request for method on a path matching pattern
// (see [Request.Route]) get f instead of its normal answer. Faults queue: two
// calls fail the next two matching requests.
func (s *Server) FailNext(method, pattern string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fault{method: method, pattern: pattern, f: f})
}

// takeFault removes and returns the first fault scripted for r.
func (s *Server) takeFault(method, path string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.method == method && matchPath(f.pattern, path) {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return f.f, true
		}
	}
	return Fault{}, false
}
