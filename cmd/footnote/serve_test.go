package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/internal/fakediscord"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a running
// server and the reads of a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAnswersSlashCommandAndDM runs "footnote serve" in-process with the
// real offline engine against the fake Discord: /ask is deferred then edited
// with a cited answer, a DM is answered, and SIGTERM-style cancellation
// shuts the bot down cleanly.
func TestServeAnswersSlashCommandAndDM(t *testing.T) {
	const token = "bot-token-SECRET-123"
	srv := fakediscord.Start(fakediscord.Options{Token: token})
	defer srv.Close()

	var stdout, stderr syncBuffer
	env := map[string]string{
		"DISCORD_BOT_TOKEN":  token,
		"DISCORD_API_URL":    srv.URL(),
		"FOOTNOTE_INDEX_DIR": t.TempDir(),
	}
	a := &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- a.run(ctx, []string{"serve"}) }()

	wait, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	if err := srv.WaitReady(wait); err != nil {
		t.Fatalf("bot never became ready: %v\n%s", err, stderr.String())
	}
	ix, err := srv.Interact(fakediscord.Interaction{Command: fakediscord.Ask("Who led Ukraine's delegation?")})
	if err != nil {
		t.Fatal(err)
	}
	orig, err := srv.WaitMessage(wait, func(m fakediscord.Message) bool {
		return m.InteractionToken == ix.Token && m.Original && !m.Loading
	})
	if err != nil {
		t.Fatalf("no edited answer: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(orig.Content, "Umerov") || len(orig.Embeds) == 0 || orig.Pings {
		t.Errorf("answer = %+v", orig)
	}

	dm, err := srv.Say(fakediscord.ChatMessage{Content: "Who headed the Russian delegation?"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := srv.WaitMessage(wait, func(m fakediscord.Message) bool {
		return m.ChannelID == dm.ChannelID && strings.Contains(m.Content, "Medinsky")
	})
	if err != nil {
		t.Fatalf("no DM reply: %v\n%s", err, stderr.String())
	}
	if reply.Pings {
		t.Errorf("DM reply would ping: %+v", reply)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit code = %d\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after cancellation")
	}
	if strings.Contains(stdout.String()+stderr.String(), "SECRET") {
		t.Error("the bot token appeared in the output")
	}
	if !strings.Contains(stderr.String(), "latency_ms=") {
		t.Errorf("no per-question log line:\n%s", stderr.String())
	}
}

func TestServeNeedsToken(t *testing.T) {
	r := runCLI(t, nil, "", "serve")
	if r.code != exitError || !strings.Contains(r.stderr, "DISCORD_BOT_TOKEN is not set") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, nil, "", "serve", "--http", "127.0.0.1:0")
	if r.code != exitError || !strings.Contains(r.stderr, "DISCORD_PUBLIC_KEY is not set") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, map[string]string{"DISCORD_PUBLIC_KEY": "zz"}, "", "serve", "--http", "127.0.0.1:0")
	if r.code != exitError || !strings.Contains(r.stderr, "DISCORD_PUBLIC_KEY") || strings.Contains(r.stderr, "ready") {
		t.Fatalf("bad key: exit %d, stderr %q: want a clear error before the index is built", r.code, r.stderr)
	}
}

func TestServeRejectedToken(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{Token: "the-right-token"})
	defer srv.Close()
	env := map[string]string{"DISCORD_BOT_TOKEN": "a-wrong-SECRET-token", "DISCORD_API_URL": srv.URL()}
	r := runCLI(t, env, "", "serve")
	if r.code != exitError {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "SECRET") || !strings.Contains(strings.ToLower(r.stderr), "token") {
		t.Errorf("stderr = %q: want a clear message about the token, without the token", r.stderr)
	}
}
