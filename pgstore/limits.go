package pgstore

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Limits is a token bucket per user kept in the store, so a user's budget
// is the same on every bot process. It implements bot.RateLimiter. Each
// question is one statement: the bucket refills by elapsed time, takes a
// token when it has one, and buckets idle long enough to be full again are
// deleted.
type Limits struct {
	s      *Store
	perSec float64
	burst  float64
}

// Limits returns per-user limits of perMinute questions (sustained) with
// the given burst.
func (s *Store) Limits(perMinute float64, burst int) *Limits {
	return &Limits{s: s, perSec: perMinute / 60, burst: float64(max(burst, 1))}
}

// Allow takes one question from user's bucket at now.
func (l *Limits) Allow(ctx context.Context, user string, now time.Time) (time.Duration, bool, error) {
	if math.IsInf(l.perSec, 1) {
		return 0, true, nil
	}
	// avail is the bucket refilled for the time since the user's last
	// question (full for a new user); the row keeps what is left after this
	// question, and buckets idle long enough to be full again are deleted.
	var avail float64
	err := l.s.pool.QueryRow(ctx, `WITH prev AS (
			SELECT tokens, at FROM `+l.s.schema+`.rate_limits WHERE user_id = $1 FOR UPDATE),
		calc AS (
			SELECT coalesce((SELECT least($2::float8, tokens + greatest(0, extract(epoch FROM ($3::timestamptz - at)))::float8 * $4::float8) FROM prev), $2::float8) AS avail),
		idle AS (
			DELETE FROM `+l.s.schema+`.rate_limits WHERE at < $3::timestamptz - make_interval(secs => $2::float8 / $4::float8) AND user_id <> $1),
		up AS (
			INSERT INTO `+l.s.schema+`.rate_limits (user_id, tokens, at)
			SELECT $1, CASE WHEN avail >= 1 THEN avail - 1 ELSE avail END, $3::timestamptz FROM calc
			ON CONFLICT (user_id) DO UPDATE SET tokens = excluded.tokens, at = excluded.at)
		SELECT avail FROM calc`,
		user, l.burst, now, l.perSec).Scan(&avail)
	if err != nil {
		return 0, true, fmt.Errorf("pgstore: rate limit: %w", err)
	}
	if avail >= 1 {
		return 0, true, nil
	}
	return time.Duration((1 - avail) / l.perSec * float64(time.Second)), false, nil
}
