package llm

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
)

// probe records what go-openai does not expose about one attempt: the
// response headers (for Retry-After) and whether a stream really ended with
// "data: [DONE]" (go-openai returns the same io.EOF for [DONE] and for a
// connection that just stopped).
type probe struct {
	mu     sync.Mutex
	status int
	header http.Header
	done   bool
}

type probeKey struct{}

// withProbe returns a context carrying p for the transport to fill in.
func withProbe(ctx context.Context, p *probe) context.Context {
	return context.WithValue(ctx, probeKey{}, p)
}

func (p *probe) record(status int, h http.Header) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.status, p.header = status, h
}

func (p *probe) markDone() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = true
}

// snapshot returns the recorded status, headers and [DONE] flag.
func (p *probe) snapshot() (int, http.Header, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.status, p.header, p.done
}

// probeTransport fills in the probe found in each request's context.
type probeTransport struct {
	base http.RoundTripper
}

// RoundTrip sends req and records the response into the request's probe.
func (t *probeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	p, _ := req.Context().Value(probeKey{}).(*probe)
	if err != nil || p == nil {
		return resp, err
	}
	p.record(resp.StatusCode, resp.Header.Clone())
	if req.Header.Get("Accept") == "text/event-stream" {
		resp.Body = &doneWatcher{ReadCloser: resp.Body, p: p}
	}
	return resp, nil
}

// doneWatcher passes a stream body through and marks the probe when it
// sees the "data: [DONE]" line.
type doneWatcher struct {
	io.ReadCloser
	p        *probe
	line     []byte
	overflow bool // the current line is longer than any [DONE] line
}

// maxDoneLine is longer than any spelling of the [DONE] line.
const maxDoneLine = 32

// Read reads from the body, scanning what passes for the [DONE] line.
func (w *doneWatcher) Read(b []byte) (int, error) {
	n, err := w.ReadCloser.Read(b)
	for _, c := range b[:n] {
		w.scan(c)
	}
	return n, err
}

// scan feeds one byte of the stream to the line matcher.
func (w *doneWatcher) scan(c byte) {
	if c != '\n' {
		if len(w.line) < maxDoneLine {
			w.line = append(w.line, c)
		} else {
			w.overflow = true
		}
		return
	}
	line := bytes.TrimSpace(w.line)
	if !w.overflow && bytes.HasPrefix(line, []byte("data:")) &&
		string(bytes.TrimSpace(line[len("data:"):])) == "[DONE]" {
		w.p.markDone()
	}
	w.line, w.overflow = w.line[:0], false
}

// httpClient returns the client go-openai should use: cfg's (or a fresh
// one) with its transport wrapped by a probeTransport.
func httpClient(base *http.Client) *http.Client {
	c := &http.Client{}
	if base != nil {
		cp := *base
		c = &cp
	}
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	c.Transport = &probeTransport{base: rt}
	return c
}
