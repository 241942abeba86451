package bot

import (
	"errors"
	"fmt"
	"math"
	"time"

	"footnote/answer"
	"footnote/corpus"
)

// Defaults for zero Options fields.
const (
	DefaultMaxQuestionRunes = 500
	DefaultTimeout          = 60 * time.Second
	DefaultMaxConcurrent    = 8
	DefaultQueueWait        = 10 * time.Second
	DefaultRatePerMinute    = 6
	DefaultBurst            = 3
	DefaultHistoryTurns     = 3
	DefaultMaxConversations = 10000
	DefaultMaxUsers         = 10000
)

// Options configures a [Core]. Zero fields take the defaults above; negative
// numbers are an error unless a field says otherwise.
type Options struct {
	// Answerer answers questions. Required.
	Answerer answer.Answerer
	// Sources is the corpus metadata /sources lists (Text may be empty; it
	// is dropped either way).
	Sources []corpus.Article
	// MaxQuestionRunes caps a question's length in characters.
	MaxQuestionRunes int
	// Timeout bounds the time spent answering one question.
	Timeout time.Duration
	// MaxConcurrent caps the answers in flight across all users, so a burst
	// cannot overload the LLM endpoint or the machine.
	MaxConcurrent int
	// QueueWait is how long a question waits for a free slot when
	// MaxConcurrent answers are in flight. After it, the user gets a
	// friendly "busy" reply instead of an answer that arrives minutes late.
	QueueWait time.Duration
	// RatePerMinute is each user's sustained question rate (a token bucket).
	// math.Inf(1) disables rate limiting.
	RatePerMinute float64
	// Burst is how many questions a user may ask at once before the rate
	// applies.
	Burst int
	// HistoryTurns is how many earlier questions of a conversation are kept
	// to resolve follow-ups. Negative disables history.
	HistoryTurns int
	// MaxConversations bounds how many conversations' histories are kept;
	// the least recently active are forgotten first.
	MaxConversations int
	// MaxUsers bounds how many users' rate limiters are kept; a forgotten
	// user starts again with a full bucket.
	MaxUsers int
	// HowToAsk is the transport's sentence of /help saying how else to reach
	// the bot (Discord: mentions and DMs; the CLI: how to quit). Empty says
	// nothing.
	HowToAsk string
	// History keeps conversation turns; nil keeps HistoryTurns turns of up
	// to MaxConversations conversations in memory. A shared store (package
	// pgstore) lets replicas answer each other's follow-ups.
	History HistoryStore
	// Limits is the per-user rate limit; nil is a token bucket per user
	// (RatePerMinute, Burst) in memory for up to MaxUsers users.
	Limits RateLimiter
	// Now is the clock, for tests. Nil means time.Now.
	Now func() time.Time
	// OnError, when set, receives the internal error behind every error
	// reply caused by the engine (failures, timeouts, recovered panics as
	// *PanicError), so the transport can log it. Users only ever see a short
	// safe message. It may be called concurrently.
	OnError func(t Turn, err error)
}

// ErrNoAnswerer is returned by [New] when Options.Answerer is nil.
var ErrNoAnswerer = errors.New("bot: Options.Answerer is nil")

// withDefaults returns o with zero fields defaulted, or an error naming the
// first invalid field.
func (o Options) withDefaults() (Options, error) {
	if o.Answerer == nil {
		return o, ErrNoAnswerer
	}
	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxQuestionRunes", &o.MaxQuestionRunes, DefaultMaxQuestionRunes},
		{"MaxConcurrent", &o.MaxConcurrent, DefaultMaxConcurrent},
		{"Burst", &o.Burst, DefaultBurst},
		{"MaxConversations", &o.MaxConversations, DefaultMaxConversations},
		{"MaxUsers", &o.MaxUsers, DefaultMaxUsers},
	}
	for _, f := range ints {
		if err := defaultInt(f.name, f.v, f.def); err != nil {
			return o, err
		}
	}
	durations := []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"Timeout", &o.Timeout, DefaultTimeout},
		{"QueueWait", &o.QueueWait, DefaultQueueWait},
	}
	for _, f := range durations {
		if *f.v < 0 {
			return o, fmt.Errorf("bot: Options.%s is negative (%v)", f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	switch {
	case math.IsNaN(o.RatePerMinute) || o.RatePerMinute < 0:
		return o, fmt.Errorf("bot: Options.RatePerMinute must be positive, got %v", o.RatePerMinute)
	case o.RatePerMinute == 0:
		o.RatePerMinute = DefaultRatePerMinute
	}
	if o.HistoryTurns == 0 {
		o.HistoryTurns = DefaultHistoryTurns
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.History == nil {
		o.History = newHistory(o.HistoryTurns, o.MaxConversations)
	}
	if o.Limits == nil {
		o.Limits = newUserLimits(o.RatePerMinute, o.Burst, o.MaxUsers)
	}
	return o, nil
}

// defaultInt sets *v to def when it is zero and rejects negatives.
func defaultInt(name string, v *int, def int) error {
	if *v < 0 {
		return fmt.Errorf("bot: Options.%s is negative (%d)", name, *v)
	}
	if *v == 0 {
		*v = def
	}
	return nil
}
