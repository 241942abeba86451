package bot

import (
	"context"
	"time"

	"footnote/answer"
)

// HistoryStore keeps each conversation's recent turns for follow-ups. The
// default keeps them in this process's memory; package pgstore keeps them
// in PostgreSQL, so every replica of the bot sees the same conversations.
type HistoryStore interface {
	// Recent returns up to n of conv's most recent turns, oldest first.
	Recent(ctx context.Context, conv string, n int) ([]answer.Turn, error)
	// Append records a turn of conv.
	Append(ctx context.Context, conv string, t answer.Turn) error
}

// RateLimiter is the per-user question budget. The default is a token
// bucket per user in memory; package pgstore's is shared by every replica.
type RateLimiter interface {
	// Allow takes one question from user's budget at now. When the budget
	// is spent it returns ok false and how long until the next question.
	Allow(ctx context.Context, user string, now time.Time) (retryAfter time.Duration, ok bool, err error)
}

// Compile-time checks that the in-memory defaults fit.
var (
	_ HistoryStore = (*history)(nil)
	_ RateLimiter  = (*userLimits)(nil)
)
