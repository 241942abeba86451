package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func mapLookup(m map[string]string) lookupFunc {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig(mapLookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Embedder != embedderLocal || c.Generative {
		t.Errorf("offline defaults: embedder %q generative %v", c.Embedder, c.Generative)
	}
	if c.OpenAI.ChatModel != "gpt-4o-mini" || c.OpenAI.EmbeddingModel != "text-embedding-3-small" {
		t.Errorf("model defaults: %+v", c.OpenAI)
	}
	if c.Discord.APIURL != "https://discord.com" || c.Bot.MaxQuestionRunes != 500 {
		t.Errorf("defaults: %+v %+v", c.Discord, c.Bot)
	}
}

// Settings whose 0 means "none" arrive in the options structs as the
// negative value they read as "none" (their 0 means "default"), so the
// wiring copies them as they are.
func TestLoadConfigZeroMeansNone(t *testing.T) {
	c, err := loadConfig(mapLookup(map[string]string{"FOOTNOTE_HISTORY_TURNS": "0", "OPENAI_MAX_RETRIES": "0"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Bot.HistoryTurns >= 0 || c.OpenAI.MaxRetries >= 0 {
		t.Errorf("history %d, retries %d: want negative (none)", c.Bot.HistoryTurns, c.OpenAI.MaxRetries)
	}
	c, err = loadConfig(mapLookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Bot.HistoryTurns != 3 || c.OpenAI.MaxRetries != 3 {
		t.Errorf("defaults: history %d, retries %d, want 3 and 3", c.Bot.HistoryTurns, c.OpenAI.MaxRetries)
	}
}

func TestLoadConfigSwitchesToOpenAI(t *testing.T) {
	for _, env := range []map[string]string{
		{"OPENAI_API_KEY": "sk-x"},
		{"OPENAI_BASE_URL": "http://localhost:11434/v1"},
	} {
		c, err := loadConfig(mapLookup(env))
		if err != nil {
			t.Fatal(err)
		}
		if c.Embedder != embedderOpenAI || !c.Generative {
			t.Errorf("%v: embedder %q generative %v", env, c.Embedder, c.Generative)
		}
	}
	c, err := loadConfig(mapLookup(map[string]string{"OPENAI_API_KEY": "sk-x", "FOOTNOTE_EMBEDDER": "local"}))
	if err != nil || c.Embedder != embedderLocal || !c.Generative {
		t.Errorf("local embedder with LLM answers: %+v %v", c, err)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"openai embedder without server", map[string]string{"FOOTNOTE_EMBEDDER": "openai"}, "needs OPENAI_API_KEY"},
		{"unknown embedder", map[string]string{"FOOTNOTE_EMBEDDER": "magic"}, "FOOTNOTE_EMBEDDER must be"},
		{"generative without server", map[string]string{"FOOTNOTE_GENERATIVE": "true"}, "FOOTNOTE_GENERATIVE=true needs"},
		{"bad bool", map[string]string{"FOOTNOTE_GENERATIVE": "maybe"}, "true or false"},
		{"bad unsupported policy", map[string]string{"FOOTNOTE_UNSUPPORTED": "hide"}, "FOOTNOTE_UNSUPPORTED: unsupported-claim policy \"hide\": want mark, drop or keep"},
		{"bad threads switch", map[string]string{"FOOTNOTE_THREADS": "sometimes"}, "FOOTNOTE_THREADS must be on or off"},
		{"bad duration", map[string]string{"OPENAI_TIMEOUT": "soon"}, "OPENAI_TIMEOUT must be a positive duration"},
		{"bad number", map[string]string{"FOOTNOTE_MAX_CONCURRENT": "0"}, "FOOTNOTE_MAX_CONCURRENT must be a whole number"},
		{"bad rate", map[string]string{"FOOTNOTE_RATE_PER_MINUTE": "-1"}, "positive number"},
		{"bad base url", map[string]string{"OPENAI_BASE_URL": "localhost:11434"}, "OPENAI_BASE_URL: must start with http"},
		{"base url without host", map[string]string{"OPENAI_BASE_URL": "http://"}, "OPENAI_BASE_URL: has no host"},
		{"bad discord url", map[string]string{"DISCORD_API_URL": "ftp://user:SECRET@x"}, "DISCORD_API_URL: want an http(s) origin"},
		{"discord url with query", map[string]string{"DISCORD_API_URL": "https://x/?token=SECRET"}, "DISCORD_API_URL: must not have a query"},
		{"base url with credentials", map[string]string{"OPENAI_BASE_URL": "ftp://user:SECRET@x/v1"}, "OPENAI_BASE_URL: must start with http"},
		{"shard past count", map[string]string{"DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, "DISCORD_SHARD_ID must be below"},
		{"shard without count", map[string]string{"DISCORD_SHARD_ID": "1"}, "DISCORD_SHARD_ID must be below"},
		{"bad log level", map[string]string{"FOOTNOTE_LOG_LEVEL": "loud"}, "FOOTNOTE_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(mapLookup(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error repeats a credential: %v", err)
			}
		})
	}
}

func TestDotenvFileAndEnvironmentPrecedence(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	content := "OPENAI_CHAT_MODEL=from-file\nOPENAI_TIMEOUT=5s\n# comment\nFOOTNOTE_TEST_ONLY_VAR=file\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OPENAI_CHAT_MODEL", "from-env")
	lookup, err := envLookup(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(lookup)
	if err != nil {
		t.Fatal(err)
	}
	if c.OpenAI.ChatModel != "from-env" {
		t.Errorf("chat model %q: the real environment must win over .env", c.OpenAI.ChatModel)
	}
	if c.OpenAI.Timeout != 5*time.Second {
		t.Errorf("timeout %v: the .env value was not read", c.OpenAI.Timeout)
	}
	if _, err := envLookup(filepath.Join(t.TempDir(), "missing.env")); err != nil {
		t.Errorf("a missing .env is fine, got %v", err)
	}
}

func TestDotenvParseErrorHidesContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("OPENAI_API_KEY='sk-SECRET-unterminated\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := envLookup(path)
	if err == nil {
		t.Skip("godotenv accepted the line; nothing to check")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error leaks the file's content: %v", err)
	}
}

func TestUnknownSettings(t *testing.T) {
	got := unknownSettings([]string{"FOOTNOTE_INDX_DIR", "OPENAI_API_KEY", "DISCORD_TOKEN", "HOME", "FOOTNOTE_INDX_DIR", "NO_COLOR", "FOOTNOTE_TEST_POSTGRES", "FOOTNOTE_SCALE"})
	if strings.Join(got, ",") != "DISCORD_TOKEN,FOOTNOTE_INDX_DIR" {
		t.Errorf("unknown = %q, want the two typos once each (test-suite variables are not settings)", got)
	}
	var errb strings.Builder
	a := &app{stderr: &errb, lookup: mapLookup(nil), settingNames: func() []string { return []string{"OPENAI_KEY"} }}
	if _, err := a.config(); err != nil {
		t.Fatal(err)
	}
	if strings.Count(errb.String(), "unknown setting OPENAI_KEY") != 1 {
		t.Errorf("stderr = %q, want one warning", errb.String())
	}
}

// A broken .env names its line and never its content; --help still works.
func TestDotenvBadLineNumberAndHelp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	if err := os.WriteFile(path, []byte("# settings\nOPENAI_CHAT_MODEL=x\nOPENAI_API_KEY='sk-SECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := envLookup(path)
	if err == nil {
		t.Skip("godotenv accepted the line")
	}
	if !strings.Contains(err.Error(), "line 3") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("err = %v, want line 3 named and no content", err)
	}
	var out, errb strings.Builder
	a := &app{stdout: &out, stderr: &errb, lookup: mapLookup(nil), envErr: err}
	if code := a.run(t.Context(), []string{"ask", "--help"}); code != exitOK || !strings.Contains(out.String(), "Usage: footnote ask") {
		t.Errorf("--help with a broken .env: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	if code := a.run(t.Context(), []string{"sources"}); code != exitError || !strings.Contains(errb.String(), "line 3") {
		t.Errorf("a command with a broken .env: exit %d, stderr %q", code, errb.String())
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitOK || !strings.HasPrefix(r.stdout, "footnote ") || !strings.Contains(r.stdout, "\ngo1.") {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	var b strings.Builder
	writeVersion(&b, &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Deps: []*debug.Module{
		{Path: "github.com/bwmarrin/discordgo", Version: "v0.29.0"}, {Path: "example.com/other", Version: "v9"}}}, true)
	if got := b.String(); !strings.HasPrefix(got, "footnote v1.2.3\n") || !strings.Contains(got, "github.com/bwmarrin/discordgo v0.29.0") || strings.Contains(got, "example.com") {
		t.Errorf("version = %q", got)
	}
}

// Help uses one flag style: --flag, never -flag.
func TestHelpFlagStyle(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "--help")
	if !strings.Contains(r.stdout, "  --corpus DIR\n") || strings.Contains(r.stdout, "\n  -corpus") {
		t.Errorf("help:\n%s", r.stdout)
	}
}
