package pgstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"footnote/answer"
)

// DefaultHistoryTTL is how long a conversation turn is kept.
const DefaultHistoryTTL = 24 * time.Hour

// History keeps conversation turns (question and answer text) in the
// store, so every bot process answers follow-ups the same way. It
// implements bot.HistoryStore. Turns older than its TTL are ignored and
// deleted; each conversation keeps at most its Keep latest turns.
type History struct {
	s    *Store
	ttl  time.Duration
	keep int
	now  func() time.Time
}

// HistoryOptions configures [Store.History]; zero fields mean the defaults.
type HistoryOptions struct {
	// TTL is how long a turn is kept; 0 means [DefaultHistoryTTL].
	TTL time.Duration
	// Keep is how many turns each conversation keeps; 0 means 20.
	Keep int
	// Now is the clock, for tests; nil means time.Now.
	Now func() time.Time
}

// History returns the store's conversation history.
func (s *Store) History(opts HistoryOptions) *History {
	if opts.TTL <= 0 {
		opts.TTL = DefaultHistoryTTL
	}
	if opts.Keep <= 0 {
		opts.Keep = 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &History{s: s, ttl: opts.TTL, keep: opts.Keep, now: opts.Now}
}

// Recent returns up to n of conv's latest turns within the TTL, oldest first.
func (h *History) Recent(ctx context.Context, conv string, n int) ([]answer.Turn, error) {
	rows, err := h.s.pool.Query(ctx, `SELECT question, answer FROM `+h.s.schema+`.history
		WHERE conv = $1 AND at > $2 ORDER BY id DESC LIMIT $3`, conv, h.now().Add(-h.ttl), n)
	if err != nil {
		return nil, fmt.Errorf("pgstore: read history: %w", err)
	}
	var out []answer.Turn
	var t answer.Turn
	if _, err := pgx.ForEachRow(rows, []any{&t.Question, &t.Answer}, func() error {
		out = append(out, t)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("pgstore: read history: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

// Append records a turn, trims the conversation to its latest Keep turns
// and deletes every turn past the TTL, in one statement.
func (h *History) Append(ctx context.Context, conv string, t answer.Turn) error {
	now := h.now()
	_, err := h.s.pool.Exec(ctx, `WITH ins AS (
			INSERT INTO `+h.s.schema+`.history (conv, question, answer, at) VALUES ($1, $2, $3, $4) RETURNING id)
		DELETE FROM `+h.s.schema+`.history WHERE at < $6 OR conv = $1 AND id <= (
			SELECT id FROM `+h.s.schema+`.history WHERE conv = $1 ORDER BY id DESC OFFSET $5 - 1 LIMIT 1)`,
		conv, t.Question, t.Answer, now, h.keep, now.Add(-h.ttl))
	if err != nil {
		return fmt.Errorf("pgstore: record history: %w", err)
	}
	return nil
}
