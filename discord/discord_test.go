package discord_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/discord"
	"footnote/internal/fakediscord"
)

func TestRegistersCommandsAndIntents(t *testing.T) {
	h := startBot(t, &scripted{})
	put := h.srv.Filter(fakediscord.On("PUT", "/applications/"+h.srv.AppID()+"/commands"))
	if len(put) != 1 {
		t.Fatalf("bulk overwrites = %d, want 1 (global, no guild configured)", len(put))
	}
	raw := string(put[0].Body)
	for _, want := range []string{`"name":"ask"`, `"name":"sources"`, `"name":"help"`, `"name":"question"`, `"required":true`, `"type":3`} {
		if !strings.Contains(raw, want) {
			t.Errorf("commands body lacks %s: %s", want, raw)
		}
	}
	ids := h.srv.Identifies()
	const need = 1<<0 | 1<<9 | 1<<12 | 1<<15 // guilds, guild messages, DMs, message content
	if len(ids) == 0 || ids[0].Intents&need != need {
		t.Fatalf("identify intents = %+v, want bits %b", ids, need)
	}
}

func TestGuildCommandRegistration(t *testing.T) {
	h := startBot(t, &scripted{}, func(c *discord.GatewayConfig) { c.GuildID = "777" })
	if got := h.srv.Filter(fakediscord.On("PUT", "/applications/*/guilds/777/commands")); len(got) != 1 {
		t.Fatalf("guild registrations = %d, want 1", len(got))
	}
}

func TestAskEndToEnd(t *testing.T) {
	h := startBot(t, &scripted{})
	ix := h.interact(fakediscord.Interaction{GuildID: "900", Command: fakediscord.Ask("Where was the treaty signed?")})

	cb, err := h.srv.WaitFor(h.wait(5*time.Second), callback(ix))
	if err != nil {
		t.Fatal(err)
	}
	if cb.JSON["type"] != float64(5) {
		t.Fatalf("callback type = %v, want 5 (deferred)", cb.JSON["type"])
	}
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	orig, _ := h.srv.Original(ix.Token)
	if orig.Loading || orig.Ephemeral || orig.Content != "The treaty was signed in Geneva [1]." {
		t.Fatalf("original = %+v", orig)
	}
	if len(orig.Embeds) != 1 {
		t.Fatalf("embeds = %v, want one sources embed", orig.Embeds)
	}
	field := orig.Embeds[0]["fields"].([]any)[0].(map[string]any)
	if field["name"] != "[1] Treaty signed" {
		t.Errorf("field name = %q", field["name"])
	}
	if v := field["value"].(string); !strings.Contains(v, "004_c2f305a5063d9f21.txt") || !strings.Contains(v, "> “The treaty was signed in Geneva on Monday.”") {
		t.Errorf("field value = %q, want file and quoted snippet", v)
	}
	if qs := h.ans.questions(); !slices.Equal(qs, []string{"Where was the treaty signed?"}) {
		t.Errorf("answerer got %q", qs)
	}
	if err := h.logs.waitFor(h.wait(5*time.Second), `"interaction_id":"`+ix.ID+`"`); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"user_id":"` + fakediscord.Alice().ID + `"`, `"guild_id":"900"`, `"latency_ms"`, `"mode":"extractive"`, `"answered":true`, `"sources":"004_c2f305a5063d9f21.txt"`} {
		if !strings.Contains(h.logs.String(), key) {
			t.Errorf("log line lacks %s: %s", key, h.logs.String())
		}
	}
	if strings.Contains(h.logs.String(), h.srv.Token()) || strings.Contains(h.logs.String(), ix.Token) {
		t.Errorf("a token leaked into the logs: %s", h.logs.String())
	}
}

// TestTransportErrorKeepsTokensOutOfLogs makes the answer's edit, and the
// follow-up sent in its place, fail at the transport level on every retry:
// Go's *url.Error then names the webhook URL, which holds the interaction
// token (a credential for 15 minutes). The log line must carry the error
// with the token redacted.
func TestTransportErrorKeepsTokensOutOfLogs(t *testing.T) {
	h := startBot(t, &scripted{})
	for range 4 { // one attempt and three retries each
		h.srv.FailNext("PATCH", "/webhooks/*/*/messages/@original", fakediscord.Dropped())
		h.srv.FailNext("POST", "/webhooks/*/*", fakediscord.Dropped())
	}
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("Where was the treaty signed?")})
	if err := h.logs.waitFor(h.wait(5*time.Second), `"interaction_id":"`+ix.ID+`"`); err != nil {
		t.Fatal(err)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "[redacted]") || !strings.Contains(logs, `"err":`) {
		t.Errorf("log lacks the redacted transport error: %s", logs)
	}
	if strings.Contains(logs, ix.Token) || strings.Contains(logs, h.srv.Token()) {
		t.Errorf("a token leaked into the logs: %s", logs)
	}
}

func TestAskDefersBeforeSlowAnswer(t *testing.T) {
	release := make(chan struct{})
	ans := heldAnswerer(release)
	h := startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("slow one?")})

	// Discord's limit: the deferral must arrive within 3 s, while the
	// answer is still being worked on.
	if _, err := h.srv.WaitFor(h.wait(3*time.Second), fakediscord.Succeeded(callback(ix))); err != nil {
		t.Fatalf("no deferral within 3 s: %v", err)
	}
	if n := len(h.srv.Filter(editOriginal(ix))); n != 0 {
		t.Fatalf("%d edits before the answer was released", n)
	}
	close(release)
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
}

func TestStreamingEditsThenFinal(t *testing.T) {
	h := (*harness)(nil)
	ans := &scripted{}
	ans.fn = func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		req.OnDelta("The treaty was ")
		// Wait until the partial text is on screen before going on.
		_, err := h.srv.WaitFor(ctx, func(r fakediscord.Request) bool {
			return r.Method == "PATCH" && strings.HasPrefix(r.String("content"), "The treaty was")
		})
		if err != nil {
			return answer.Answer{}, err
		}
		req.OnDelta("signed in Geneva [1].")
		a := citedAnswer(req.Question)
		a.Mode = answer.ModeGenerative
		return a, nil
	}
	h = startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("Where?")})
	final, err := h.srv.WaitFor(h.wait(5*time.Second), func(r fakediscord.Request) bool {
		return editOriginal(ix)(r) && strings.Contains(r.RawField("embeds"), "Sources")
	})
	if err != nil {
		t.Fatal(err)
	}
	if final.String("content") != "The treaty was signed in Geneva [1]." {
		t.Fatalf("final content = %q", final.String("content"))
	}
	edits := h.srv.Filter(editOriginal(ix))
	if len(edits) < 2 || !strings.HasSuffix(edits[0].String("content"), "…") {
		t.Fatalf("edits = %d, first %q; want a partial preview before the final", len(edits), edits[0].String("content"))
	}
	if last := edits[len(edits)-1]; last.String("content") != final.String("content") {
		t.Fatalf("a preview edit came after the final one: %q", last.String("content"))
	}
}

func TestSourcesAndHelp(t *testing.T) {
	h := startBot(t, &scripted{})
	src := h.interact(fakediscord.Interaction{Command: fakediscord.Sources()})
	hlp := h.interact(fakediscord.Interaction{Command: fakediscord.Help()})
	for _, ix := range []fakediscord.Interaction{src, hlp} {
		cb, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix)))
		if err != nil {
			t.Fatal(err)
		}
		if cb.JSON["type"] != float64(4) {
			t.Fatalf("%s: callback type = %v, want 4 (direct reply)", ix.Command.Name, cb.JSON["type"])
		}
	}
	s, _ := h.srv.Original(src.Token)
	if !strings.Contains(s.Content, "004_c2f305a5063d9f21.txt") {
		t.Errorf("/sources content = %q", s.Content)
	}
	hm, _ := h.srv.Original(hlp.Token)
	if !hm.Ephemeral || hm.Content == "" {
		t.Errorf("/help = %+v, want a non-empty ephemeral reply", hm)
	}
	if len(h.ans.requests()) != 0 {
		t.Errorf("/sources or /help reached the answerer")
	}
}

func TestAnswerErrorIsEphemeral(t *testing.T) {
	ans := &scripted{fn: func(context.Context, answer.Request) (answer.Answer, error) {
		return answer.Answer{}, errors.New("engine exploded")
	}}
	h := startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("anything?")})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(fakediscord.On("DELETE", "/webhooks/*/"+ix.Token+"/messages/@original"))); err != nil {
		t.Fatal(err)
	}
	var private []fakediscord.Message
	for _, m := range h.srv.Messages() {
		if m.InteractionToken != ix.Token || m.Deleted {
			continue
		}
		if !m.Ephemeral {
			t.Errorf("public message left after an error: %+v", m)
		}
		private = append(private, m)
	}
	if len(private) == 0 || private[0].Content == "" {
		t.Fatalf("no ephemeral error message: %+v", h.srv.Messages())
	}
	if strings.Contains(private[0].Content, "engine exploded") {
		t.Errorf("internal error text shown to the user: %q", private[0].Content)
	}
}

func TestUnknownCommandInteraction(t *testing.T) {
	h := startBot(t, &scripted{})
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Command{Name: "frobnicate"}})
	cb, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix)))
	if err != nil {
		t.Fatal(err)
	}
	if cb.JSON["type"] != float64(4) {
		t.Fatalf("callback type = %v, want 4 (direct reply)", cb.JSON["type"])
	}
	if m, ok := h.srv.Original(ix.Token); !ok || !m.Ephemeral || !strings.Contains(m.Content, "/help") {
		t.Errorf("unknown command reply = %+v, want an ephemeral pointer to /help", m)
	}
}

func TestDMAndFollowUp(t *testing.T) {
	h := startBot(t, &scripted{})
	const dm = "600"
	h.say(fakediscord.ChatMessage{ChannelID: dm, Content: "Where was the treaty signed?"})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo(dm))); err != nil {
		t.Fatal(err)
	}
	h.say(fakediscord.ChatMessage{ChannelID: dm, Content: "and when?"})
	sends, err := h.srv.WaitN(h.wait(5*time.Second), 2, fakediscord.Succeeded(sendTo(dm)))
	if err != nil {
		t.Fatal(err)
	}
	reqs := h.ans.requests()
	if len(reqs) != 2 || !slices.Equal(answer.Questions(reqs[1].History), []string{"Where was the treaty signed?"}) {
		t.Fatalf("second request history = %q, want the first question", reqs[len(reqs)-1].History)
	}
	if _, ok := sends[0].Field("message_reference"); ok {
		t.Errorf("DM answer is a reply; want a plain message")
	}
	if sends[0].String("content") != "The treaty was signed in Geneva [1]." || !strings.Contains(sends[0].RawField("embeds"), "004_c2f305a5063d9f21.txt") {
		t.Errorf("DM answer = %s", sends[0].Body)
	}
	if len(h.srv.Filter(fakediscord.On("POST", "/channels/"+dm+"/typing"))) == 0 {
		t.Errorf("no typing indicator in the DM")
	}
}

func TestTypedCommandsInDM(t *testing.T) {
	h := startBot(t, &scripted{})
	h.say(fakediscord.ChatMessage{ChannelID: "601", Content: "/sources"})
	h.say(fakediscord.ChatMessage{ChannelID: "602", Content: "/ask where?"})
	src, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo("601")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(src.String("content"), "000_2a32f4e3c815aa48.txt") {
		t.Errorf("/sources in a DM = %q", src.String("content"))
	}
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo("602"))); err != nil {
		t.Fatal(err)
	}
	if qs := h.ans.questions(); !slices.Equal(qs, []string{"where?"}) {
		t.Errorf("answerer got %q, want [where?]", qs)
	}
}

func TestGuildMentionOnly(t *testing.T) {
	h := startBot(t, &scripted{}, func(c *discord.GatewayConfig) { c.Features.NoThreads = true })
	const ch, guild = "700", "800"
	// Ignored: no mention, a bot author, the bot itself.
	h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: "where was it signed?"})
	h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: h.srv.Mention() + " hi from a bot", Author: fakediscord.User{ID: "55", Username: "otherbot", Bot: true}, Mentions: []fakediscord.User{h.srv.Bot()}})
	h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: h.srv.Mention() + " talking to myself", Author: h.srv.Bot(), Mentions: []fakediscord.User{h.srv.Bot()}})
	h.say(fakediscord.ChatMessage{ChannelID: "601", Content: "a DM from a bot", Author: fakediscord.User{ID: "56", Username: "dmbot", Bot: true}})
	// Answered: a mention.
	m := h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: h.srv.Mention() + " Where was the treaty signed?", Mentions: []fakediscord.User{h.srv.Bot()}})

	got, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo(ch)))
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := got.JSON["message_reference"].(map[string]any)
	if ref["message_id"] != m.ID {
		t.Fatalf("message_reference = %v, want a reply to %s", got.JSON["message_reference"], m.ID)
	}
	if am := got.RawField("allowed_mentions"); !strings.Contains(am, `"replied_user":false`) {
		t.Errorf("allowed_mentions = %s, want replied_user false", am)
	}
	if qs := h.ans.questions(); !slices.Equal(qs, []string{"Where was the treaty signed?"}) {
		t.Fatalf("answerer got %q, want only the mentioned question, mention stripped", qs)
	}
	if n := len(h.srv.Filter(fakediscord.On("POST", "/channels/*/messages"))); n != 1 {
		t.Fatalf("%d messages sent, want 1", n)
	}
}

func TestRateLimitedSendIsRetried(t *testing.T) {
	h := startBot(t, &scripted{})
	h.srv.FailNext("POST", "/channels/*/messages", fakediscord.RateLimited(200*time.Millisecond))
	h.say(fakediscord.ChatMessage{ChannelID: "610", Content: "Where was the treaty signed?"})
	if _, err := h.srv.WaitFor(h.wait(10*time.Second), fakediscord.Succeeded(sendTo("610"))); err != nil {
		t.Fatal(err)
	}
	posts := h.srv.Filter(sendTo("610"))
	if len(posts) != 2 || posts[0].Status != 429 || string(posts[0].Body) != string(posts[1].Body) {
		t.Fatalf("posts = %d (statuses %v), want the 429 then the same message again", len(posts), statuses(posts))
	}
}

func statuses(rs []fakediscord.Request) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Status)
	}
	return out
}

func TestMentionsNeverPing(t *testing.T) {
	ans := &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		a := citedAnswer(req.Question)
		a.Text = "@everyone @here <@123> <@&456> the treaty [1]."
		a.Citations[0].Quote = "@everyone was told about <@!789>"
		a.Citations[0].Title = "@here news"
		return a, nil
	}}
	h := startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("@everyone where?")})
	h.say(fakediscord.ChatMessage{ChannelID: "620", Content: "@everyone where?"})
	h.say(fakediscord.ChatMessage{ChannelID: "621", GuildID: "9", Content: h.srv.Mention() + " @here where?", Mentions: []fakediscord.User{h.srv.Bot()}})
	h.interact(fakediscord.Interaction{Command: fakediscord.Help()})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitN(h.wait(5*time.Second), 2, fakediscord.Succeeded(fakediscord.On("POST", "/channels/*/messages"))); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitN(h.wait(5*time.Second), 2, fakediscord.Succeeded(fakediscord.On("POST", "/interactions/*/*/callback"))); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range h.srv.Requests() {
		if len(r.Body) == 0 || r.Method == "PUT" {
			continue
		}
		checked++
		am := r.RawField("allowed_mentions")
		if r.Route("POST", "/interactions/*/*/callback") {
			var data map[string]any
			data, _ = r.JSON["data"].(map[string]any)
			am = rawJSON(t, data["allowed_mentions"])
		}
		// Starting a thread sends no message (its name, escaped, cannot ping).
		if !strings.Contains(am, `"parse":[]`) && !r.Route("POST", "/channels/*/messages/*/threads") {
			t.Errorf("%s %s: allowed_mentions = %s, want an explicit empty parse list", r.Method, r.Path, am)
		}
		if strings.Contains(string(r.Body), "@everyone") || strings.Contains(string(r.Body), "@here") || strings.Contains(string(r.Body), "<@123>") {
			t.Errorf("%s %s: unescaped mention in %s", r.Method, r.Path, r.Body)
		}
	}
	if checked < 4 {
		t.Fatalf("only %d requests checked", checked)
	}
	for _, m := range h.srv.Messages() {
		if m.Pings {
			t.Errorf("message would ping: %+v", m)
		}
	}
}

func TestLongAnswerSplitsWithinLimits(t *testing.T) {
	var text strings.Builder
	for i := 0; text.Len() < 5000; i++ {
		fmt.Fprintf(&text, "Sentence number %d says something about the treaty [%d]. ", i, i%30+1)
	}
	ans := &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		a := answer.Answer{Question: req.Question, Text: text.String(), Answered: true, Mode: answer.ModeExtractive}
		for n := 1; n <= 30; n++ {
			a.Citations = append(a.Citations, answer.Citation{
				N: n, Source: fmt.Sprintf("%03d_article.txt", n), Title: strings.Repeat("Long title ", 40),
				Quote: strings.Repeat("A long quoted passage from the article. ", 40),
			})
		}
		return a, nil
	}}
	h := startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("tell me everything")})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	// 5000+ runes need 3 messages of text; 30 long fields need more.
	_, err := h.srv.WaitMessage(h.wait(5*time.Second), func(m fakediscord.Message) bool {
		return m.InteractionToken == ix.Token && strings.Contains(rawJSON(t, m.Embeds), "[30]")
	})
	if err != nil {
		t.Fatal(err)
	}
	var content strings.Builder
	fields := 0
	for _, m := range h.srv.Messages() {
		if m.InteractionToken != ix.Token {
			continue
		}
		content.WriteString(m.Content)
		for _, e := range m.Embeds {
			f, _ := e["fields"].([]any)
			fields += len(f)
		}
	}
	for _, r := range h.srv.Requests() {
		if r.Status >= 400 {
			t.Errorf("%s %s answered %d: a Discord limit was broken", r.Method, r.Path, r.Status)
		}
	}
	if fields != 30 {
		t.Errorf("embed fields = %d, want 30", fields)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(content.String()) != squash(text.String()) {
		t.Errorf("the answer text was not delivered whole")
	}
}

func TestDuplicateDispatchAnsweredOnce(t *testing.T) {
	h := startBot(t, &scripted{})
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("twice?")})
	h.interact(ix)
	m := h.say(fakediscord.ChatMessage{ChannelID: "630", Content: "also twice?"})
	h.say(m)
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo("630"))); err != nil {
		t.Fatal(err)
	}
	// A later question proves the duplicates were processed (and dropped).
	last := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("sentinel?")})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(last))); err != nil {
		t.Fatal(err)
	}
	if n := len(h.srv.Filter(callback(ix))); n != 1 {
		t.Errorf("callbacks for the duplicated interaction = %d, want 1", n)
	}
	if n := len(h.srv.Filter(sendTo("630"))); n != 1 {
		t.Errorf("answers to the duplicated message = %d, want 1", n)
	}
	if qs := h.ans.questions(); len(qs) != 3 {
		t.Errorf("answerer calls = %q, want 3", qs)
	}
}

func TestConcurrentAsks(t *testing.T) {
	const n = 50
	release := make(chan struct{})
	ans := &scripted{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
		time.Sleep(5 * time.Millisecond) // a little engine latency
		return citedAnswer(req.Question), nil
	}}
	h := startBot(t, ans)
	var ixs []fakediscord.Interaction
	for i := range n {
		user := fakediscord.User{ID: fmt.Sprintf("31%016d", i), Username: fmt.Sprintf("u%d", i)}
		ixs = append(ixs, h.interact(fakediscord.Interaction{User: user, Command: fakediscord.Ask(fmt.Sprintf("question %d?", i))}))
	}
	// All deferred within Discord's 3 s while no answer is ready yet.
	if _, err := h.srv.WaitN(h.wait(3*time.Second), n, fakediscord.Succeeded(fakediscord.On("POST", "/interactions/*/*/callback"))); err != nil {
		t.Fatalf("not all %d interactions deferred within 3 s: %v", n, err)
	}
	close(release)
	if _, err := h.srv.WaitN(h.wait(30*time.Second), n, fakediscord.Succeeded(fakediscord.On("PATCH", "/webhooks/*/*/messages/@original"))); err != nil {
		t.Fatal(err)
	}
	for _, ix := range ixs {
		if m, ok := h.srv.Original(ix.Token); !ok || m.Loading || !strings.Contains(m.Content, "[1]") {
			t.Errorf("interaction %s: original = %+v", ix.ID, m)
		}
	}
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	release := make(chan struct{})
	ans := heldAnswerer(release)
	h := startBot(t, ans)
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("in flight?")})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix))); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("Run = %v, want nil after a graceful shutdown", err)
	}
	if got := h.srv.Filter(fakediscord.Succeeded(editOriginal(ix))); len(got) != 1 {
		t.Fatalf("in-flight answer not delivered before Run returned (edits: %d)", len(got))
	}
	if err := h.srv.WaitDisconnected(h.wait(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
}

func TestReconnectAfterDrop(t *testing.T) {
	h := startBot(t, &scripted{})
	h.srv.DisconnectAll(1001)
	if err := h.srv.WaitReady(h.wait(15 * time.Second)); err != nil {
		t.Fatal(err)
	}
	ids := h.srv.Identifies()
	if last := ids[len(ids)-1]; last.Op != 6 || !last.Accepted {
		t.Errorf("reconnect = %+v, want an accepted RESUME", last)
	}
	ix := h.interact(fakediscord.Interaction{Command: fakediscord.Ask("after the drop?")})
	if _, err := h.srv.WaitFor(h.wait(10*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
}
