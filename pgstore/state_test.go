package pgstore_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/answer"
	"footnote/bot"
	"footnote/pgstore"
)

// Compile-time checks that the store's state fits the bot's interfaces.
var (
	_ bot.HistoryStore = (*pgstore.History)(nil)
	_ bot.RateLimiter  = (*pgstore.Limits)(nil)
)

// recorder is an Answerer that records the history it is given and
// answers with the question's words, so the next turn's history can be
// checked for both question and answer.
type recorder struct {
	mu      sync.Mutex
	history [][]answer.Turn
}

func (r *recorder) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	r.mu.Lock()
	r.history = append(r.history, req.History)
	r.mu.Unlock()
	return answer.Answer{Question: req.Question, Text: "answer to " + req.Question, Answered: true}, nil
}

// Two Cores on one store behave as one bot: a follow-up on the second sees
// the first's question and answer, and one user's rate limit is shared.
func TestHistorySharedByTwoCores(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	rec := &recorder{}
	newCore := func() *bot.Core {
		c, err := bot.New(bot.Options{
			Answerer: rec, HistoryTurns: 3,
			History: s.History(pgstore.HistoryOptions{Keep: 3}),
			Limits:  s.Limits(6, 3),
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := newCore(), newCore()
	ask := func(c *bot.Core, user, conv, q string) bot.Reply {
		r := c.Handle(ctx, bot.Turn{UserID: user, ConversationID: conv, Input: bot.Input{Command: bot.CmdAsk, Question: q}})
		return r
	}
	ask(a, "u1", "dm:1", "Who led Ukraine's delegation?")
	ask(b, "u1", "dm:1", "And Russia's?")
	ask(b, "u2", "dm:2", "Unrelated question")
	want := []answer.Turn{{Question: "Who led Ukraine's delegation?", Answer: "answer to Who led Ukraine's delegation?"}}
	if got := rec.history[1]; !reflect.DeepEqual(got, want) {
		t.Errorf("follow-up on the second core got history %+v, want %+v", got, want)
	}
	if got := rec.history[2]; len(got) != 0 {
		t.Errorf("another conversation got history %+v", got)
	}
	// u1 has asked twice; the burst of 3 allows one more, on either core.
	if r := ask(a, "u1", "dm:1", "Third?"); r.Kind != bot.ReplyAnswer {
		t.Fatalf("third question: %+v", r)
	}
	if got := len(rec.history[3]); got != 2 {
		t.Errorf("third question saw %d turns, want 2", got)
	}
	r := ask(b, "u1", "dm:1", "Fourth?")
	if r.Kind != bot.ReplyError || !strings.Contains(r.Text, "try again") {
		t.Errorf("fourth question within the burst of 3 across both cores: %+v, want a rate-limit reply", r)
	}
}

func TestHistoryKeepAndExpiry(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	h := s.History(pgstore.HistoryOptions{TTL: time.Hour, Keep: 2, Now: func() time.Time { return now }})
	for _, q := range []string{"q1", "q2", "q3"} {
		if err := h.Append(ctx, "c", answer.Turn{Question: q, Answer: "a-" + q}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := h.Recent(ctx, "c", 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []answer.Turn{{Question: "q2", Answer: "a-q2"}, {Question: "q3", Answer: "a-q3"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Recent = %+v, want the last 2 turns %+v", got, want)
	}
	if got, _ := h.Recent(ctx, "c", 1); len(got) != 1 || got[0].Question != "q3" {
		t.Errorf("Recent(n=1) = %+v, want q3", got)
	}
	now = now.Add(2 * time.Hour)
	if got, _ := h.Recent(ctx, "c", 5); len(got) != 0 {
		t.Errorf("after the TTL Recent = %+v, want none", got)
	}
	if err := h.Append(ctx, "other", answer.Turn{Question: "new"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(-2 * time.Hour) // expired rows are gone, not just hidden
	if got, _ := h.Recent(ctx, "c", 5); len(got) != 0 {
		t.Errorf("expired turns were not deleted: %+v", got)
	}
}

func TestLimitsRefill(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	l := s.Limits(60, 2) // one a second, burst 2
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for i, want := range []bool{true, true, false} {
		_, ok, err := l.Allow(ctx, "u", now)
		if err != nil || ok != want {
			t.Fatalf("question %d: ok=%v err=%v, want ok=%v", i, ok, err, want)
		}
	}
	wait, _, _ := l.Allow(ctx, "u", now)
	if wait <= 0 || wait > time.Second {
		t.Errorf("retry after %v, want (0, 1s]", wait)
	}
	if _, ok, _ := l.Allow(ctx, "u", now.Add(1500*time.Millisecond)); !ok {
		t.Error("no token after 1.5 s at one a second")
	}
	if _, ok, _ := l.Allow(ctx, "other", now); !ok {
		t.Error("another user is limited by u's bucket")
	}
}
