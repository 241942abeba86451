package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// One transient Discord failure must not lose an answer: every REST call
// (interaction callbacks, edits, follow-ups, channel sends, start-up
// lookups, and whatever calls are added later) goes through retryTransport,
// which retries a 5xx answer or a transport error (a dropped connection)
// with a short bounded backoff. 429s are left to discordgo's rate limiter,
// and other 4xx answers are final. discordgo's own retry (of 502 only) is
// turned off, so there is one retry policy, here.

// Retry schedules. An interaction callback must reach Discord within 3 s
// of the interaction, so its retries are quicker and fewer.
var (
	restBackoff     = []time.Duration{200 * time.Millisecond, 500 * time.Millisecond, time.Second}
	callbackBackoff = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
)

// callbackBudget bounds the whole time spent on one interaction callback,
// retries included, inside Discord's 3 s.
const callbackBudget = 2500 * time.Millisecond

// codeAlreadyAcknowledged is Discord's error code for a callback to an
// interaction that already has a response.
const codeAlreadyAcknowledged = 40060

// retryTransport retries requests that failed in a way another attempt
// may not (see above). A request whose body cannot be replayed is sent
// once.
type retryTransport struct {
	base http.RoundTripper
	// backoff and callback are the waits before each retry, for REST calls
	// and for interaction callbacks; nil means the defaults above.
	backoff, callback []time.Duration
	// sleep waits d or until ctx ends; nil means a timer.
	sleep func(ctx context.Context, d time.Duration) error
}

// RoundTrip implements http.RoundTripper.
func (t retryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	waits, budget := t.backoff, time.Duration(0)
	if waits == nil {
		waits = restBackoff
	}
	isCallback := isCallbackPath(r.URL.Path)
	if isCallback {
		waits, budget = t.callback, callbackBudget
		if waits == nil {
			waits = callbackBackoff
		}
	}
	start := time.Now()
	for attempt := 0; ; attempt++ {
		req := r
		if attempt > 0 {
			var err error
			if req, err = replay(r); err != nil {
				return nil, err
			}
		}
		resp, err := t.base.RoundTrip(req)
		if attempt > 0 && isCallback && alreadyAcknowledged(resp) {
			// An earlier attempt landed although its answer was lost.
			return acknowledged(r, resp), nil
		}
		if !transient(r.Context(), resp, err) || attempt >= len(waits) || !replayable(r) {
			return resp, err
		}
		wait := waits[attempt]
		if budget > 0 && time.Since(start)+wait > budget {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.wait(r.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// wait sleeps d or until ctx ends.
func (t retryTransport) wait(ctx context.Context, d time.Duration) error {
	if t.sleep != nil {
		return t.sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// transient reports whether a failed attempt may succeed when repeated: a
// transport error while the caller still waits, or a 5xx.
func transient(ctx context.Context, resp *http.Response, err error) bool {
	if err != nil {
		return ctx.Err() == nil
	}
	return resp.StatusCode >= 500
}

// replayable reports whether r can be sent again.
func replayable(r *http.Request) bool {
	return r.Body == nil || r.Body == http.NoBody || r.GetBody != nil
}

// replay returns a copy of r with a fresh body.
func replay(r *http.Request) (*http.Request, error) {
	req := r.Clone(r.Context())
	if r.GetBody != nil {
		body, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		req.Body = body
	}
	return req, nil
}

// isCallbackPath reports whether path is an interaction callback,
// /api/vN/interactions/{id}/{token}/callback.
func isCallbackPath(path string) bool {
	return strings.HasSuffix(path, "/callback") && strings.Contains(path, "/interactions/")
}

// alreadyAcknowledged reports whether resp is Discord's "interaction has
// already been acknowledged". It leaves resp readable.
func alreadyAcknowledged(resp *http.Response) bool {
	if resp == nil || resp.StatusCode != http.StatusBadRequest {
		return false
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	var e struct {
		Code int `json:"code"`
	}
	return json.Unmarshal(b, &e) == nil && e.Code == codeAlreadyAcknowledged
}

// acknowledged is the 204 a callback gets, standing in for resp.
func acknowledged(r *http.Request, resp *http.Response) *http.Response {
	resp.Body.Close()
	return &http.Response{
		Status: "204 No Content", StatusCode: http.StatusNoContent,
		Proto: resp.Proto, ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor,
		Header: http.Header{}, Body: http.NoBody, Request: r,
	}
}
