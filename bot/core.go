package bot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"footnote/answer"
	"footnote/corpus"
)

// Core is footnote's transport-independent conversation logic: it validates
// questions, applies per-user rate limits, a global concurrency cap and a
// per-question timeout, keeps short per-conversation history for follow-ups,
// and turns engine failures (panics included) into short, safe replies.
// Dropping redelivered messages is the transport's job (package discord),
// which sees the delivery IDs before it acknowledges anything.
// It is safe for concurrent use.
type Core struct {
	opts Options
	// sources is the article list; SetSources replaces it when a live
	// corpus changes, while turns read it.
	sources atomic.Pointer[[]corpus.Article]
	limits  RateLimiter
	slots   slots
	history HistoryStore
}

// New returns a Core configured by opts (see [Options] for defaults).
func New(opts Options) (*Core, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Core{
		opts:    opts,
		limits:  opts.Limits,
		slots:   make(slots, opts.MaxConcurrent),
		history: opts.History,
	}
	c.SetSources(opts.Sources)
	return c, nil
}

// SetSources replaces the article list /sources shows and /ask source:
// accepts, for a corpus that changes while the bot runs. It is safe to
// call while turns are handled.
func (c *Core) SetSources(arts []corpus.Article) {
	sources := make([]corpus.Article, len(arts))
	for i, a := range arts {
		a.Text = "" // /sources lists metadata; holding the text would only cost memory
		sources[i] = a
	}
	c.sources.Store(&sources)
}

// Sources returns the corpus metadata /sources lists (Text empty), for
// transports that offer the article list (Discord's source: autocomplete).
func (c *Core) Sources() []corpus.Article {
	return append([]corpus.Article(nil), *c.sources.Load()...)
}

// Handle answers one turn. Every turn gets a reply, an error reply
// included; Handle never returns an error, because every failure has
// something to tell the user.
func (c *Core) Handle(ctx context.Context, t Turn) Reply {
	switch t.Input.Command {
	case CmdHelp:
		return Reply{Kind: ReplyHelp, Text: c.Help()}
	case CmdSources:
		return Reply{Kind: ReplySources, Sources: FilterSources(*c.sources.Load(), t.Input.Query), Page: t.Input.Page, Query: t.Input.Query}
	case CmdAsk:
		return c.ask(ctx, t)
	case CmdUnknown:
		return errorReply(msgUnknownCommand(t.Input.Question))
	default:
		return errorReply(msgUnknownCommand("/" + string(t.Input.Command)))
	}
}

// ask runs one question through validation, limits and the engine.
func (c *Core) ask(ctx context.Context, t Turn) Reply {
	raw := strings.TrimSpace(strings.ToValidUTF8(t.Input.Question, "\uFFFD"))
	q, err := answer.ValidQuestion(raw, c.opts.MaxQuestionRunes) // the one check, shared with the engines
	switch {
	case errors.Is(err, answer.ErrQuestionTooLong):
		return errorReply(msgTooLong(c.opts.MaxQuestionRunes, utf8.RuneCountInString(raw)))
	case err != nil: // empty, or only blanks, emoji or punctuation
		return errorReply(msgEmptyQuestion)
	}
	for _, src := range t.Input.Sources {
		if !c.hasSource(src) {
			return errorReply(msgUnknownSource(src))
		}
	}
	since, until, msg := dateRange(t.Input.Since, t.Input.Until)
	if msg != "" {
		return errorReply(msg)
	}
	if wait, ok := c.allow(ctx, t); !ok {
		return errorReply(msgRateLimited(wait))
	}
	release, err := c.slots.acquire(ctx, c.opts.QueueWait)
	if err != nil {
		if errors.Is(err, errBusy) {
			return errorReply(msgBusy)
		}
		return errorReply(msgCancelled)
	}
	req := answer.Request{Question: q, History: c.recent(ctx, t), Sources: t.Input.Sources, Since: since, Until: until, OnDelta: t.OnDelta}
	a, err := c.run(ctx, req, release)
	if err != nil {
		if c.opts.OnError != nil {
			c.opts.OnError(t, err)
		}
		return errorReply(c.userMessage(ctx, err))
	}
	c.remember(ctx, t, answer.Turn{Question: q, Answer: answeredText(a)})
	return Reply{Kind: ReplyAnswer, Answer: &a}
}

// allow applies the rate limit. A limiter that fails (a shared store that
// is down) lets the question through: answering beats refusing everyone.
func (c *Core) allow(ctx context.Context, t Turn) (time.Duration, bool) {
	if math.IsInf(c.opts.RatePerMinute, 1) {
		return 0, true
	}
	wait, ok, err := c.limits.Allow(ctx, t.UserID, c.opts.Now())
	if err != nil {
		c.stateError(t, err)
		return 0, true
	}
	return wait, ok
}

// recent returns the conversation's history; a failing store means none.
func (c *Core) recent(ctx context.Context, t Turn) []answer.Turn {
	if c.opts.HistoryTurns <= 0 || t.ConversationID == "" {
		return nil
	}
	ts, err := c.history.Recent(ctx, t.ConversationID, c.opts.HistoryTurns)
	if err != nil {
		c.stateError(t, err)
		return nil
	}
	return ts
}

// remember records an answered turn.
func (c *Core) remember(ctx context.Context, t Turn, turn answer.Turn) {
	if c.opts.HistoryTurns <= 0 || t.ConversationID == "" {
		return
	}
	if err := c.history.Append(context.WithoutCancel(ctx), t.ConversationID, turn); err != nil {
		c.stateError(t, err)
	}
}

// stateError reports a failure of the shared conversation state.
func (c *Core) stateError(t Turn, err error) {
	if c.opts.OnError != nil {
		c.opts.OnError(t, fmt.Errorf("conversation state: %w", err))
	}
}

// run asks the engine under the per-question timeout. The engine runs in its
// own goroutine so that a hung or panicking Answerer cannot hang or crash the
// transport: Handle returns at the deadline regardless, and the slot is
// released only when the engine really stops, so the concurrency cap stays
// honest. This is the one place the conversation core recovers panics: a
// panicking engine becomes a *PanicError for OnError and a short apology.
func (c *Core) run(ctx context.Context, req answer.Request, release func()) (answer.Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	deltas := gateDeltas(req.OnDelta)
	req.OnDelta = deltas.sendFunc()
	type result struct {
		a   answer.Answer
		err error
	}
	done := make(chan result, 1) // buffered: the goroutine never blocks on a gone caller
	go func() {
		defer release()
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: &PanicError{Value: p, Stack: debug.Stack()}}
			}
		}()
		a, err := c.opts.Answerer.Answer(ctx, req)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		deltas.close()
		return r.a, r.err
	case <-ctx.Done():
		deltas.close()
		return answer.Answer{}, ctx.Err()
	}
}

// userMessage maps an engine error to what the user is told.
func (c *Core) userMessage(ctx context.Context, err error) string {
	var p *PanicError
	switch {
	case errors.As(err, &p):
		return msgPanic
	case errors.Is(err, answer.ErrEmptyQuestion):
		return msgEmptyQuestion
	case errors.Is(err, answer.ErrQuestionTooLong):
		return msgEngineTooLong
	case ctx.Err() != nil:
		// The caller gave up (shutdown, interaction expired), not the engine.
		return msgCancelled
	case errors.Is(err, context.DeadlineExceeded):
		return msgTimeout
	default:
		return msgEngineFailed
	}
}

// errorReply is a ReplyError with text.
func errorReply(text string) Reply {
	return Reply{Kind: ReplyError, Text: text}
}

// answeredText is what a follow-up may lean on from a: its text when it
// answered, nothing for a decline (whose words name no finding).
func answeredText(a answer.Answer) string {
	if !a.Answered {
		return ""
	}
	return a.Text
}

// hasSource reports whether the corpus holds the article file source.
func (c *Core) hasSource(source string) bool {
	for _, a := range *c.sources.Load() {
		if a.Source == source {
			return true
		}
	}
	return false
}
