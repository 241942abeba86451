package bot_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
)

// newCore builds a Core over fa with a fake clock, failing the test on error.
func newCore(t *testing.T, fa answer.Answerer, opts bot.Options) *bot.Core {
	t.Helper()
	opts.Answerer = fa
	if opts.Now == nil {
		opts.Now = newFakeClock().Now
	}
	c, err := bot.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// ask sends one question as a turn without an ID.
func ask(c *bot.Core, conv, user, q string) bot.Reply {
	r := c.Handle(context.Background(), bot.Turn{
		ConversationID: conv, UserID: user, Input: bot.Input{Command: bot.CmdAsk, Question: q},
	})
	return r
}

func TestNewValidatesOptions(t *testing.T) {
	fa := &fakeAnswerer{}
	tests := []struct {
		name    string
		opts    bot.Options
		wantErr string
	}{
		{"defaults", bot.Options{Answerer: fa}, ""},
		{"no answerer", bot.Options{}, "Answerer"},
		{"negative max runes", bot.Options{Answerer: fa, MaxQuestionRunes: -1}, "MaxQuestionRunes"},
		{"negative concurrency", bot.Options{Answerer: fa, MaxConcurrent: -2}, "MaxConcurrent"},
		{"negative timeout", bot.Options{Answerer: fa, Timeout: -time.Second}, "Timeout"},
		{"negative rate", bot.Options{Answerer: fa, RatePerMinute: -1}, "RatePerMinute"},
		{"NaN rate", bot.Options{Answerer: fa, RatePerMinute: math.NaN()}, "RatePerMinute"},
		{"infinite rate", bot.Options{Answerer: fa, RatePerMinute: math.Inf(1)}, ""},
		{"history disabled", bot.Options{Answerer: fa, HistoryTurns: -1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := bot.New(tt.opts)
			if tt.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("New() = %v, %v; want a core", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New() error = %v, want one naming %s", err, tt.wantErr)
			}
		})
	}
	if _, err := bot.New(bot.Options{}); !errors.Is(err, bot.ErrNoAnswerer) {
		t.Errorf("New without answerer: %v, want ErrNoAnswerer", err)
	}
}

func TestHandle(t *testing.T) {
	const secret = "sk-very-secret-key at http://10.0.0.7:8080"
	sources := []corpus.Article{
		{Source: "000_2a32f4e3c815aa48.txt", Title: "Talks", Date: "2025-05-16", Text: "full text", Size: 100},
	}
	tests := []struct {
		name      string
		input     bot.Input
		engine    func(context.Context, answer.Request) (answer.Answer, error)
		wantKind  bot.ReplyKind
		wantText  string // substring of Reply.Text
		notText   string // must not appear in Reply.Text
		wantCalls int    // engine calls
		wantOnErr bool   // OnError called
	}{
		{name: "help", input: bot.Input{Command: bot.CmdHelp}, wantKind: bot.ReplyHelp, wantText: "/ask"},
		{name: "sources", input: bot.Input{Command: bot.CmdSources}, wantKind: bot.ReplySources},
		{name: "ask", input: bot.Input{Command: bot.CmdAsk, Question: "Who met?"}, wantKind: bot.ReplyAnswer, wantCalls: 1},
		{name: "ask trims", input: bot.Input{Command: bot.CmdAsk, Question: "  Who met?\n"}, wantKind: bot.ReplyAnswer, wantCalls: 1},
		{name: "empty ask", input: bot.Input{Command: bot.CmdAsk, Question: "  "}, wantKind: bot.ReplyError, wantText: "/ask"},
		{name: "too long", input: bot.Input{Command: bot.CmdAsk, Question: strings.Repeat("é", 501)},
			wantKind: bot.ReplyError, wantText: "limit is 500"},
		{name: "exactly the limit", input: bot.Input{Command: bot.CmdAsk, Question: strings.Repeat("é", 500)},
			wantKind: bot.ReplyAnswer, wantCalls: 1},
		{name: "unknown command", input: bot.Input{Command: bot.CmdUnknown, Question: "/foo"},
			wantKind: bot.ReplyError, wantText: "/foo"},
		{name: "engine: empty question", input: bot.Input{Command: bot.CmdAsk, Question: "the of"},
			engine: func(context.Context, answer.Request) (answer.Answer, error) {
				return answer.Answer{}, fmt.Errorf("analyse: %w", answer.ErrEmptyQuestion)
			},
			wantKind: bot.ReplyError, wantText: "ask a question", wantCalls: 1, wantOnErr: true},
		{name: "engine: too long", input: bot.Input{Command: bot.CmdAsk, Question: "long"},
			engine: func(context.Context, answer.Request) (answer.Answer, error) {
				return answer.Answer{}, answer.ErrQuestionTooLong
			},
			wantKind: bot.ReplyError, wantText: "too long", wantCalls: 1, wantOnErr: true},
		{name: "engine failure hides details", input: bot.Input{Command: bot.CmdAsk, Question: "q"},
			engine: func(context.Context, answer.Request) (answer.Answer, error) {
				return answer.Answer{}, errors.New("llm: " + secret)
			},
			wantKind: bot.ReplyError, wantText: "couldn't answer", notText: "sk-", wantCalls: 1, wantOnErr: true},
		{name: "panic recovered", input: bot.Input{Command: bot.CmdAsk, Question: "q"},
			engine: func(context.Context, answer.Request) (answer.Answer, error) {
				panic("boom: " + secret)
			},
			wantKind: bot.ReplyError, wantText: "Something went wrong", notText: "boom", wantCalls: 1, wantOnErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := &fakeAnswerer{fn: tt.engine}
			var onErr atomic.Int32
			c := newCore(t, fa, bot.Options{Sources: sources, OnError: func(bot.Turn, error) { onErr.Add(1) }})
			r := c.Handle(context.Background(), bot.Turn{ID: "1", ConversationID: "c", UserID: "u", Input: tt.input})
			if r.Kind != tt.wantKind {
				t.Fatalf("Kind = %q (text %q), want %q", r.Kind, r.Text, tt.wantKind)
			}
			if !strings.Contains(r.Text, tt.wantText) {
				t.Errorf("Text = %q, want it to contain %q", r.Text, tt.wantText)
			}
			if tt.notText != "" && strings.Contains(r.Text, tt.notText) {
				t.Errorf("Text = %q leaks %q", r.Text, tt.notText)
			}
			if got := len(fa.requests()); got != tt.wantCalls {
				t.Errorf("engine called %d times, want %d", got, tt.wantCalls)
			}
			if got := onErr.Load() > 0; got != tt.wantOnErr {
				t.Errorf("OnError called: %v, want %v", got, tt.wantOnErr)
			}
			switch r.Kind {
			case bot.ReplyAnswer:
				if r.Answer == nil || !strings.Contains(r.Answer.Text, strings.TrimSpace(tt.input.Question)) {
					t.Errorf("Answer = %+v, want the engine's answer", r.Answer)
				}
				if q := fa.requests()[0].Question; q != strings.TrimSpace(tt.input.Question) {
					t.Errorf("engine got question %q, want it trimmed", q)
				}
			case bot.ReplySources:
				if len(r.Sources) != 1 || r.Sources[0].Source != sources[0].Source || r.Sources[0].Text != "" {
					t.Errorf("Sources = %+v, want the metadata without text", r.Sources)
				}
			case bot.ReplyHelp:
				if r.Text != c.Help() {
					t.Errorf("help reply differs from Help()")
				}
			}
		})
	}
}

func TestHandlePanicReachesOnError(t *testing.T) {
	fa := &fakeAnswerer{fn: func(context.Context, answer.Request) (answer.Answer, error) { panic("boom") }}
	var got error
	c := newCore(t, fa, bot.Options{OnError: func(_ bot.Turn, err error) { got = err }})
	ask(c, "c", "u", "q")
	var p *bot.PanicError
	if !errors.As(got, &p) || p.Value != "boom" || len(p.Stack) == 0 {
		t.Fatalf("OnError got %v, want a *PanicError with value and stack", got)
	}
	// The core still works after a panic.
	fa.fn = nil
	if r := ask(c, "c", "u", "again"); r.Kind != bot.ReplyAnswer {
		t.Errorf("after a panic: %q %q, want an answer", r.Kind, r.Text)
	}
}

func TestRateLimit(t *testing.T) {
	clock := newFakeClock()
	fa := &fakeAnswerer{}
	c := newCore(t, fa, bot.Options{RatePerMinute: 6, Burst: 3, Now: clock.Now})
	steps := []struct {
		name     string
		advance  time.Duration
		user     string
		input    bot.Input
		wantKind bot.ReplyKind
		wantText string
	}{
		{"burst 1", 0, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyAnswer, ""},
		{"burst 2", 0, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyAnswer, ""},
		{"invalid question costs nothing", 0, "alice", bot.Input{Command: bot.CmdAsk}, bot.ReplyError, "/ask"},
		{"burst 3", 0, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyAnswer, ""},
		{"limited", 0, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyError, "try again in 10 s"},
		{"help is not limited", 0, "alice", bot.Input{Command: bot.CmdHelp}, bot.ReplyHelp, ""},
		{"other user unaffected", 0, "bob", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyAnswer, ""},
		{"wait shrinks", 4 * time.Second, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyError, "try again in 6 s"},
		{"token refilled", 6 * time.Second, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyAnswer, ""},
		{"empty again", 0, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyError, "try again in 10 s"},
		{"partial second rounds up", 9500 * time.Millisecond, "alice", bot.Input{Command: bot.CmdAsk, Question: "q"}, bot.ReplyError, "try again in 1 s"},
	}
	for _, s := range steps {
		clock.Advance(s.advance)
		r := c.Handle(context.Background(), bot.Turn{ConversationID: s.user, UserID: s.user, Input: s.input})
		if r.Kind != s.wantKind || !strings.Contains(r.Text, s.wantText) {
			t.Fatalf("%s: got %q %q, want %q containing %q", s.name, r.Kind, r.Text, s.wantKind, s.wantText)
		}
	}
	if n := len(fa.requests()); n != 5 {
		t.Errorf("engine called %d times, want 5 (rate-limited asks must not reach it)", n)
	}
}

func TestConcurrencyCapBusy(t *testing.T) {
	started := make(chan struct{})
	unblock := make(chan struct{})
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		if req.Question == "slow" {
			close(started)
			<-unblock
		}
		return answer.Answer{Text: "done", Answered: true}, nil
	}}
	c := newCore(t, fa, bot.Options{MaxConcurrent: 1, QueueWait: 10 * time.Millisecond, RatePerMinute: math.Inf(1)})
	slow := make(chan bot.Reply)
	go func() { slow <- ask(c, "c1", "u1", "slow") }()
	<-started
	if r := ask(c, "c2", "u2", "fast"); r.Kind != bot.ReplyError || !strings.Contains(r.Text, "lot of questions") {
		t.Errorf("second question while the slot is taken: %q %q, want a busy reply", r.Kind, r.Text)
	}
	close(unblock)
	if r := <-slow; r.Kind != bot.ReplyAnswer {
		t.Errorf("slow question: %q %q, want an answer", r.Kind, r.Text)
	}
	if r := ask(c, "c2", "u2", "fast"); r.Kind != bot.ReplyAnswer {
		t.Errorf("after the slot is free: %q %q, want an answer", r.Kind, r.Text)
	}
}

func TestConcurrencyCapQueues(t *testing.T) {
	const limit, askers = 2, 12
	var inFlight, peak atomic.Int32
	// Answers hold their slot until the cap has been reached once, so the
	// other askers are sure to queue (no sleep standing in for that).
	full := make(chan struct{})
	var fullOnce sync.Once
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if n >= limit {
			fullOnce.Do(func() { close(full) })
		}
		select {
		case <-full:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
		return answer.Answer{Text: "ok", Answered: true}, nil
	}}
	c := newCore(t, fa, bot.Options{MaxConcurrent: limit, QueueWait: time.Minute, RatePerMinute: math.Inf(1)})
	var wg sync.WaitGroup
	var answered atomic.Int32
	for i := range askers {
		wg.Go(func() {
			if r := ask(c, fmt.Sprint(i), fmt.Sprint(i), "q"); r.Kind == bot.ReplyAnswer {
				answered.Add(1)
			}
		})
	}
	wg.Wait()
	if answered.Load() != askers {
		t.Errorf("%d of %d queued questions answered, want all", answered.Load(), askers)
	}
	if p := peak.Load(); p != limit {
		t.Errorf("peak answers in flight = %d, want exactly the cap %d", p, limit)
	}
}

func TestTimeout(t *testing.T) {
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		<-ctx.Done()
		return answer.Answer{}, fmt.Errorf("generate: %w", ctx.Err())
	}}
	var onErr error
	c := newCore(t, fa, bot.Options{Timeout: 5 * time.Millisecond, OnError: func(_ bot.Turn, err error) { onErr = err }})
	r := ask(c, "c", "u", "q")
	if r.Kind != bot.ReplyError || !strings.Contains(r.Text, "took too long") {
		t.Fatalf("got %q %q, want a timeout reply", r.Kind, r.Text)
	}
	if !errors.Is(onErr, context.DeadlineExceeded) {
		t.Errorf("OnError got %v, want DeadlineExceeded", onErr)
	}
	if h := fa.requests(); len(h) != 1 {
		t.Fatalf("engine called %d times", len(h))
	}
	// A timed-out question is not history.
	ask(c, "c", "u", "next")
	if h := fa.requests()[1].History; len(h) != 0 {
		t.Errorf("history after a timeout = %q, want none", h)
	}
}

// An Answerer that ignores its context still cannot hang Handle, keeps its
// slot until it really stops, and cannot stream into a finished reply.
func TestTimeoutStuckAnswerer(t *testing.T) {
	unblock := make(chan struct{})
	finished := make(chan struct{})
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		if req.Question != "stuck" {
			return answer.Answer{Text: "ok", Answered: true}, nil
		}
		defer close(finished)
		req.OnDelta("early ")
		<-unblock
		req.OnDelta("late")
		return answer.Answer{Text: "too late", Answered: true}, nil
	}}
	c := newCore(t, fa, bot.Options{Timeout: 5 * time.Millisecond, MaxConcurrent: 1,
		QueueWait: time.Millisecond, RatePerMinute: math.Inf(1)})
	var mu sync.Mutex
	var deltas []string
	turn := bot.Turn{ConversationID: "c", UserID: "u", Input: bot.Input{Command: bot.CmdAsk, Question: "stuck"},
		OnDelta: func(d string) { mu.Lock(); deltas = append(deltas, d); mu.Unlock() }}
	if r := c.Handle(context.Background(), turn); !strings.Contains(r.Text, "took too long") {
		t.Fatalf("got %q %q, want a timeout reply", r.Kind, r.Text)
	}
	if r := ask(c, "c2", "u2", "other"); !strings.Contains(r.Text, "lot of questions") {
		t.Errorf("while the stuck answer still runs: %q %q, want busy (its slot is still held)", r.Kind, r.Text)
	}
	close(unblock)
	<-finished
	mu.Lock()
	got := strings.Join(deltas, "")
	mu.Unlock()
	if got != "early " {
		t.Errorf("deltas = %q, want only those sent before the timeout", got)
	}
	// The slot is released once the stuck answer returns.
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := ask(c, "c2", "u2", "other")
		if r.Kind == bot.ReplyAnswer {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slot never released: %q %q", r.Kind, r.Text)
		}
	}
}

func TestCallerCancelled(t *testing.T) {
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		<-ctx.Done()
		return answer.Answer{}, ctx.Err()
	}}
	c := newCore(t, fa, bot.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	r := c.Handle(ctx, bot.Turn{UserID: "u", Input: bot.Input{Command: bot.CmdAsk, Question: "q"}})
	if r.Kind != bot.ReplyError || !strings.Contains(r.Text, "had to stop") {
		t.Errorf("got %q %q, want a cancelled reply", r.Kind, r.Text)
	}
}

func TestOnDeltaForwarded(t *testing.T) {
	fa := &fakeAnswerer{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		if req.OnDelta == nil {
			return answer.Answer{}, errors.New("no OnDelta")
		}
		req.OnDelta("Hel")
		req.OnDelta("lo")
		return answer.Answer{Text: "Hello", Answered: true}, nil
	}}
	c := newCore(t, fa, bot.Options{})
	var got strings.Builder
	r := c.Handle(context.Background(), bot.Turn{UserID: "u", Input: bot.Input{Command: bot.CmdAsk, Question: "q"},
		OnDelta: func(d string) { got.WriteString(d) }})
	if r.Kind != bot.ReplyAnswer || got.String() != "Hello" {
		t.Errorf("reply %q, deltas %q; want an answer and \"Hello\"", r.Kind, got.String())
	}
	// Without a listener the engine sees a nil OnDelta and need not stream.
	fa.fn = func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		if req.OnDelta != nil {
			return answer.Answer{}, errors.New("unexpected OnDelta")
		}
		return answer.Answer{Text: "ok", Answered: true}, nil
	}
	if r := ask(c, "c", "u2", "q"); r.Kind != bot.ReplyAnswer {
		t.Errorf("without OnDelta: %q %q", r.Kind, r.Text)
	}
}

func TestHistory(t *testing.T) {
	fail := errors.New("engine down")
	fa := &fakeAnswerer{}
	fa.fn = func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		if req.Question == "fails" {
			return answer.Answer{}, fail
		}
		return answer.Answer{Text: "ok", Answered: true}, nil
	}
	c := newCore(t, fa, bot.Options{RatePerMinute: math.Inf(1), HistoryTurns: 3})
	steps := []struct {
		conv, q string
		want    []string
	}{
		{"A", "q1", nil},
		{"A", "q2", []string{"q1"}},
		{"B", "other", nil}, // history does not cross conversations
		{"A", "fails", []string{"q1", "q2"}},
		{"A", "q3", []string{"q1", "q2"}}, // failed asks are not stored
		{"A", "q4", []string{"q1", "q2", "q3"}},
		{"A", "q5", []string{"q2", "q3", "q4"}}, // only the last 3
		{"B", "again", []string{"other"}},
		{"", "no conversation", nil},
		{"", "still none", nil}, // turns without a conversation share nothing
	}
	for i, s := range steps {
		ask(c, s.conv, "u", s.q)
		got := answer.Questions(fa.requests()[i].History)
		if strings.Join(got, "|") != strings.Join(s.want, "|") {
			t.Errorf("step %d (%s %q): History = %q, want %q", i, s.conv, s.q, got, s.want)
		}
	}
}

func TestHistoryDisabledAndBounded(t *testing.T) {
	t.Run("disabled", func(t *testing.T) {
		fa := &fakeAnswerer{}
		c := newCore(t, fa, bot.Options{HistoryTurns: -1})
		ask(c, "A", "u", "q1")
		ask(c, "A", "u", "q2")
		if h := fa.requests()[1].History; len(h) != 0 {
			t.Errorf("History = %q with history disabled", h)
		}
		if strings.Contains(c.Help(), "Follow-up") {
			t.Error("help mentions follow-ups although history is disabled")
		}
	})
	t.Run("least recent conversation forgotten", func(t *testing.T) {
		fa := &fakeAnswerer{}
		c := newCore(t, fa, bot.Options{MaxConversations: 2, RatePerMinute: math.Inf(1)})
		for _, conv := range []string{"A", "B", "C"} {
			ask(c, conv, "u", "first in "+conv)
		}
		ask(c, "A", "u", "follow-up")
		ask(c, "C", "u", "follow-up")
		reqs := fa.requests()
		if h := reqs[3].History; len(h) != 0 {
			t.Errorf("A's history = %q, want it forgotten", h)
		}
		if h := reqs[4].History; len(h) != 1 || h[0].Question != "first in C" {
			t.Errorf("C's history = %q, want [first in C]", h)
		}
	})
}

func TestHelp(t *testing.T) {
	c := newCore(t, &fakeAnswerer{}, bot.Options{MaxQuestionRunes: 300, RatePerMinute: 4})
	help := c.Help()
	for _, want := range []string{"/ask", "/sources", "/help", "300 characters", "4 questions a minute", "Follow-up"} {
		if !strings.Contains(help, want) {
			t.Errorf("Help() = %q, want it to mention %q", help, want)
		}
	}
}
