package discord_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
	"footnote/discord"
	"footnote/internal/fakediscord"
)

// scripted is a fake answer.Answerer: it records each request and answers
// with fn (by default a fixed cited answer).
type scripted struct {
	mu   sync.Mutex
	reqs []answer.Request
	fn   func(ctx context.Context, req answer.Request) (answer.Answer, error)
}

func (s *scripted) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	fn := s.fn
	s.mu.Unlock()
	if fn == nil {
		return citedAnswer(req.Question), nil
	}
	return fn(ctx, req)
}

func (s *scripted) requests() []answer.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]answer.Request(nil), s.reqs...)
}

func (s *scripted) questions() []string {
	var qs []string
	for _, r := range s.requests() {
		qs = append(qs, r.Question)
	}
	return qs
}

// heldAnswerer answers with citedAnswer once release is closed (or fails
// with ctx's error first), so a test controls when answers are ready.
func heldAnswerer(release <-chan struct{}) *scripted {
	return &scripted{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
		return citedAnswer(req.Question), nil
	}}
}

// citedAnswer is a short answer citing one article.
func citedAnswer(q string) answer.Answer {
	return answer.Answer{
		Question: q, Answered: true, Mode: answer.ModeExtractive,
		Text: "The treaty was signed in Geneva [1].",
		Citations: []answer.Citation{{
			N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Treaty signed",
			Quote: "The treaty was signed in Geneva on Monday.",
		}},
	}
}

// testSources are the articles /sources lists.
func testSources() []corpus.Article {
	return []corpus.Article{
		{Source: "000_2a32f4e3c815aa48.txt", Title: "First article"},
		{Source: "004_c2f305a5063d9f21.txt", Title: "Treaty signed"},
	}
}

// syncBuffer is a goroutine-safe log sink that can be waited on.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.changed)
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the log contains substr.
func (b *syncBuffer) waitFor(ctx context.Context, substr string) error {
	for {
		b.mu.Lock()
		ok, ch := strings.Contains(b.buf.String(), substr), b.changed
		b.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("log never contained %q: %w", substr, ctx.Err())
		}
	}
}

// newDiscordCore is the real core with a scripted answerer and generous limits.
func newDiscordCore(t testing.TB, ans answer.Answerer) *bot.Core {
	t.Helper()
	core, err := bot.New(bot.Options{
		Answerer: ans, Sources: testSources(), MaxQuestionRunes: 2000, Timeout: 20 * time.Second,
		MaxConcurrent: 100, RatePerMinute: 6000, Burst: 200, HistoryTurns: 5,
	})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return core
}

// harness is a running bot against a fake Discord.
type harness struct {
	t    testing.TB
	srv  *fakediscord.Server
	ans  *scripted
	logs *syncBuffer

	cancel context.CancelFunc
	done   chan error
}

// wait is a context for one wait-for-request step.
func (h *harness) wait(d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	h.t.Cleanup(cancel)
	return ctx
}

// startBot runs a bot (real discordgo Session) against a fresh fake
// Discord and waits until it is logged in and has registered commands.
func startBot(t testing.TB, ans *scripted, tweak ...func(*discord.GatewayConfig)) *harness {
	t.Helper()
	return startBotWith(t, ans, nil, tweak...)
}

// startBotWith is startBot against a fake Discord whose options srvOpts
// adjusts (nil: defaults).
func startBotWith(t testing.TB, ans *scripted, srvOpts func(*fakediscord.Options), tweak ...func(*discord.GatewayConfig)) *harness {
	t.Helper()
	var o fakediscord.Options
	if srvOpts != nil {
		srvOpts(&o)
	}
	srv := fakediscord.Start(o)
	t.Cleanup(srv.Close)
	// Registered before the bot's own cleanup, so it runs after Run returns.
	t.Cleanup(func() { requireNoMentionParse(t, srv) })
	cfg := discord.GatewayConfig{Token: srv.Token(), APIURL: srv.URL(), StreamInterval: 50 * time.Millisecond}
	for _, f := range tweak {
		f(&cfg)
	}
	logs := newSyncBuffer()
	d, err := discord.NewGateway(newDiscordCore(t, ans), cfg, slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatalf("NewGateway: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, srv: srv, ans: ans, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.done:
		case <-time.After(20 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
	registered := func(r fakediscord.Request) bool {
		return r.Route("PUT", "/applications/*/commands") || r.Route("PUT", "/applications/*/guilds/*/commands")
	}
	if _, err := srv.WaitFor(h.wait(10*time.Second), fakediscord.Succeeded(registered)); err != nil {
		t.Fatalf("bot did not register commands: %v (logs: %s)", err, logs.String())
	}
	if err := srv.WaitReady(h.wait(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	return h
}

// stop cancels Run and returns its result.
func (h *harness) stop() error {
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err // for the cleanup
		return err
	case <-time.After(20 * time.Second):
		return errors.New("Run did not return")
	}
}

// interact delivers an interaction and fails the test on error.
func (h *harness) interact(ix fakediscord.Interaction) fakediscord.Interaction {
	h.t.Helper()
	ix, err := h.srv.Interact(ix)
	if err != nil {
		h.t.Fatal(err)
	}
	return ix
}

// say delivers a message and fails the test on error.
func (h *harness) say(m fakediscord.ChatMessage) fakediscord.ChatMessage {
	h.t.Helper()
	m, err := h.srv.Say(m)
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

// callback matches the interaction response of ix.
func callback(ix fakediscord.Interaction) fakediscord.Match {
	return fakediscord.On("POST", "/interactions/"+ix.ID+"/"+ix.Token+"/callback")
}

// editOriginal matches edits of ix's original response.
func editOriginal(ix fakediscord.Interaction) fakediscord.Match {
	return fakediscord.On("PATCH", "/webhooks/*/"+ix.Token+"/messages/@original")
}

// followup matches follow-ups of ix.
func followup(ix fakediscord.Interaction) fakediscord.Match {
	return fakediscord.On("POST", "/webhooks/*/"+ix.Token)
}

// sendTo matches messages posted to a channel.
func sendTo(channelID string) fakediscord.Match {
	return fakediscord.On("POST", "/channels/"+channelID+"/messages")
}

// rawJSON renders v as JSON text.
func rawJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
