package bot

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"

	"footnote/internal/lru"

	"golang.org/x/time/rate"
)

// userLimits is a token bucket per user, so one user asking in a loop
// cannot crowd out everyone else. Buckets of users not seen for a while are
// dropped (bounded LRU); a dropped user simply starts with a full bucket.
type userLimits struct {
	limit rate.Limit
	burst int

	mu    sync.Mutex
	users *lru.Cache[string, *rate.Limiter]
}

// newUserLimits returns limits of perMinute questions per user (Inf means
// unlimited), with the given burst, remembering at most maxUsers users.
func newUserLimits(perMinute float64, burst, maxUsers int) *userLimits {
	limit := rate.Inf
	if !math.IsInf(perMinute, 1) {
		limit = rate.Limit(perMinute / 60)
	}
	return &userLimits{limit: limit, burst: burst, users: lru.New[string, *rate.Limiter](maxUsers)}
}

// allow takes a token from user's bucket at now. When the bucket is empty it
// reports how long until the next token.
func (l *userLimits) allow(user string, now time.Time) (retryAfter time.Duration, ok bool) {
	if l.limit == rate.Inf {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, found := l.users.Get(user)
	if !found {
		lim = rate.NewLimiter(l.limit, l.burst)
		l.users.Put(user, lim)
	}
	if lim.AllowN(now, 1) {
		return 0, true
	}
	missing := 1 - lim.TokensAt(now)
	return time.Duration(missing / float64(l.limit) * float64(time.Second)), false
}

// Allow is allow for [RateLimiter].
func (l *userLimits) Allow(_ context.Context, user string, now time.Time) (time.Duration, bool, error) {
	wait, ok := l.allow(user, now)
	return wait, ok, nil
}

// errBusy is returned by slots.acquire when no slot freed up in time.
var errBusy = errors.New("all answer slots busy")

// slots caps the answers in flight across all users.
type slots chan struct{}

// acquire takes a slot, waiting up to wait. It returns errBusy when none
// frees up in time and ctx's error when ctx ends first. The caller must call
// release exactly once after a successful acquire.
func (s slots) acquire(ctx context.Context, wait time.Duration) (release func(), err error) {
	release = func() { <-s }
	select {
	case s <- struct{}{}:
		return release, nil
	default:
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case s <- struct{}{}:
		return release, nil
	case <-timer.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
