package main

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"

	"footnote/internal/fakeopenai"
)

// A wrong key with local embeddings and LLM answers is an error naming
// OPENAI_API_KEY (exit 1), not an offline answer with exit 0.
func TestWrongKeyWithLocalEmbedder(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithAPIKey("sk-right"))
	env := map[string]string{"OPENAI_API_KEY": "sk-wrong-SECRET", "OPENAI_BASE_URL": srv.URL(), "FOOTNOTE_EMBEDDER": "local"}
	r := runCLI(t, env, "", "ask", "who led Ukraine's delegation?")
	if r.code != exitError || !strings.Contains(r.stderr, "OPENAI_API_KEY") {
		t.Fatalf("exit %d, stderr %q: want exit 1 naming OPENAI_API_KEY", r.code, r.stderr)
	}
	if strings.Contains(r.stderr+r.stdout, "SECRET") {
		t.Errorf("the key leaked: %s%s", r.stdout, r.stderr)
	}
}

// With the LLM server down, a batch stops calling it after repeated
// failures, says so once, names the host and still answers offline.
func TestDownLLMServerBreaker(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	env := map[string]string{"OPENAI_BASE_URL": "http://" + addr + "/v1", "FOOTNOTE_EMBEDDER": "local", "OPENAI_MAX_RETRIES": "0"}
	in := "who led Ukraine's delegation?\nwhere were the talks held?\nwho led Russia's delegation?\nwhat did Kyiv want?\n"
	r := runCLI(t, env, in, "ask")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, "not calling it"); n != 1 {
		t.Errorf("breaker notices = %d, want 1:\n%s", n, r.stderr)
	}
	if !strings.Contains(r.stderr, addr+" (OPENAI_BASE_URL)") {
		t.Errorf("the notice does not name the host and setting:\n%s", r.stderr)
	}
	if strings.Count(r.stdout, "Q: ") != 4 {
		t.Errorf("want four answered questions:\n%s", r.stdout)
	}
}

func TestServeUnreachableDiscordNamesHost(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := runCLI(t, map[string]string{"DISCORD_BOT_TOKEN": "tok", "DISCORD_API_URL": "http://" + addr}, "", "serve")
	if r.code != exitError || !strings.Contains(r.stderr, "cannot reach Discord at "+addr+" (DISCORD_API_URL)") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.Count(strings.TrimSpace(r.stderr), "\n") > 3 {
		t.Logf("stderr: %s", r.stderr)
	}
}

// Typed questions (stdin a terminal) are answered at once, without
// waiting for the next line, and without an echo; a hint comes first.
func TestAskTypedQuestionsAnsweredAtOnce(t *testing.T) {
	pr, pw := io.Pipe()
	a, out := newTestApp(map[string]string{"FOOTNOTE_INDEX_DIR": t.TempDir()})
	a.stdin, a.stdinTTY = pr, true
	code := make(chan int, 1)
	go func() { code <- a.run(context.Background(), []string{"ask"}) }()
	if _, err := io.WriteString(pw, "who led Ukraine's delegation?\n"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first answer before the next line", func() bool { return strings.Contains(out.String(), "Umerov") })
	pw.Close()
	if c := <-code; c != exitOK {
		t.Fatalf("exit %d:\n%s", c, out.String())
	}
	if !strings.Contains(out.String(), "type a question per line") || strings.Contains(out.String(), "Q: ") {
		t.Errorf("output:\n%s", out.String())
	}
}
