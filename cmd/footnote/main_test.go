package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"footnote/internal/fakeopenai"
)

// result is what one in-process run of the CLI produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs footnote in-process with env as its whole environment (no
// .env file, none of the real process environment) and stdin as input.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["FOOTNOTE_INDEX_DIR"]; !ok {
		env["FOOTNOTE_INDEX_DIR"] = t.TempDir()
	}
	var out, errb bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	}
	code := a.run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

func decodeAnswers(t *testing.T, s string) []jsonAnswer {
	t.Helper()
	var out []jsonAnswer
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		var a jsonAnswer
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("not a JSON answer line %q: %v", line, err)
		}
		out = append(out, a)
	}
	return out
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, exitOK, "Commands:", ""},
		{"ask help", []string{"ask", "--help"}, exitOK, "Usage: footnote ask", ""},
		{"index help", []string{"index", "-h"}, exitOK, "Usage: footnote index", ""},
		{"serve help", []string{"serve", "--help"}, exitOK, "Usage: footnote serve", ""},
		{"eval help", []string{"eval", "--help"}, exitOK, "Usage: footnote eval", ""},
		{"chat help", []string{"chat", "--help"}, exitOK, "Usage: footnote chat", ""},
		{"sources help", []string{"sources", "--help"}, exitOK, "Usage: footnote sources", ""},
		{"bad flag", []string{"ask", "--bogus", "q"}, exitUsage, "", "flag provided but not defined"},
		{"blank question", []string{"ask", "   "}, exitUsage, "", "the question has no words"},
		{"eval without file", []string{"eval"}, exitUsage, "", "want exactly one question file"},
		{"eval bad min", []string{"eval", "--min", "3", "x.jsonl"}, exitUsage, "", "--min must be between 0 and 1"},
		{"sources extra arg", []string{"sources", "extra"}, exitUsage, "", "unexpected argument"},
		{"missing corpus", []string{"ask", "--corpus", "/nonexistent/corpus", "who?"}, exitError, "", "corpus directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit code = %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.inStdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, r.stderr)
			}
			if tt.code == exitError && strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("error is not one line:\n%s", r.stderr)
			}
		})
	}
}

func TestHelpAndFlagErrorsPrintOnce(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "--help")
	if n := strings.Count(r.stdout, "Usage: footnote ask"); n != 1 || !strings.Contains(r.stdout, "-json") {
		t.Errorf("ask --help printed its usage %d times (want once, with flags):\n%s", n, r.stdout)
	}
	r = runCLI(t, nil, "", "ask", "--nope")
	if r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("a bad flag should be one line on stderr only; stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "", "help", "index")
	if r.code != exitOK || !strings.Contains(r.stdout, "Usage: footnote index") {
		t.Errorf("help index: exit %d, stdout %q", r.code, r.stdout)
	}
	r = runCLI(t, nil, "", "bogus")
	if !strings.Contains(r.stderr, "see 'footnote help'") {
		t.Errorf("unknown command hint: %q", r.stderr)
	}
}

func TestAskOffline(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "who led Ukraine's delegation?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Umerov", "\nSources\n", ".txt"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("answer lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestAskJSONFromStdin(t *testing.T) {
	stdin := "Who headed the Russian delegation?\n\nWhat is the capital of Peru?\n"
	r := runCLI(t, nil, stdin, "ask", "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	answers := decodeAnswers(t, r.stdout)
	if len(answers) != 2 {
		t.Fatalf("got %d answers, want 2 (blank line skipped):\n%s", len(answers), r.stdout)
	}
	first := answers[0]
	if !first.Answered || !strings.Contains(first.Answer, "Medinsky") || first.Mode != "extractive" || len(first.Citations) == 0 {
		t.Errorf("first answer = %+v", first)
	}
	for _, c := range first.Citations {
		if !strings.HasSuffix(c.Source, ".txt") || c.Quote == "" {
			t.Errorf("citation %+v lacks a source file or quote", c)
		}
	}
	if answers[1].Answered || len(answers[1].Citations) != 0 {
		t.Errorf("unanswerable question was answered: %+v", answers[1])
	}
}

// An overlong question is a usage error (exit 2) that names the setting
// and does not echo the question back.
func TestAskTooLongQuestion(t *testing.T) {
	q := strings.Repeat("whyzz ", 30)
	r := runCLI(t, map[string]string{"FOOTNOTE_MAX_QUESTION_RUNES": "20"}, "", "ask", q)
	if r.code != exitUsage || !strings.Contains(r.stderr, "FOOTNOTE_MAX_QUESTION_RUNES") || !strings.Contains(r.stderr, "179 characters") {
		t.Fatalf("exit %d, stderr %q; want exit 2 naming FOOTNOTE_MAX_QUESTION_RUNES", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "whyzz") {
		t.Errorf("the question was echoed: %q", r.stderr)
	}
}

// Blanks and emoji-only questions get the same message and exit 2.
func TestAskNoWords(t *testing.T) {
	var msgs []string
	for _, q := range []string{"   ", "😀🎉", "?!"} {
		r := runCLI(t, nil, "", "ask", q)
		if r.code != exitUsage {
			t.Errorf("ask %q: exit %d, want 2 (%s)", q, r.code, r.stderr)
		}
		msgs = append(msgs, r.stderr)
	}
	if msgs[0] != msgs[1] || msgs[1] != msgs[2] || !strings.Contains(msgs[0], "no words") {
		t.Errorf("messages differ or say nothing useful: %q", msgs)
	}
}

// Piped batches echo each question, report a line over 1 MiB and go on.
func TestAskBatchEchoAndLongLine(t *testing.T) {
	in := "who led the Russian delegation?\n" + strings.Repeat("x", 1<<20+10) + "\n\nwhere were the talks held?\n"
	r := runCLI(t, nil, in, "ask")
	if r.code != exitError {
		t.Errorf("exit %d, want 1 (one line failed)", r.code)
	}
	if !strings.Contains(r.stdout, "Q: who led the Russian delegation?") || !strings.Contains(r.stdout, "Q: where were the talks held?") {
		t.Errorf("questions not echoed:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "stdin line 2: line too long, skipped (over 1048576 bytes)") || strings.Contains(r.stderr, "token too long") {
		t.Errorf("stderr = %q, want line 2 reported", r.stderr)
	}
	one := runCLI(t, nil, "who led the Russian delegation?\n", "ask")
	if strings.Contains(one.stdout, "Q: ") {
		t.Errorf("a single piped question was echoed:\n%s", one.stdout)
	}
}

func TestSources(t *testing.T) {
	r := runCLI(t, nil, "", "sources")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"000_2a32f4e3c815aa48.txt", "004_c2f305a5063d9f21.txt", "2025-05-16", "5 articles"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("sources lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestIndexPersistsAndReuses(t *testing.T) {
	env := map[string]string{"FOOTNOTE_INDEX_DIR": t.TempDir()}
	first := runCLI(t, env, "", "index")
	if first.code != exitOK || !strings.Contains(first.stdout, "reused") {
		t.Fatalf("first index: exit %d\n%s%s", first.code, first.stdout, first.stderr)
	}
	second := runCLI(t, env, "", "index")
	if second.code != exitOK || !strings.Contains(second.stdout, "(0 embedded") {
		t.Fatalf("second index should embed nothing: exit %d\n%s%s", second.code, second.stdout, second.stderr)
	}
}

func TestIndexFailsWhenItCannotSave(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, map[string]string{"FOOTNOTE_INDEX_DIR": file}, "", "index")
	if r.code != exitError || !strings.Contains(r.stderr, "index directory "+file+": not a directory") ||
		strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Fatalf("exit %d, stderr %q: want exit 1 with a one-line reason naming the directory", r.code, r.stderr)
	}
	// ask still answers from memory, with a notice.
	r = runCLI(t, map[string]string{"FOOTNOTE_INDEX_DIR": file}, "", "ask", "who led Ukraine's delegation?")
	if r.code != exitOK || !strings.Contains(r.stdout, "Umerov") || !strings.Contains(r.stderr, "answering without saving") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCustomCorpusDir(t *testing.T) {
	dir := t.TempDir()
	article := "Lighthouse keepers of Skerry Point\n\nThe lighthouse at Skerry Point was kept by Morag Quill for forty years.\n"
	if err := os.WriteFile(filepath.Join(dir, "skerry.txt"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "", "ask", "--json", "--corpus", dir, "Who kept the lighthouse at Skerry Point?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	a := decodeAnswers(t, r.stdout)[0]
	if !a.Answered || !strings.Contains(a.Answer, "Morag Quill") || a.Citations[0].Source != "skerry.txt" {
		t.Errorf("answer = %+v", a)
	}

	empty := t.TempDir()
	r = runCLI(t, nil, "", "ask", "--corpus", empty, "anything?")
	if r.code != exitError || !strings.Contains(r.stderr, "no articles") {
		t.Errorf("empty corpus: exit %d stderr %q", r.code, r.stderr)
	}
}

// TestAskGenerative drives the LLM path end to end: the real go-openai client
// against the fake OpenAI-compatible server, embeddings and chat.
func TestAskGenerative(t *testing.T) {
	const key = "sk-test-SECRET-abc123"
	srv := fakeopenai.New(t, fakeopenai.WithAPIKey(key), fakeopenai.WithResponder(func(req fakeopenai.ChatRequest) string {
		return "Defence Minister Rustem Umerov led Ukraine's delegation [1]."
	}))
	env := map[string]string{"OPENAI_API_KEY": key, "OPENAI_BASE_URL": srv.URL()}
	r := runCLI(t, env, "", "ask", "--json", "who led Ukraine's delegation?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	a := decodeAnswers(t, r.stdout)[0]
	if a.Mode != "generative" || !a.Answered || !strings.Contains(a.Answer, "Umerov") || len(a.Citations) != 1 {
		t.Errorf("answer = %+v", a)
	}
	if srv.EmbeddingRequests() == 0 || srv.ChatRequests() == 0 {
		t.Errorf("embedding requests %d, chat requests %d: the LLM path was not used", srv.EmbeddingRequests(), srv.ChatRequests())
	}

	// A wrong key: a clear error, and the key never printed.
	env["OPENAI_API_KEY"] = "sk-wrong-SECRET-zzz999"
	r = runCLI(t, env, "", "ask", "who led Ukraine's delegation?")
	if r.code != exitError {
		t.Fatalf("wrong key: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr+r.stdout, "SECRET") {
		t.Errorf("the API key leaked: %s%s", r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "OPENAI_API_KEY") {
		t.Errorf("error does not point at OPENAI_API_KEY: %s", r.stderr)
	}
}

func TestEvalCommand(t *testing.T) {
	r := runCLI(t, nil, "", "eval", "--json", "--min", "0.9", filepath.Join("..", "..", "testdata", "qa.jsonl"))
	if r.code != exitOK {
		t.Fatalf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var sum struct {
		Total    int     `json:"total"`
		Correct  int     `json:"correct"`
		Accuracy float64 `json:"accuracy"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("last line is not the JSON summary: %q: %v", lines[len(lines)-1], err)
	}
	if sum.Total != 20 || sum.Accuracy < 0.9 {
		t.Errorf("summary = %+v", sum)
	}
	// An impossible floor fails with exit 1.
	r = runCLI(t, nil, "", "eval", "--min", "1", filepath.Join("..", "..", "testdata", "qa.jsonl"))
	if sum.Correct < sum.Total && r.code != exitError {
		t.Errorf("accuracy below --min should exit 1, got %d", r.code)
	}
}

func TestChatPiped(t *testing.T) {
	script := "who led the Ukrainian delegation?\n/sources\n/help\nWhat is the capital of Peru?\nWhich Turkish minister chaired the meeting?\nWhat happened in Kupiansk?\n"
	r := runCLI(t, nil, script, "chat")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Umerov", "\nSources\n", "5 articles", "/ask", "The articles don't say", "Fidan", "drone"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("chat output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "asking quickly") {
		t.Errorf("the local harness rate-limited its only user:\n%s", r.stdout)
	}
}

// TestAskStreamsOnTerminal: on a terminal the generative answer is printed
// as it streams, then the sources; the text is not printed twice.
func TestAskStreamsOnTerminal(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithResponder(fakeopenai.Scripted(fakeopenai.Grounded)))
	env := map[string]string{"OPENAI_BASE_URL": srv.URL(), "FOOTNOTE_INDEX_DIR": t.TempDir()}
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, isTerminal: true,
		lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	if code := a.run(context.Background(), []string{"ask", "who led the delegations?"}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	if strings.Count(got, "delegation was led by Defence Minister Rustem Umerov") != 2 || !strings.Contains(got, "Sources") {
		t.Errorf("want the streamed answer once, then sources:\n%s", got)
	}
	if last := srv.LastChat(); last == nil || !last.Stream {
		t.Errorf("the chat request was not streamed: %+v", last)
	}
}

// TestAskFallsBackWhenLLMFails: a chat model that keeps failing gives the
// extractive answer, and the CLI says so on stderr.
func TestAskFallsBackWhenLLMFails(t *testing.T) {
	srv := fakeopenai.New(t)
	srv.Script(fakeopenai.Chat, fakeopenai.Status(500), fakeopenai.Status(500), fakeopenai.Status(500))
	env := map[string]string{"OPENAI_BASE_URL": srv.URL(), "OPENAI_MAX_RETRIES": "1", "FOOTNOTE_EMBEDDER": "local"}
	r := runCLI(t, env, "", "ask", "--json", "who led Ukraine's delegation?")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	a := decodeAnswers(t, r.stdout)[0]
	if a.Mode != "extractive" || !strings.Contains(a.Answer, "Umerov") || a.Note == "" {
		t.Errorf("answer = %+v, want the extractive answer with a note", a)
	}
	if !strings.Contains(r.stderr, "extractive") {
		t.Errorf("stderr does not mention the fallback: %q", r.stderr)
	}
}

// A failed save while an older index file exists (a full disk; here the
// rename is refused) is still a failure: exit 1, nothing on stdout.
func TestIndexFailsWhenSaveFailsOverOldFile(t *testing.T) {
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Talks in Istanbul\n\nRussia and Ukraine held direct talks in Istanbul on Friday. The meeting lasted about two hours.\n")
	env := map[string]string{"FOOTNOTE_INDEX_DIR": indexDir, "FOOTNOTE_CORPUS_DIR": corpusDir}
	r := runCLI(t, env, "", "index")
	if r.code != exitOK {
		t.Fatalf("first index: exit %d: %s", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(indexDir, "corpora", "*", "index-*"))
	if len(files) != 1 {
		t.Fatalf("index files %q, want one", files)
	}
	// Something changes, and the save cannot replace the file: a
	// non-empty directory stands where the file was.
	write("b.txt", "Prisoner exchange\n\nBoth sides agreed to exchange a thousand prisoners of war each.\n")
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(files[0], "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, env, "", "index")
	if r.code != exitError || !strings.Contains(r.stderr, "not saved") || strings.Contains(r.stdout, "indexed") {
		t.Fatalf("exit %d, stdout %q, stderr %q: want exit 1 saying the index was not saved", r.code, r.stdout, r.stderr)
	}
}
