package discord_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"footnote/internal/fakediscord"
)

// BenchmarkAskRoundTrip measures one /ask from the gateway dispatch to the
// edited response on the fake Discord (real discordgo, instant answerer).
func BenchmarkAskRoundTrip(b *testing.B) {
	h := startBot(b, &scripted{})
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix, err := h.srv.Interact(fakediscord.Interaction{User: benchUser(i), Command: fakediscord.Ask("where?")})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err = h.srv.WaitFor(ctx, fakediscord.Succeeded(editOriginal(ix)))
		cancel()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefer50 measures how long 50 simultaneous /ask interactions take
// to be all deferred (Discord allows 3 s) and all answered.
func BenchmarkDefer50(b *testing.B) {
	h := startBot(b, &scripted{})
	var deferTotal, answerTotal time.Duration
	for round := 0; b.Loop(); round++ {
		start := time.Now()
		var tokens []string
		for i := range 50 {
			ix, err := h.srv.Interact(fakediscord.Interaction{User: benchUser(round*50 + i), Command: fakediscord.Ask(fmt.Sprintf("q%d?", i))})
			if err != nil {
				b.Fatal(err)
			}
			tokens = append(tokens, ix.Token)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		mine := func(r fakediscord.Request) bool {
			for _, tok := range tokens {
				if r.Route("POST", "/interactions/*/"+tok+"/callback") || r.Route("PATCH", "/webhooks/*/"+tok+"/messages/@original") {
					return true
				}
			}
			return false
		}
		if _, err := h.srv.WaitN(ctx, 50, func(r fakediscord.Request) bool { return mine(r) && r.Method == "POST" }); err != nil {
			b.Fatal(err)
		}
		deferTotal += time.Since(start)
		if _, err := h.srv.WaitN(ctx, 50, func(r fakediscord.Request) bool { return mine(r) && r.Method == "PATCH" }); err != nil {
			b.Fatal(err)
		}
		answerTotal += time.Since(start)
		cancel()
	}
	b.ReportMetric(float64(deferTotal.Milliseconds())/float64(b.N), "ms-all-deferred")
	b.ReportMetric(float64(answerTotal.Milliseconds())/float64(b.N), "ms-all-answered")
}

func benchUser(i int) fakediscord.User {
	return fakediscord.User{ID: fmt.Sprintf("9%017d", i), Username: "bench"}
}
