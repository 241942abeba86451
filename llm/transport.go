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
	// limit, when > 0, is the most of a non-streamed body that is read;
	// reading more fails with over.
	limit int64
	over  error
}

// limitBody makes the transport fail a non-streamed body after n bytes.
func (p *probe) limitBody(n int64, over error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.limit, p.over = n, over
}

// bodyLimit returns what limitBody set.
func (p *probe) bodyLimit() (int64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.limit, p.over
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
	} else if n, over := p.bodyLimit(); n > 0 {
		resp.Body = &cappedBody{ReadCloser: resp.Body, left: n, over: over}
	}
	return resp, nil
}

// cappedBody passes at most left bytes of a body through, then fails with
// over, so a runaway reply is never read into memory whole.
type cappedBody struct {
	io.ReadCloser
	left int64
	over error
}

// Read reads from the body until the cap.
func (c *cappedBody) Read(b []byte) (int, error) {
	if c.left <= 0 {
		return 0, c.over
	}
	if int64(len(b)) > c.left {
		b = b[:c.left]
	}
	n, err := c.ReadCloser.Read(b)
	c.left -= int64(n)
	return n, err
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
