package fakediscord_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"footnote/internal/fakediscord"
)

// toFake sends requests meant for discord.com to the fake instead.
type toFake struct{ origin *url.URL }

func (t toFake) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.origin.Scheme, t.origin.Host, t.origin.Host
	return http.DefaultTransport.RoundTrip(r)
}

// session is a real discordgo Session pointed at srv.
func session(t *testing.T, srv *fakediscord.Server, token string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	origin, _ := url.Parse(srv.URL())
	s.Client = &http.Client{Transport: toFake{origin}, Timeout: 10 * time.Second}
	s.ShouldReconnectOnError = false
	return s
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestLoginAndDispatch(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, srv.Token())

	got := make(chan *discordgo.MessageCreate, 1)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { got <- m })
	me, err := s.User("@me")
	if err != nil || me.ID != srv.BotID() {
		t.Fatalf("User(@me) = %v, %v", me, err)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if s.State.User.ID != srv.BotID() || s.State.Application.ID != srv.AppID() {
		t.Fatalf("READY not applied: user %v app %v", s.State.User, s.State.Application)
	}
	if err := srv.WaitReady(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Say(fakediscord.ChatMessage{Content: "hello", Mentions: []fakediscord.User{srv.Bot()}}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		if m.Content != "hello" || m.Author.ID != fakediscord.Alice().ID || len(m.Mentions) != 1 {
			t.Fatalf("message = %+v", m.Message)
		}
	case <-ctxT(t).Done():
		t.Fatal("no MESSAGE_CREATE")
	}
}

func TestWrongToken(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, "wrong")

	_, err := s.User("@me")
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusUnauthorized {
		t.Fatalf("User(@me) with a wrong token: err = %v, want HTTP 401", err)
	}
	err = s.Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != fakediscord.CloseAuthenticationFailed {
		t.Fatalf("Open with a wrong token: err = %v, want close 4004", err)
	}
}

func TestCloseNextIdentify(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	srv.CloseNextIdentify(fakediscord.CloseInvalidIntents)
	s := session(t, srv, srv.Token())
	err := s.Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != fakediscord.CloseInvalidIntents {
		t.Fatalf("Open: err = %v, want close 4013", err)
	}
	ids := srv.Identifies()
	if len(ids) != 1 || !ids[0].TokenOK || ids[0].Accepted {
		t.Fatalf("identifies = %+v", ids)
	}
}

func TestRateLimitedSendIsRetried(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, srv.Token())
	srv.FailNext("POST", "/channels/*/messages", fakediscord.RateLimited(50*time.Millisecond))

	msg, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "hi"})
	if err != nil || msg.Content != "hi" {
		t.Fatalf("send = %v, %v", msg, err)
	}
	reqs := srv.Filter(fakediscord.On("POST", "/channels/42/messages"))
	if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 200 {
		t.Fatalf("requests = %+v", reqs)
	}
}

func TestDroppedConnection(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, srv.Token())
	srv.FailNext("POST", "/channels/*/messages", fakediscord.Dropped())

	_, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "hi"})
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("send err = %v, want a transport error (*url.Error)", err)
	}
	reqs := srv.Filter(fakediscord.On("POST", "/channels/42/messages"))
	if len(reqs) != 1 || reqs[0].Status != 0 {
		t.Fatalf("requests = %+v, want one recorded with status 0", reqs)
	}
	if msg, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "again"}); err != nil || msg.Content != "again" {
		t.Fatalf("send after the fault = %v, %v", msg, err)
	}
}

func TestInteractionLifecycle(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, srv.Token())
	ix, _ := srv.InteractionPayload(fakediscord.Interaction{Command: fakediscord.Ask("q")})
	di := &discordgo.Interaction{ID: ix.ID, AppID: srv.AppID(), Token: ix.Token}
	content := "x"

	if _, err := s.InteractionResponseEdit(di, &discordgo.WebhookEdit{Content: &content}); err == nil {
		t.Fatal("edit before the callback succeeded; Discord answers 404")
	}
	defer1 := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if err := s.InteractionRespond(di, defer1); err != nil {
		t.Fatal(err)
	}
	if err := s.InteractionRespond(di, defer1); err == nil {
		t.Fatal("second callback succeeded; Discord answers 40060")
	}
	// The first follow-up after a deferral edits the loading message and
	// keeps its (public) visibility.
	if _, err := s.FollowupMessageCreate(di, true, &discordgo.WebhookParams{Content: "first", Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FollowupMessageCreate(di, true, &discordgo.WebhookParams{Content: "second", Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		t.Fatal(err)
	}
	orig, ok := srv.Original(ix.Token)
	if !ok || orig.Content != "first" || orig.Ephemeral || orig.Loading {
		t.Fatalf("original = %+v", orig)
	}
	msgs := srv.Messages()
	if last := msgs[len(msgs)-1]; last.Content != "second" || !last.Ephemeral {
		t.Fatalf("second follow-up = %+v", last)
	}
}

func TestLimitsAndPings(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	s := session(t, srv, srv.Token())

	tests := []struct {
		name    string
		msg     *discordgo.MessageSend
		wantErr bool
		pings   bool
	}{
		{"content over 2000", &discordgo.MessageSend{Content: strings.Repeat("a", 2001)}, true, false},
		{"empty", &discordgo.MessageSend{}, true, false},
		{"field over 1024", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1025)}}}}}, true, false},
		{"everyone with default mentions", &discordgo.MessageSend{Content: "@everyone"}, false, true},
		{"everyone with parse []", &discordgo.MessageSend{Content: "@everyone", AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}}, false, false},
		{"everyone with parse null", &discordgo.MessageSend{Content: "@everyone", AllowedMentions: &discordgo.MessageAllowedMentions{}}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, err := s.ChannelMessageSendComplex("7", tt.msg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			for _, m := range srv.Messages() {
				if m.ID == msg.ID && m.Pings != tt.pings {
					t.Fatalf("Pings = %v, want %v", m.Pings, tt.pings)
				}
			}
		})
	}
}
