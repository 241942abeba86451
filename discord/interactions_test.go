package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/bot"
	"footnote/discord"
	"footnote/internal/fakediscord"
)

// endpoint is the HTTP interactions handler served on 127.0.0.1, with the
// fake Discord it edits responses on.
type endpoint struct {
	srv     *fakediscord.Server
	handler *discord.InteractionsHandler
	url     string
	priv    ed25519.PrivateKey
	ans     *scripted
}

func startEndpoint(t *testing.T, ans *scripted, tweak ...func(*discord.InteractionsConfig)) *endpoint {
	t.Helper()
	return startEndpointCore(t, newDiscordCore(t, ans), ans, tweak...)
}

// startEndpointCore is startEndpoint with a core of the test's own (ans is
// the answerer inside it).
func startEndpointCore(t *testing.T, core *bot.Core, ans *scripted, tweak ...func(*discord.InteractionsConfig)) *endpoint {
	t.Helper()
	srv := fakediscord.Start(fakediscord.Options{})
	t.Cleanup(srv.Close)
	// Registered before the handler's Shutdown, so it runs after it.
	t.Cleanup(func() { requireNoMentionParse(t, srv) })
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := discord.InteractionsConfig{PublicKey: pub, APIURL: srv.URL(), StreamInterval: 50 * time.Millisecond}
	for _, f := range tweak {
		f(&cfg)
	}
	h, err := discord.NewInteractionsHandler(core, cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	t.Cleanup(func() { _ = h.Shutdown(context.Background()) })
	return &endpoint{srv: srv, handler: h, url: ts.URL, priv: priv, ans: ans}
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// deliver plays Discord: signs ix, posts it, applies the answer.
func (e *endpoint) deliver(t *testing.T, ix fakediscord.Interaction) (fakediscord.Interaction, map[string]any) {
	t.Helper()
	ix, status, body, err := e.srv.DeliverHTTP(ctxFor(t, 3*time.Second), e.url, e.priv, ix)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusOK {
		t.Fatalf("endpoint answered %d: %s", status, body)
	}
	var resp map[string]any
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("endpoint answer %q: %v", body, err)
	}
	return ix, resp
}

func TestHTTPAskDefersThenEdits(t *testing.T) {
	release := make(chan struct{})
	ans := heldAnswerer(release)
	e := startEndpoint(t, ans)
	// deliver returns only once the endpoint has answered: the deferral
	// must not wait for the (blocked) answer.
	ix, resp := e.deliver(t, fakediscord.Interaction{GuildID: "1", Command: fakediscord.Ask("Where was the treaty signed?")})
	if resp["type"] != float64(5) {
		t.Fatalf("response = %v, want type 5 (deferred)", resp)
	}
	if am, _ := resp["data"].(map[string]any)["allowed_mentions"].(map[string]any); am == nil || am["parse"] == nil {
		t.Errorf("deferred response lacks allowed_mentions: %v", resp)
	}
	close(release)
	edit, err := e.srv.WaitFor(ctxFor(t, 5*time.Second), fakediscord.Succeeded(editOriginal(ix)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(edit.RawField("allowed_mentions"), `"parse":[]`) {
		t.Errorf("edit allowed_mentions = %s", edit.RawField("allowed_mentions"))
	}
	orig, _ := e.srv.Original(ix.Token)
	if orig.Content != "The treaty was signed in Geneva [1]." || len(orig.Embeds) != 1 || orig.Loading {
		t.Fatalf("original = %+v", orig)
	}
	if auth := edit.Header.Get("Authorization"); auth != "" {
		t.Errorf("webhook edit sent Authorization %q; the interaction token is enough", auth)
	}
}

func TestHTTPSourcesAndHelp(t *testing.T) {
	e := startEndpoint(t, &scripted{})
	_, src := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Sources()})
	_, hlp := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Help()})
	srcData, _ := src["data"].(map[string]any)
	if src["type"] != float64(4) || !strings.Contains(srcData["content"].(string), "004_c2f305a5063d9f21.txt") {
		t.Errorf("/sources response = %v", src)
	}
	hlpData, _ := hlp["data"].(map[string]any)
	if hlp["type"] != float64(4) || hlpData["flags"] != float64(64) {
		t.Errorf("/help response = %v, want an ephemeral message", hlp)
	}
}

// TestHTTPErrorReplies covers the replies that are not answers: an engine
// failure and a rate-limited question (both ephemeral after the public
// deferral is settled) and an unknown command (ephemeral at once). Like
// every endpoint test, it also checks allowed_mentions on all of them.
func TestHTTPErrorReplies(t *testing.T) {
	ans := &scripted{fn: func(context.Context, answer.Request) (answer.Answer, error) {
		return answer.Answer{}, errors.New("engine exploded")
	}}
	core, err := bot.New(bot.Options{Answerer: ans, Sources: testSources(), RatePerMinute: 0.001, Burst: 1})
	if err != nil {
		t.Fatal(err)
	}
	e := startEndpointCore(t, core, ans)

	unknown, resp := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Command{Name: "frobnicate"}})
	data, _ := resp["data"].(map[string]any)
	if resp["type"] != float64(4) || data["flags"] != float64(64) {
		t.Errorf("unknown command %s: response %v, want an ephemeral message", unknown.Command.Name, resp)
	}

	tests := []struct {
		question string
		want     string // in the private message
	}{
		{"fails?", "couldn't answer"},
		{"too fast?", "asking quickly"},
	}
	for _, tt := range tests {
		ix, _ := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Ask(tt.question)})
		deleted := fakediscord.Succeeded(fakediscord.On("DELETE", "/webhooks/*/"+ix.Token+"/messages/@original"))
		if _, err := e.srv.WaitFor(ctxFor(t, 5*time.Second), deleted); err != nil {
			t.Fatalf("%s: public notice never removed: %v", tt.question, err)
		}
		found := false
		for _, m := range e.srv.Messages() {
			if m.InteractionToken != ix.Token || m.Deleted {
				continue
			}
			if !m.Ephemeral {
				t.Errorf("%s: public message left: %+v", tt.question, m)
			}
			found = found || strings.Contains(m.Content, tt.want)
		}
		if !found {
			t.Errorf("%s: no ephemeral message containing %q: %+v", tt.question, tt.want, e.srv.Messages())
		}
	}
	if n := len(ans.requests()); n != 1 {
		t.Errorf("answerer called %d times, want 1 (the rate-limited question never reaches it)", n)
	}
}

func TestHTTPPing(t *testing.T) {
	e := startEndpoint(t, &scripted{})
	req, err := fakediscord.SignedRequest(ctxFor(t, 3*time.Second), e.url, e.priv, []byte(`{"type":1}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Fatalf("PING → %d %s, want 200 {\"type\":1}", resp.StatusCode, body)
	}
}

func TestHTTPRejects(t *testing.T) {
	now := time.Now()
	e := startEndpoint(t, &scripted{}, func(c *discord.InteractionsConfig) {
		c.MaxBodyBytes = 4096
		c.Now = func() time.Time { return now }
	})
	_, otherKey, _ := ed25519.GenerateKey(nil)
	ping := []byte(`{"type":1}`)
	sign := func(key ed25519.PrivateKey, ts string, body []byte) string {
		return hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...)))
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	old := strconv.FormatInt(now.Add(-time.Hour).Unix(), 10)
	big := append([]byte(`{"type":1,"pad":"`), bytes.Repeat([]byte("x"), 5000)...)
	big = append(big, `"}`...)

	tests := []struct {
		name   string
		method string
		body   []byte
		sig    string
		ts     string
		want   int
	}{
		{"valid ping", "POST", ping, sign(e.priv, ts, ping), ts, 200},
		{"wrong key", "POST", ping, sign(otherKey, ts, ping), ts, 401},
		{"missing headers", "POST", ping, "", "", 401},
		{"missing timestamp", "POST", ping, sign(e.priv, ts, ping), "", 401},
		{"signature not hex", "POST", ping, "zz", ts, 401},
		{"tampered body", "POST", []byte(`{"type":2}`), sign(e.priv, ts, ping), ts, 401},
		{"stale timestamp", "POST", ping, sign(e.priv, old, ping), old, 401},
		{"body too large", "POST", big, sign(e.priv, ts, big), ts, 413},
		{"not JSON", "POST", []byte("nope"), sign(e.priv, ts, []byte("nope")), ts, 400},
		{"GET", "GET", nil, "", "", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.url, bytes.NewReader(tt.body))
			if tt.sig != "" {
				req.Header.Set("X-Signature-Ed25519", tt.sig)
			}
			if tt.ts != "" {
				req.Header.Set("X-Signature-Timestamp", tt.ts)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if n := len(e.ans.requests()); n != 0 {
		t.Errorf("rejected requests reached the answerer %d times", n)
	}
}

func TestHTTPShutdownFinishesInFlight(t *testing.T) {
	release := make(chan struct{})
	ans := heldAnswerer(release)
	e := startEndpoint(t, ans)
	ix, _ := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Ask("in flight?")})
	done := make(chan error, 1)
	go func() { done <- e.handler.Shutdown(ctxFor(t, 10*time.Second)) }()
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if n := len(e.srv.Filter(fakediscord.Succeeded(editOriginal(ix)))); n != 1 {
		t.Fatalf("answer not delivered before Shutdown returned (edits: %d)", n)
	}
	_, late := e.deliver(t, fakediscord.Interaction{Command: fakediscord.Ask("too late?")})
	data, _ := late["data"].(map[string]any)
	if late["type"] != float64(4) || data["flags"] != float64(64) {
		t.Fatalf("after shutdown: %v, want an ephemeral 'ask again' message", late)
	}
}

func TestRegisterCommandsHTTPMode(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	pub, _, _ := ed25519.GenerateKey(nil)
	core := newDiscordCore(t, &scripted{})
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"no token", "", discord.ErrNoToken},
		{"wrong token", "nope", discord.ErrBadToken},
		{"good token", srv.Token(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := discord.NewInteractionsHandler(core, discord.InteractionsConfig{PublicKey: pub, APIURL: srv.URL(), Token: tt.token, GuildID: "42"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.RegisterCommands(ctxFor(t, 5*time.Second)); !errors.Is(err, tt.want) {
				t.Fatalf("RegisterCommands = %v, want %v", err, tt.want)
			}
		})
	}
	if n := len(srv.Filter(fakediscord.Succeeded(fakediscord.On("PUT", "/applications/"+srv.AppID()+"/guilds/42/commands")))); n != 1 {
		t.Fatalf("guild registrations = %d, want 1", n)
	}
}

func TestNewInteractionsHandlerValidates(t *testing.T) {
	core := newDiscordCore(t, &scripted{})
	pub, _, _ := ed25519.GenerateKey(nil)
	if _, err := discord.NewInteractionsHandler(core, discord.InteractionsConfig{}, nil); err == nil {
		t.Error("missing public key accepted")
	}
	if _, err := discord.NewInteractionsHandler(nil, discord.InteractionsConfig{PublicKey: pub}, nil); err == nil {
		t.Error("nil core accepted")
	}
	if _, err := discord.NewInteractionsHandler(core, discord.InteractionsConfig{PublicKey: pub, APIURL: "not a url"}, nil); err == nil {
		t.Error("bad API URL accepted")
	}
}

func TestParsePublicKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	good := hex.EncodeToString(pub)
	tests := []struct {
		in   string
		want bool
	}{
		{good, true},
		{"  " + strings.ToUpper(good) + "\n", true},
		{"", false},
		{"xyz", false},
		{good[:62], false},
		{good + "00", false},
	}
	for _, tt := range tests {
		key, err := discord.ParsePublicKey(tt.in)
		if (err == nil) != tt.want {
			t.Errorf("ParsePublicKey(%q) err = %v, want ok=%v", tt.in, err, tt.want)
		}
		if tt.want && !bytes.Equal(key, pub) {
			t.Errorf("ParsePublicKey(%q) = %x, want %x", tt.in, key, pub)
		}
	}
}
