package discord_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/discord"
	"footnote/internal/fakediscord"
)

// longAnswer is an answer of two messages, so that it takes an edit and a
// follow-up (or two channel sends): it starts with "Alpha" and ends with
// "Omega".
func longAnswer(q string) answer.Answer {
	a := citedAnswer(q)
	a.Text = "Alpha " + strings.Repeat("the treaty was signed in Geneva ", 80) + "Omega [1]."
	return a
}

// delivered reports whether the succeeded requests matching m carry the
// answer's first and last words.
func delivered(srv *fakediscord.Server, m fakediscord.Match) bool {
	var all strings.Builder
	for _, r := range srv.Filter(fakediscord.Succeeded(m)) {
		all.WriteString(r.String("content") + "\n")
	}
	return strings.Contains(all.String(), "Alpha") && strings.Contains(all.String(), "Omega")
}

// TestOneFaultOnEachRESTCall scripts one 500 or one dropped connection on
// each REST call an answer makes: the deferral callback, the edit of the
// original response, the follow-up, and a channel send (DM). Every answer
// must still reach the user whole: 8/8.
func TestOneFaultOnEachRESTCall(t *testing.T) {
	faults := []struct {
		name  string
		fault func() fakediscord.Fault
	}{{"500", fakediscord.ServerError}, {"dropped connection", fakediscord.Dropped}}
	calls := []struct {
		name, method, pattern string
		dm                    bool
	}{
		{"callback", "POST", "/interactions/*/*/callback", false},
		{"edit @original", "PATCH", "/webhooks/*/*/messages/@original", false},
		{"follow-up", "POST", "/webhooks/*/*", false},
		{"channel send", "POST", "/channels/*/messages", true},
	}
	ok := 0
	for _, c := range calls {
		for _, f := range faults {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				h := startBot(t, &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
					return longAnswer(req.Question), nil
				}})
				h.srv.FailNext(c.method, c.pattern, f.fault())
				var where fakediscord.Match
				if c.dm {
					h.say(fakediscord.ChatMessage{ChannelID: "600", Content: "Where was the treaty signed?"})
					where = sendTo("600")
				} else {
					ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("Where was the treaty signed?")})
					where = func(r fakediscord.Request) bool { return editOriginal(ix)(r) || followup(ix)(r) }
				}
				deadline := time.Now().Add(10 * time.Second)
				for !delivered(h.srv, where) && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				if !delivered(h.srv, where) {
					t.Fatalf("the answer was not delivered whole; requests: %v", h.srv.Requests())
				}
				ok++
			})
		}
	}
	t.Logf("answers delivered under one scripted fault on each REST call: %d/%d", ok, len(calls)*len(faults))
}

// When the edit of the original response fails for good, the answer goes
// out as follow-ups instead of leaving the user at "thinking…".
func TestEditFailsAnswerSentAsFollowup(t *testing.T) {
	h := startBot(t, &scripted{})
	for range 6 {
		h.srv.FailNext("PATCH", "/webhooks/*/*/messages/@original", fakediscord.ServerError())
	}
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("Where was the treaty signed?")})
	got, err := h.srv.WaitFor(h.wait(10*time.Second), fakediscord.Succeeded(followup(ix)))
	if err != nil {
		t.Fatalf("no follow-up after the edit failed: %v", err)
	}
	if !strings.Contains(got.String("content"), "Geneva") {
		t.Errorf("follow-up = %q, want the answer", got.String("content"))
	}
}

// A 500 or a dropped connection on GET /users/@me at start-up is retried;
// only a 401 is fatal (TestWrongTokenREST).
func TestStartupUsersMeRetried(t *testing.T) {
	for _, f := range []fakediscord.Fault{fakediscord.ServerError(), fakediscord.Dropped()} {
		t.Run(fmt.Sprint(f.Status, f.Drop), func(t *testing.T) {
			srv := fakediscord.Start(fakediscord.Options{})
			t.Cleanup(srv.Close)
			// More failures in a row than one call's transport retries.
			for range 6 {
				srv.FailNext("GET", "/users/@me", f)
			}
			d, err := discord.NewGateway(newDiscordCore(t, &scripted{}), discord.GatewayConfig{Token: srv.Token(), APIURL: srv.URL()}, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- d.Run(ctx) }()
			t.Cleanup(func() { cancel(); <-done })
			wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer wcancel()
			if err := srv.WaitReady(wctx); err != nil {
				select {
				case err := <-done:
					t.Fatalf("Run ended: %v", err)
				default:
				}
				t.Fatalf("bot never connected: %v", err)
			}
		})
	}
}
