package discord_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/answer"
	"footnote/discord"
	"footnote/feedback"
	"footnote/internal/fakediscord"
)

// passageAnswer cites a passage whose second sentence is the quote.
func passageAnswer(q string) answer.Answer {
	passage := "Delegates met at the palace. The treaty was signed in Geneva on Monday. Both sides welcomed it."
	from := strings.Index(passage, "The treaty")
	to := from + len("The treaty was signed in Geneva on Monday.")
	return answer.Answer{
		Question: q, Answered: true, Mode: answer.ModeExtractive,
		Text: "The treaty was signed in Geneva [1].",
		Citations: []answer.Citation{{
			N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Treaty signed",
			Quote: passage[from:to], Start: 1000 + from, End: 1000 + to, Passage: passage, PassageStart: 1000,
		}},
	}
}

// withFeedback records votes in a temp feedback log.
func withFeedback(t *testing.T) (*feedback.File, func(*discord.GatewayConfig)) {
	t.Helper()
	fb, err := feedback.OpenFile(filepath.Join(t.TempDir(), "feedback.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return fb, func(c *discord.GatewayConfig) { c.Features.Feedback = fb }
}

// buttons returns the custom IDs and labels (or emoji) of a message's
// buttons, in order.
func buttons(m fakediscord.Message) (ids, labels []string) {
	for _, row := range m.Components {
		items, _ := row["components"].([]any)
		for _, it := range items {
			b, _ := it.(map[string]any)
			id, _ := b["custom_id"].(string)
			label, _ := b["label"].(string)
			if e, ok := b["emoji"].(map[string]any); ok && label == "" {
				label, _ = e["name"].(string)
			}
			ids, labels = append(ids, id), append(labels, label)
		}
	}
	return ids, labels
}

// askAndGetButtons asks /ask in guild and returns the answer's buttons.
func askAndGetButtons(t *testing.T, h *harness, guild string) (ids, labels []string) {
	t.Helper()
	ix := h.interact(fakediscord.Interaction{GuildID: guild, Command: fakediscord.Ask("Where was the treaty signed?")})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	orig, _ := h.srv.Original(ix.Token)
	ids, labels = buttons(orig)
	if len(ids) == 0 {
		t.Fatalf("answer has no buttons: %+v", orig)
	}
	return ids, labels
}

// clickResponse clicks a button and returns the callback the bot sent.
func clickResponse(t *testing.T, h *harness, ix fakediscord.Interaction) fakediscord.Request {
	t.Helper()
	ix.Kind = fakediscord.KindComponent
	ix = h.interact(ix)
	r, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// callbackData returns a callback's content, flags and first embed's
// description.
func callbackData(r fakediscord.Request) (content string, flags float64, desc string) {
	data, _ := r.JSON["data"].(map[string]any)
	content, _ = data["content"].(string)
	flags, _ = data["flags"].(float64)
	if es, _ := data["embeds"].([]any); len(es) > 0 {
		e, _ := es[0].(map[string]any)
		desc, _ = e["description"].(string)
	}
	return content, flags, desc
}

func TestAnswerButtonsShowPassage(t *testing.T) {
	h := startBot(t, &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return passageAnswer(req.Question), nil
	}})
	ids, labels := askAndGetButtons(t, h, "800")
	if want := []string{"Show passage [1]", "👍", "👎"}; !slices.Equal(labels, want) {
		t.Fatalf("buttons %q, want %q", labels, want)
	}
	r := clickResponse(t, h, fakediscord.Interaction{GuildID: "800", CustomID: ids[0]})
	content, flags, desc := callbackData(r)
	if flags != 64 {
		t.Errorf("passage reply flags = %v, want ephemeral (64); content %q", flags, content)
	}
	if !strings.Contains(desc, "Delegates met at the palace. **The treaty was signed in Geneva on Monday.** Both sides") {
		t.Errorf("passage embed = %q, want the passage with the quote in bold", desc)
	}
}

func TestForgedButtonsAreRefused(t *testing.T) {
	fb, withFB := withFeedback(t)
	h := startBot(t, &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return passageAnswer(req.Question), nil
	}}, withFB)
	ids, _ := askAndGetButtons(t, h, "800")
	parts := strings.Split(ids[0], ":")
	tampered := strings.Join(append(parts[:len(parts)-2], "2", parts[len(parts)-1]), ":") // passage 2, old signature
	tests := []struct {
		name, guild, customID string
	}{
		{"another guild", "801", ids[0]},
		{"tampered field", "800", tampered},
		{"made up", "800", "fn1:p:AAAAAAAAAAAA:1:AAAAAAAAAAAAAAAA"},
		{"not ours", "800", "something-else"},
		{"vote from another guild", "999", ids[1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := clickResponse(t, h, fakediscord.Interaction{GuildID: tt.guild, CustomID: tt.customID})
			content, flags, desc := callbackData(r)
			if flags != 64 || !strings.Contains(content, "doesn't belong") || desc != "" {
				t.Errorf("forged click got %q (flags %v, embed %q), want a private refusal", content, flags, desc)
			}
		})
	}
	if recs, _ := fb.All(context.Background()); len(recs) != 0 {
		t.Errorf("forged votes recorded: %+v", recs)
	}
}

// TestFeedbackOncePerUser clicks 👎 100 times: 50 users each double-click,
// and every click is also delivered twice by the gateway. One record per
// user is written; every click is acknowledged. The acknowledgement
// latency (click dispatched → callback received by the fake) is logged.
func TestFeedbackOncePerUser(t *testing.T) {
	fb, withFB := withFeedback(t)
	h := startBot(t, &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return passageAnswer(req.Question), nil
	}}, withFB)
	ids, labels := askAndGetButtons(t, h, "800")
	down := ids[slices.Index(labels, "👎")]
	const users, clicksEach = 50, 2
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for u := 0; u < users; u++ {
		for c := 0; c < clicksEach; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ix := fakediscord.Interaction{Kind: fakediscord.KindComponent, GuildID: "800", CustomID: down,
					User: fakediscord.User{ID: fmt.Sprintf("31%016d", u), Username: "u"}}
				start := time.Now()
				ix, err := h.srv.Interact(ix)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := h.srv.Interact(ix); err != nil { // redelivered
					t.Error(err)
					return
				}
				if _, err := h.srv.WaitFor(h.wait(10*time.Second), fakediscord.Succeeded(callback(ix))); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	recs, err := fb.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != users {
		t.Fatalf("%d feedback records for %d users, want one each", len(recs), users)
	}
	for _, r := range recs {
		if r.Vote != feedback.Down || r.Question != "Where was the treaty signed?" || r.GuildID != "800" || len(r.Citations) != 1 || r.Mode != answer.ModeExtractive {
			t.Errorf("record %+v", r)
		}
	}
	if n := len(h.srv.Filter(fakediscord.Succeeded(fakediscord.On("POST", "/interactions/*/*/callback")))); n != 1+users*clicksEach {
		t.Errorf("%d callbacks, want %d: each click acknowledged once", n, 1+users*clicksEach)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == users*clicksEach {
		t.Logf("button acknowledgement over %d clicks: p50 %v, p95 %v; %d records written", len(lat), lat[len(lat)/2], lat[len(lat)*95/100], len(recs))
	}
}

func TestMentionAnswersInThread(t *testing.T) {
	h := startBot(t, &scripted{})
	const ch, guild = "710", "810"
	m := h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: h.srv.Mention() + " Where was the treaty signed?", Mentions: []fakediscord.User{h.srv.Bot()}})
	start, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(fakediscord.On("POST", "/channels/"+ch+"/messages/"+m.ID+"/threads")))
	if err != nil {
		t.Fatal(err)
	}
	if name := start.String("name"); name != "Where was the treaty signed?" {
		t.Errorf("thread name %q", name)
	}
	threads := h.srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("threads %+v", threads)
	}
	th := threads[0].ID
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo(th))); err != nil {
		t.Fatalf("no answer in the thread: %v", err)
	}
	// A follow-up in the thread needs no mention and has the history.
	h.say(fakediscord.ChatMessage{ChannelID: th, GuildID: guild, Content: "and when?", Author: fakediscord.User{ID: "300000000000000009", Username: "bob"}})
	if _, err := h.srv.WaitN(h.wait(5*time.Second), 2, fakediscord.Succeeded(sendTo(th))); err != nil {
		t.Fatal(err)
	}
	reqs := h.ans.requests()
	if len(reqs) != 2 || !slices.Equal(answer.Questions(reqs[1].History), []string{"Where was the treaty signed?"}) {
		t.Fatalf("follow-up history = %+v", reqs)
	}
	// A message in the parent channel without a mention is still ignored.
	h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: "unrelated chat"})
	time.Sleep(200 * time.Millisecond)
	if n := len(h.ans.requests()); n != 2 {
		t.Errorf("%d questions answered, want 2", n)
	}
}

func TestMentionWithoutThreadPermissionReplies(t *testing.T) {
	srvOpts := func(o *fakediscord.Options) { o.NoThreadPermission = true }
	h := startBotWith(t, &scripted{}, srvOpts)
	const ch, guild = "720", "820"
	m := h.say(fakediscord.ChatMessage{ChannelID: ch, GuildID: guild, Content: h.srv.Mention() + " Where was the treaty signed?", Mentions: []fakediscord.User{h.srv.Bot()}})
	got, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(sendTo(ch)))
	if err != nil {
		t.Fatal(err)
	}
	if ref, _ := got.JSON["message_reference"].(map[string]any); ref["message_id"] != m.ID {
		t.Errorf("fallback is not a reply to the question: %v", got.JSON["message_reference"])
	}
	if len(h.srv.Threads()) != 0 {
		t.Error("a thread was created without permission")
	}
}

func TestAskFootnoteMessageCommand(t *testing.T) {
	h := startBot(t, &scripted{})
	ix := h.interact(fakediscord.Interaction{GuildID: "830", Kind: fakediscord.KindMessageCommand,
		Command: fakediscord.Command{Name: discord.AskMessageCommand}, Target: &fakediscord.ChatMessage{Content: "Where was the treaty signed?"}})
	cb, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix)))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := cb.JSON["data"].(map[string]any)
	if cb.JSON["type"] != float64(5) || data["flags"] != float64(64) {
		t.Errorf("callback %s, want an ephemeral deferral", cb.Body)
	}
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	orig, _ := h.srv.Original(ix.Token)
	if !orig.Ephemeral || !strings.Contains(orig.Content, "Geneva") {
		t.Errorf("original = %+v, want the private answer", orig)
	}
	if qs := h.ans.questions(); !slices.Equal(qs, []string{"Where was the treaty signed?"}) {
		t.Errorf("asked %q, want the target message's text", qs)
	}
}

func TestSourceAutocompleteAndFilter(t *testing.T) {
	h := startBot(t, &scripted{})
	ix := h.interact(fakediscord.Interaction{Kind: fakediscord.KindAutocomplete, Focused: "source",
		Command: fakediscord.Command{Name: "ask", Options: map[string]string{"question": "where?", "source": "treaty"}}})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(callback(ix))); err != nil {
		t.Fatal(err)
	}
	choices, _ := h.srv.Choices(ix.Token)
	if !slices.Equal(choices, []string{"004_c2f305a5063d9f21.txt — Treaty signed"}) {
		t.Errorf("choices %q", choices)
	}
	ask := h.interact(fakediscord.Interaction{Command: fakediscord.Command{Name: "ask", Options: map[string]string{"question": "where?", "source": "004_c2f305a5063d9f21.txt"}}})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ask))); err != nil {
		t.Fatal(err)
	}
	if reqs := h.ans.requests(); len(reqs) != 1 || !slices.Equal(reqs[0].Sources, []string{"004_c2f305a5063d9f21.txt"}) {
		t.Errorf("requests %+v, want one restricted to the chosen article", reqs)
	}
	bad := h.interact(fakediscord.Interaction{Command: fakediscord.Command{Name: "ask", Options: map[string]string{"question": "where?", "source": "nope.txt"}}})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(followup(bad))); err != nil {
		t.Fatal(err)
	}
	if n := len(h.ans.requests()); n != 1 {
		t.Errorf("an unknown source reached the engine")
	}
}

func TestStreamedDMUnderRateLimit(t *testing.T) {
	release := make(chan struct{})
	ans := &scripted{fn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		for _, d := range []string{"The treaty ", "was signed ", "in Geneva"} {
			req.OnDelta(d)
			time.Sleep(120 * time.Millisecond)
		}
		<-release
		return citedAnswer(req.Question), nil
	}}
	h := startBot(t, ans)
	h.srv.FailNext("PATCH", "/channels/*/messages/*", fakediscord.RateLimited(100*time.Millisecond))
	h.say(fakediscord.ChatMessage{ChannelID: "640", Content: "Where was the treaty signed?"})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.On("PATCH", "/channels/640/messages/*")); err != nil {
		t.Fatalf("the streamed DM was never edited: %v", err)
	}
	close(release)
	final, err := h.srv.WaitMessage(h.wait(5*time.Second), func(m fakediscord.Message) bool {
		return m.ChannelID == "640" && strings.Contains(m.Content, "Geneva [1]") && len(m.Embeds) > 0
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.srv.Filter(fakediscord.Succeeded(sendTo("640")))); n != 1 {
		t.Errorf("%d messages sent, want one message edited as it streamed", n)
	}
	if final.Edits == 0 {
		t.Errorf("final message was never edited: %+v", final)
	}
}

// TestHTTPButtons: the buttons work in HTTP interactions mode too: the
// answer carries them and a click is answered privately in the HTTP
// response, a vote recorded once.
func TestHTTPButtons(t *testing.T) {
	fb, err := feedback.OpenFile(filepath.Join(t.TempDir(), "feedback.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	e := startEndpoint(t, &scripted{fn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return passageAnswer(req.Question), nil
	}},
		func(c *discord.InteractionsConfig) { c.Features.Feedback = fb })
	ix, _ := e.deliver(t, fakediscord.Interaction{GuildID: "900", Command: fakediscord.Ask("Where was the treaty signed?")})
	if _, err := e.srv.WaitFor(ctxFor(t, 5*time.Second), fakediscord.Succeeded(editOriginal(ix))); err != nil {
		t.Fatal(err)
	}
	orig, _ := e.srv.Original(ix.Token)
	ids, labels := buttons(orig)
	if !slices.Equal(labels, []string{"Show passage [1]", "👍", "👎"}) {
		t.Fatalf("buttons %q", labels)
	}
	_, resp := e.deliver(t, fakediscord.Interaction{Kind: fakediscord.KindComponent, GuildID: "900", CustomID: ids[0]})
	data, _ := resp["data"].(map[string]any)
	if resp["type"] != float64(4) || data["flags"] != float64(64) || !strings.Contains(rawJSON(t, data["embeds"]), "**The treaty was signed in Geneva on Monday.**") {
		t.Errorf("passage click answered %v", resp)
	}
	for range 2 { // a double click
		e.deliver(t, fakediscord.Interaction{Kind: fakediscord.KindComponent, GuildID: "900", CustomID: ids[1]})
	}
	if recs, _ := fb.All(context.Background()); len(recs) != 1 || recs[0].Vote != feedback.Up {
		t.Errorf("records %+v, want one 👍", recs)
	}
}
