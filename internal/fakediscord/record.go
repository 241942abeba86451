package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Request is one REST request the fake received.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the route below the API prefix, e.g. "/channels/123/messages".
	Path string
	// APIVersion is "10" or "9", from the /api/vN prefix.
	APIVersion string
	// Query and Header are the request's query parameters and headers.
	Query  url.Values
	Header http.Header
	// Body is the raw request body; JSON is it decoded (nil when the body is
	// empty or not JSON).
	Body []byte
	JSON map[string]any
	// Status is the status code the fake answered with; 0 when a Dropped
	// fault closed the connection instead.
	Status int
}

// Route reports whether r is method on a path matching pattern, where a "*"
// segment matches any one segment: Route("POST", "/channels/*/messages").
func (r Request) Route(method, pattern string) bool {
	return r.Method == method && matchPath(pattern, r.Path)
}

// Field returns a top-level JSON field of the body and whether it is present.
func (r Request) Field(name string) (any, bool) {
	v, ok := r.JSON[name]
	return v, ok
}

// String returns the top-level string field name, or "".
func (r Request) String(name string) string {
	s, _ := r.JSON[name].(string)
	return s
}

// RawField returns the exact JSON text of a top-level field of the body as
// the client sent it (e.g. `{"parse":[],"replied_user":false}`), or "" when
// absent. Use it to tell `"parse":[]` from `"parse":null`.
func (r Request) RawField(name string) string {
	var raw map[string]json.RawMessage
	if json.Unmarshal(r.Body, &raw) != nil {
		return ""
	}
	return string(raw[name])
}

// Match selects recorded requests.
type Match func(Request) bool

// On matches requests for method on a path pattern (see [Request.Route]).
func On(method, pattern string) Match {
	return func(r Request) bool { return r.Route(method, pattern) }
}

// Succeeded narrows m to requests the fake answered with a 2xx status.
func Succeeded(m Match) Match {
	return func(r Request) bool { return m(r) && r.Status >= 200 && r.Status < 300 }
}

// Requests returns a copy of every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Filter returns the recorded requests m selects, oldest first.
func (s *Server) Filter(m Match) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if m(r) {
			out = append(out, r)
		}
	}
	return out
}

// WaitFor waits until a recorded request matches m and returns the first
// one. It fails when ctx ends first.
func (s *Server) WaitFor(ctx context.Context, m Match) (Request, error) {
	got, err := s.WaitN(ctx, 1, m)
	if err != nil {
		return Request{}, err
	}
	return got[0], nil
}

// WaitN waits until at least n recorded requests match m and returns all the
// matching ones. It fails when ctx ends first, saying how many it saw.
func (s *Server) WaitN(ctx context.Context, n int, m Match) ([]Request, error) {
	var seen int
	err := s.waitUntil(ctx, func() bool {
		var out int
		for _, r := range s.requests {
			if m(r) {
				out++
			}
		}
		seen = out
		return out >= n
	})
	if err != nil {
		return nil, fmt.Errorf("waiting for %d matching requests (saw %d): %w", n, seen, err)
	}
	return s.Filter(m), nil
}

// waitUntil calls cond, with s.mu held, each time the state changes until
// it returns true or ctx ends.
func (s *Server) waitUntil(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// record stores a finished request and wakes waiters.
func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	s.notifyLocked()
}

// matchPath matches path against pattern segment by segment; "*" matches
// any single segment.
func matchPath(pattern, path string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != xs[i] {
			return false
		}
	}
	return true
}
