package llm

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Defaults of the circuit breaker.
const (
	DefaultBreakerFailures = 2
	DefaultBreakerCooldown = 30 * time.Second
)

// BreakerEvent reports that the circuit breaker opened: Failures calls in
// a row failed (each after its retries), so no request is sent until Until.
type BreakerEvent struct {
	Failures int
	Until    time.Time
	Err      error // the last failure (an *Error, key-safe)
}

// breaker stops calling a server that is down: after Failures consecutive
// calls that failed (after their retries) because the server was
// unreachable, failing or too slow, every call fails at once with
// ErrUnavailable for Cooldown. Then
// one call is let through (half-open); its success closes the breaker, its
// failure opens it again. A batch of questions against a dead server so
// costs one question's retries, not every question's.
type breaker struct {
	failures int
	cooldown time.Duration
	onOpen   func(BreakerEvent)
	now      func() time.Time

	mu        sync.Mutex
	streak    int
	openUntil time.Time
}

// allow reports whether a request may be sent now; when not, the returned
// error says why and until when.
func (b *breaker) allow(op string) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if now.Before(b.openUntil) {
		return &Error{Op: op, Kind: ErrUnavailable,
			Detail: fmt.Sprintf("not called: the last %d calls failed; trying again in %v", b.streak, b.openUntil.Sub(now).Round(time.Second))}
	}
	return nil
}

// record notes the outcome of one call (after its retries).
func (b *breaker) record(err error) {
	if b == nil {
		return
	}
	var e *Error
	down := errors.As(err, &e) && (e.Kind == ErrUnavailable || e.Kind == ErrTimeout)
	b.mu.Lock()
	if !down {
		if err == nil || errors.As(err, &e) {
			b.streak = 0 // the server answered
		}
		b.mu.Unlock()
		return
	}
	b.streak++
	var ev *BreakerEvent
	if b.streak >= b.failures {
		b.openUntil = b.now().Add(b.cooldown)
		ev = &BreakerEvent{Failures: b.streak, Until: b.openUntil, Err: err}
	}
	b.mu.Unlock()
	if ev != nil && b.onOpen != nil {
		b.onOpen(*ev)
	}
}
