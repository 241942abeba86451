package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// storeEnv returns the environment for a CLI run against a fresh schema of
// the test server, or skips.
func storeEnv(t *testing.T) map[string]string {
	t.Helper()
	dsn := os.Getenv("FOOTNOTE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("FOOTNOTE_TEST_POSTGRES is not set (a postgres:// URL of a server with pgvector; .ci/run starts one)")
	}
	schema := "cmd_" + strings.ToLower(regexp.MustCompile(`\W`).ReplaceAllString(t.Name(), "_"))
	drop := func() {
		conn, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Logf("drop schema: %v", err)
			return
		}
		defer conn.Close(context.Background())
		_, _ = conn.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`)
	}
	drop()
	t.Cleanup(drop)
	return map[string]string{"FOOTNOTE_STORE": dsn, "FOOTNOTE_STORE_SCHEMA": schema}
}

// The user's path with a store: index syncs (and a second run embeds
// nothing), sources lists the store, and ask answers exactly as the
// embedded index does on the shared question set.
func TestStoreIndexSourcesAsk(t *testing.T) {
	env := storeEnv(t)
	r := runCLI(t, env, "", "index")
	if r.code != 0 || !strings.Contains(r.stdout, "5 added") {
		t.Fatalf("index --store: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "index")
	if r.code != 0 || !strings.Contains(r.stdout, "5 unchanged") || !strings.Contains(r.stdout, "(0 embedded)") {
		t.Fatalf("second index --store: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, env["FOOTNOTE_STORE"]) {
		t.Errorf("index output repeats the store URL")
	}
	r = runCLI(t, env, "", "sources")
	if r.code != 0 || !strings.Contains(r.stdout, "5 articles") {
		t.Fatalf("sources --store: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	f, err := os.Open("../../testdata/qa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var questions []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Question string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		questions = append(questions, c.Question)
	}
	stdin := strings.Join(questions, "\n") + "\n"
	stored := runCLI(t, env, stdin, "ask", "--json")
	embedded := runCLI(t, nil, stdin, "ask", "--json")
	if stored.code != 0 || embedded.code != 0 {
		t.Fatalf("ask: store code %d (%s), embedded code %d (%s)", stored.code, stored.stderr, embedded.code, embedded.stderr)
	}
	elapsed := regexp.MustCompile(`,"elapsed_ms":\d+`)
	got, want := decodeAnswers(t, elapsed.ReplaceAllString(stored.stdout, "")), decodeAnswers(t, elapsed.ReplaceAllString(embedded.stdout, ""))
	if len(got) != len(questions) || len(got) != len(want) {
		t.Fatalf("%d answers from the store, %d embedded, for %d questions", len(got), len(want), len(questions))
	}
	for i := range got {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("question %q:\nstore    %s\nembedded %s", questions[i], g, w)
		}
	}
}

func TestStoreFlagErrors(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "--store", "mysql://u:pw@h/db", "q")
	if r.code != 2 || !strings.Contains(r.stderr, "--store must be a postgres:// URL") || strings.Contains(r.stderr, "pw@") {
		t.Errorf("bad --store: code %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, map[string]string{"FOOTNOTE_STORE": "postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=2"}, "", "ask", "q")
	if r.code != 1 || strings.Contains(r.stderr, "hunter2") || !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Errorf("unreachable store: code %d, stderr %q (want a one-line error naming the server, never the password)", r.code, r.stderr)
	}
}
