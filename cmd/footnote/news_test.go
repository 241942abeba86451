package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"footnote/answer"
	"footnote/corpus"
	"footnote/internal/fakeopenai"
)

// writeCorpus writes files into a new corpus directory.
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newsCorpus holds two dated reports of one story, a wire copy of the
// first and an undated article.
func newsCorpus(t *testing.T) string {
	old := "Harbour bridge closed\n\nPORTLAND, June 2, 2025 — The harbour bridge was closed on Monday after the storm damaged its cables, and engineer Ada Quill led the inspection, the city said.\n\nThe council said repairs would take about a week, and ferries would run every hour until then.\n"
	return writeCorpus(t, map[string]string{
		"a.txt": old,
		"b.md":  "---\ntitle: Harbour bridge reopens\ndate: 2025-06-09\nurl: https://coast.example/bridge-reopens\n---\nThe harbour bridge reopened on Sunday after a week of repairs, and engineer Ada Quill signed off the cables, the city said.\n",
		"c.txt": strings.Replace(old, "Harbour bridge closed", "Storm shuts harbour bridge", 1),
		"d.txt": "Lighthouse keepers\n\nThe lighthouse at Skerry Point was kept by Morag Quill for forty years, and she led the restoration of the lamp.\n",
	})
}

func TestAskSinceUntil(t *testing.T) {
	dir := newsCorpus(t)
	ask := func(args ...string) jsonAnswer {
		t.Helper()
		r := runCLI(t, nil, "", append([]string{"ask", "--json", "--corpus", dir}, args...)...)
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		return decodeAnswers(t, r.stdout)[0]
	}
	const q = "What did engineer Ada Quill do at the harbour bridge?"
	tests := []struct {
		name  string
		args  []string
		allow map[string]bool
	}{
		{"since", []string{"--since", "2025-06-05"}, map[string]bool{"b.md": true}},
		{"until", []string{"--until", "2025-06-05"}, map[string]bool{"a.txt": true, "c.txt": true}},
		{"both", []string{"--since", "2025-06-01", "--until", "2025-06-30"}, map[string]bool{"a.txt": true, "b.md": true, "c.txt": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ask(append(tt.args, q)...)
			if !a.Answered || len(a.Citations) == 0 {
				t.Fatalf("answer = %+v, want one from the dated reports", a)
			}
			for _, c := range a.Citations {
				if !tt.allow[c.Source] {
					t.Errorf("cited %s (dated %q) outside the filter", c.Source, c.Date)
				}
				if c.Date == "" {
					t.Errorf("citation of %s has no date", c.Source)
				}
			}
			if a.AsOf == "" {
				t.Error("as_of missing from a dated answer")
			}
		})
	}
	t.Run("nothing in range declines", func(t *testing.T) {
		if a := ask("--since", "2030-01-01", q); a.Answered {
			t.Errorf("answer = %+v, want a decline", a)
		}
	})
	for _, bad := range [][]string{{"--since", "June 2"}, {"--until", "2025-13-01"}, {"--since", "2025-06-10", "--until", "2025-06-01"}} {
		r := runCLI(t, nil, "", append(append([]string{"ask", "--corpus", dir}, bad...), q)...)
		if r.code != exitUsage || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stderr %q; want a one-line usage error", bad, r.code, r.stderr)
		}
	}
}

func TestAskShowsDatesURLsAndCopies(t *testing.T) {
	dir := newsCorpus(t)
	r := runCLI(t, nil, "", "ask", "--corpus", dir, "Why was the harbour bridge closed on Monday?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Sources (as of 2 June 2025)", "(2025-06-02)", "also in: c.txt"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "] c.txt") || strings.Contains(r.stdout, "PORTLAND") {
		t.Errorf("the wire copy took a citation of its own, or the dateline is in the text:\n%s", r.stdout)
	}
	r = runCLI(t, nil, "", "ask", "--corpus", dir, "When did the harbour bridge reopen?")
	if !strings.Contains(r.stdout, "https://coast.example/bridge-reopens") {
		t.Errorf("the article's URL is not shown:\n%s", r.stdout)
	}
}

// newTestApp returns an app over env (no real environment) with stdout and
// stderr in one buffer.
func newTestApp(env map[string]string) (*app, *syncBuffer) {
	out := &syncBuffer{}
	return &app{
		stdin: strings.NewReader(""), stdout: out, stderr: out,
		lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	}, out
}

// cites asks q and reports whether the answer cites source.
func cites(t *testing.T, eng *engine, q, source string) bool {
	t.Helper()
	ans, err := eng.answerer.Answer(context.Background(), answer.Request{Question: q})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ans.Citations {
		if c.Source == source {
			return true
		}
	}
	return false
}

// waitFor polls cond until it holds or the deadline passes, returning how
// long it took.
func waitFor(t *testing.T, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("%s: not after 20s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// TestLiveCorpus drives the watcher the way serve and chat run it: a file
// saved into the corpus directory is cited soon after, an edit is seen,
// and a deleted file is never cited again.
func TestLiveCorpus(t *testing.T) {
	dir := newsCorpus(t)
	env := map[string]string{"FOOTNOTE_INDEX_DIR": t.TempDir(), "FOOTNOTE_CORPUS_DIR": dir, "FOOTNOTE_WATCH_DEBOUNCE": "50ms"}
	a, out := newTestApp(env)
	cfg, err := a.config()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eng, err := a.newEngine(ctx, cfg, engineOptions{watch: true})
	if err != nil {
		t.Fatal(err)
	}
	if eng.reload == nil {
		t.Fatal("the engine is not live")
	}
	var listed atomic.Pointer[[]corpus.Article]
	stop := a.startNews(ctx, cfg, eng, a.logger(cfg), false, func(arts []corpus.Article) { listed.Store(&arts) })
	defer stop()
	lists := func(source string) bool {
		p := listed.Load()
		return p != nil && slices.ContainsFunc(*p, func(a corpus.Article) bool { return a.Source == source })
	}
	const q = "Who repainted the Skerry Point lighthouse?"
	if cites(t, eng, q, "e.txt") {
		t.Fatal("cites e.txt before it exists")
	}
	time.Sleep(100 * time.Millisecond) // let the watcher start
	saved := time.Now()
	if err := os.WriteFile(filepath.Join(dir, "e.txt"), []byte("Lighthouse repainted\n\nThe Skerry Point lighthouse was repainted red by Ewan Tarr and his crew over the summer, the trust said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "new file cited", func() bool { return cites(t, eng, q, "e.txt") })
	t.Logf("saved to cited: %s", time.Since(saved).Round(time.Millisecond))
	if !lists("e.txt") {
		t.Error("the article list was not updated with the new file")
	}

	if err := os.Remove(filepath.Join(dir, "e.txt")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "deleted file no longer cited", func() bool { return !cites(t, eng, q, "e.txt") })
	if lists("e.txt") {
		t.Error("the article list still holds the deleted file")
	}
	// Hidden files (atomic-write temporaries) are ignored.
	if err := os.WriteFile(filepath.Join(dir, ".e.txt.tmp"), []byte("Lighthouse\n\nThe Skerry Point lighthouse was repainted by someone else entirely, they said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if cites(t, eng, q, ".e.txt.tmp") {
		t.Error("a hidden file was indexed")
	}
	if !strings.Contains(out.String(), "corpus re-indexed") {
		t.Errorf("no re-index was logged:\n%s", out.String())
	}
}

func TestIndexWatchNeedsDir(t *testing.T) {
	r := runCLI(t, nil, "", "index", "--watch")
	if r.code != exitUsage {
		t.Errorf("exit %d, stderr %q; want a usage error", r.code, r.stderr)
	}
}

func TestFetchCommand(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>T</title><item><title>Ferry strike ends</title><link>%s/a</link><guid>a</guid><pubDate>Wed, 04 Jun 2025 08:00:00 GMT</pubDate></item></channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Ferry strike ends</title></head><body><article><p>Ferry crews ended their week-long strike on Wednesday after the union accepted a new pay offer from the operator.</p></article></body></html>`)
	})
	dir := t.TempDir()
	r := runCLI(t, nil, "", "fetch", "--corpus", dir, srv.URL+"/feed.xml")
	if r.code != exitOK || !strings.Contains(r.stdout, "saved 2025-06-04_ferry-strike-ends.txt") || !strings.Contains(r.stdout, "1 saved") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "", "fetch", "--corpus", dir, srv.URL+"/feed.xml")
	if r.code != exitOK || !strings.Contains(r.stdout, "0 saved, 1 already saved") {
		t.Errorf("second fetch: exit %d\n%s", r.code, r.stdout)
	}
	a := decodeAnswers(t, runCLI(t, nil, "", "ask", "--json", "--corpus", dir, "Why did the ferry strike end?").stdout)[0]
	if !a.Answered || a.Citations[0].URL != srv.URL+"/a" || a.Citations[0].Date != "2025-06-04" {
		t.Errorf("answer from the fetched article: %+v", a)
	}
	for _, bad := range [][]string{{"fetch", "--corpus", dir}, {"fetch", srv.URL + "/feed.xml"}, {"fetch", "--corpus", dir, "ftp://x/feed"}} {
		if r := runCLI(t, nil, "", bad...); r.code != exitUsage {
			t.Errorf("%q: exit %d, want a usage error", bad, r.code)
		}
	}
	if r := runCLI(t, nil, "", "fetch", "--corpus", dir, srv.URL+"/missing.xml"); r.code != exitError || !strings.Contains(r.stderr, "404") {
		t.Errorf("missing feed: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestIndexInterruptedResumes: Ctrl-C (the context ending) during
// "footnote index" exits 130, and the next run reuses what was embedded.
func TestIndexInterruptedResumes(t *testing.T) {
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("a%03d.txt", i)] = fmt.Sprintf("Report %d\n\nThe council of town number %d approved its budget on Monday after a long debate, officials said.\n", i, i)
	}
	dir := writeCorpus(t, files)
	srv := fakeopenai.New(t)
	srv.Script(fakeopenai.Embeddings, fakeopenai.Pass(), fakeopenai.Pass(), fakeopenai.Delay(time.Minute), fakeopenai.Delay(time.Minute), fakeopenai.Delay(time.Minute))
	env := map[string]string{"OPENAI_BASE_URL": srv.URL(), "FOOTNOTE_INDEX_DIR": t.TempDir(), "OPENAI_MAX_RETRIES": "0"}
	a, out := newTestApp(env)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- a.run(ctx, []string{"index", "--corpus", dir}) }()
	// All five batches were sent: two answered, three held by the delays (so
	// no delay is left over for the second run).
	waitFor(t, "embedding requests in flight", func() bool { return srv.EmbeddingRequests() >= 5 })
	cancel()
	if c := <-code; c != exitInterrupted {
		t.Fatalf("exit %d, want 130:\n%s", c, out.String())
	}
	if !strings.Contains(out.String(), "resume") {
		t.Errorf("no word about resuming:\n%s", out.String())
	}
	before := srv.EmbeddedInputs()
	r := runCLI(t, env, "", "index", "--json", "--corpus", dir)
	if r.code != exitOK {
		t.Fatalf("second run: exit %d: %s", r.code, r.stderr)
	}
	var st struct{ Chunks, Embedded, Reused int }
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	if st.Reused < 64 || st.Reused+st.Embedded != st.Chunks || srv.EmbeddedInputs()-before != int64(st.Embedded) {
		t.Errorf("second run %+v (%d inputs embedded): want the first run's finished batches reused", st, srv.EmbeddedInputs()-before)
	}
}

func answerRequest(q string) answer.Request { return answer.Request{Question: q} }

func citesSource(cs []answer.Citation, source string) bool {
	for _, c := range cs {
		if c.Source == source {
			return true
		}
	}
	return false
}
