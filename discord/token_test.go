package discord_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"footnote/discord"
	"footnote/internal/fakediscord"
)

func TestMissingToken(t *testing.T) {
	for _, tok := range []string{"", "  ", "Bot "} {
		_, err := discord.NewGateway(newDiscordCore(t, &scripted{}), discord.GatewayConfig{Token: tok}, nil)
		if !errors.Is(err, discord.ErrNoToken) {
			t.Errorf("token %q: err = %v, want ErrNoToken", tok, err)
		}
	}
}

func TestBadAPIURL(t *testing.T) {
	for _, u := range []string{"discord.com", "ftp://x", "http://", "https://x/?a=b"} {
		if _, err := discord.NewGateway(newDiscordCore(t, &scripted{}), discord.GatewayConfig{Token: "t", APIURL: u}, nil); err == nil {
			t.Errorf("APIURL %q accepted", u)
		}
	}
}

// runUntilError runs a bot with token against srv and returns Run's error,
// failing if Run keeps going (a retry loop) past a generous bound.
func runUntilError(t *testing.T, srv *fakediscord.Server, token string) (error, string) {
	t.Helper()
	logs := newSyncBuffer()
	d, err := discord.NewGateway(newDiscordCore(t, &scripted{}), discord.GatewayConfig{Token: token, APIURL: srv.URL()}, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	select {
	case err := <-done:
		return err, logs.String()
	case <-ctx.Done():
		t.Fatal("Run kept retrying a rejected token")
		return nil, ""
	}
}

func TestWrongTokenREST(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	err, logs := runUntilError(t, srv, "not-the-token")
	if !errors.Is(err, discord.ErrBadToken) {
		t.Fatalf("Run = %v, want ErrBadToken", err)
	}
	if strings.Contains(err.Error()+logs, "not-the-token") {
		t.Fatalf("token leaked: %v / %s", err, logs)
	}
	if n := len(srv.Identifies()); n != 0 {
		t.Errorf("gateway IDENTIFY sent %d times with a token REST rejected", n)
	}
}

func TestWrongTokenGateway4004(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	srv.CloseNextIdentify(fakediscord.CloseAuthenticationFailed)
	err, _ := runUntilError(t, srv, srv.Token())
	if !errors.Is(err, discord.ErrBadToken) {
		t.Fatalf("Run = %v, want ErrBadToken", err)
	}
	if n := len(srv.Identifies()); n != 1 {
		t.Errorf("IDENTIFY sent %d times, want 1 (no retry loop)", n)
	}
}

func TestTokenRevokedMidSession(t *testing.T) {
	h := startBot(t, &scripted{})
	h.srv.CloseNextIdentify(fakediscord.CloseAuthenticationFailed)
	h.srv.DisconnectAll(fakediscord.CloseAuthenticationFailed)
	select {
	case err := <-h.done:
		h.done <- err
		if !errors.Is(err, discord.ErrBadToken) {
			t.Fatalf("Run = %v, want ErrBadToken", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run kept going after the token was revoked")
	}
}

func TestDisallowedIntentsIsFatal(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	srv.CloseNextIdentify(4014)
	err, _ := runUntilError(t, srv, srv.Token())
	if !errors.Is(err, discord.ErrGatewayRejected) || !strings.Contains(err.Error(), "Message Content") {
		t.Fatalf("Run = %v, want ErrGatewayRejected naming the intent", err)
	}
}
