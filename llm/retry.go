package llm

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// attemptFunc makes one attempt under ctx, whose probe records the response.
type attemptFunc func(ctx context.Context, p *probe) error

// retry runs fn until it succeeds, fails for good, or runs out of retries.
// Each attempt gets its own Config.Timeout. Waits grow exponentially with
// jitter, and a server's Retry-After is honoured when it is not too long.
func (c *Client) retry(ctx context.Context, op string, fn attemptFunc) error {
	if err := c.breaker.allow(op); err != nil {
		return err
	}
	err := c.retryLoop(ctx, op, fn)
	c.breaker.record(err)
	return err
}

// retryLoop is retry without the circuit breaker.
func (c *Client) retryLoop(ctx context.Context, op string, fn attemptFunc) error {
	for attempt := 1; ; attempt++ {
		err := c.attempt(ctx, op, fn)
		if err == nil {
			return nil
		}
		var e *Error
		if !errors.As(err, &e) {
			return err // the caller's context ended
		}
		e.Attempts = attempt
		wait, ok := c.nextWait(ctx, e, attempt)
		if !ok {
			return e
		}
		if c.cfg.OnRetry != nil {
			c.cfg.OnRetry(RetryEvent{Op: op, Attempt: attempt, Wait: wait, Err: e})
		}
		if err := sleep(ctx, wait); err != nil {
			return fmt.Errorf("llm %s: %w", op, err)
		}
	}
}

// attempt runs fn once under a per-attempt timeout.
func (c *Client) attempt(ctx context.Context, op string, fn attemptFunc) error {
	p := &probe{}
	actx, cancel := context.WithTimeout(withProbe(ctx, p), c.cfg.Timeout)
	defer cancel()
	if err := fn(actx, p); err != nil {
		return c.attemptFailure(op, ctx, actx, p, err)
	}
	return nil
}

// nextWait decides whether to retry after the failed attempt number n and
// how long to wait first.
func (c *Client) nextWait(ctx context.Context, e *Error, n int) (time.Duration, bool) {
	if !e.retry || n > c.cfg.MaxRetries {
		return 0, false
	}
	wait := c.backoff(n)
	if e.after > c.cfg.MaxRetryWait {
		e.Detail += fmt.Sprintf(" (the server asks to wait %v)", e.after.Round(time.Second))
		return 0, false
	}
	wait = max(wait, e.after)
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return 0, false // the caller cannot wait that long; fail now, not later
	}
	return wait, true
}

// backoff is the wait before retry n (1-based): BackoffBase·2^(n-1) capped
// at MaxBackoff, with "equal jitter" (half fixed, half random) so clients
// that failed together do not retry together.
func (c *Client) backoff(n int) time.Duration {
	d := c.cfg.BackoffBase
	for i := 1; i < n && d < c.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.cfg.MaxBackoff)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// retryAfter reads how long the server asked to wait: OpenAI's
// retry-after-ms when present, else Retry-After in seconds or as an HTTP
// date. It returns 0 when neither is usable.
func retryAfter(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	if ms, err := strconv.ParseFloat(h.Get("retry-after-ms"), 64); err == nil && ms > 0 {
		return time.Duration(ms * float64(time.Millisecond))
	}
	v := h.Get("Retry-After")
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs > 0 {
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
