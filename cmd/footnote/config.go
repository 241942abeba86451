package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"footnote/answer/generative"
	"footnote/bot"
	"footnote/discord"
	"footnote/feeds"
	"footnote/llm"
	"footnote/neardup"

	"github.com/joho/godotenv"
)

// Embedder choices for FOOTNOTE_EMBEDDER.
const (
	embedderLocal  = "local"
	embedderOpenAI = "openai"
)

// Config is every setting footnote reads, parsed and validated once here and
// passed down; no other package reads the environment.
type Config struct {
	// CorpusDir is a directory of .txt/.md articles; "" uses the embedded default corpus.
	CorpusDir string
	// IndexDir holds the persisted index; "" disables persistence.
	IndexDir string
	// Embedder is "local" or "openai".
	Embedder string
	// Generative is true when answers are written by the chat model.
	Generative bool
	// Unsupported is what happens to an LLM claim no passage supports
	// (FOOTNOTE_UNSUPPORTED: mark, drop or keep).
	Unsupported generative.Unsupported

	// OpenAI configures the OpenAI-compatible server (LLM path).
	OpenAI OpenAIConfig
	// Discord configures "footnote serve".
	Discord DiscordConfig
	// Bot holds the conversation core's protections, already in the form
	// bot.New takes (the wiring only adds the answerer and the sources).
	Bot bot.Options

	// Store configures the shared PostgreSQL store; Store.URL "" keeps the
	// embedded index.
	Store StoreConfig
	// News configures the live corpus, wire-copy collapsing and feeds.
	News NewsConfig

	// LogLevel is debug, info, warn or error.
	LogLevel string
	// NoColor is set by NO_COLOR (any value, https://no-color.org): no
	// ANSI styles even on a terminal.
	NoColor bool
}

// NewsConfig configures the live corpus, wire copies and feeds.
type NewsConfig struct {
	// Watch (FOOTNOTE_WATCH, on|off, default on) makes serve and chat
	// re-index a corpus directory when its files change.
	Watch bool
	// Debounce (FOOTNOTE_WATCH_DEBOUNCE) is the quiet time after a change
	// before re-indexing.
	Debounce time.Duration
	// DedupeThreshold (FOOTNOTE_DEDUPE_THRESHOLD, 0 < t <= 1, or off) is
	// the estimated shingle similarity at which paragraphs of two articles
	// count as wire copies; off (stored as 2) keeps every copy.
	DedupeThreshold float64
	// Feeds (FOOTNOTE_FEEDS, URLs separated by commas or spaces) are the
	// RSS/Atom feeds serve polls into the corpus directory.
	Feeds []string
	// FeedInterval (FOOTNOTE_FEED_INTERVAL) is how often serve polls them.
	FeedInterval time.Duration
}

// StoreConfig configures the PostgreSQL + pgvector store (package pgstore).
type StoreConfig struct {
	URL              string        // FOOTNOTE_STORE (or --store), postgres://…; never logged
	Schema           string        // FOOTNOTE_STORE_SCHEMA
	MaxConns         int           // FOOTNOTE_STORE_MAX_CONNS, the pool size per process
	StatementTimeout time.Duration // FOOTNOTE_STORE_STATEMENT_TIMEOUT
	HistoryTTL       time.Duration // FOOTNOTE_HISTORY_TTL, how long conversation turns are kept
}

// OpenAIConfig configures the OpenAI-compatible server.
type OpenAIConfig struct {
	APIKey         string        // OPENAI_API_KEY; never logged
	BaseURL        string        // OPENAI_BASE_URL; "" means OpenAI
	ChatModel      string        // OPENAI_CHAT_MODEL
	EmbeddingModel string        // OPENAI_EMBEDDING_MODEL
	Dimensions     int           // OPENAI_EMBEDDING_DIMENSIONS; 0 means the model's default
	Timeout        time.Duration // OPENAI_TIMEOUT, per request attempt
	MaxRetries     int           // OPENAI_MAX_RETRIES, as llm.Config: negative means none (the setting 0)
	MaxTokens      int           // OPENAI_MAX_TOKENS, sent as max_tokens
	MaxReplyBytes  int           // OPENAI_MAX_REPLY_BYTES, longest reply text read
}

// Configured reports whether a key or base URL was given, which switches the
// defaults to the LLM path.
func (o OpenAIConfig) Configured() bool { return o.APIKey != "" || o.BaseURL != "" }

// DiscordConfig configures the Discord bot.
type DiscordConfig struct {
	Token     string // DISCORD_BOT_TOKEN; never logged
	GuildID   string // DISCORD_GUILD_ID; "" registers commands globally
	APIURL    string // DISCORD_API_URL, the REST origin
	PublicKey string // DISCORD_PUBLIC_KEY (hex), for --http mode
	AppID     string // DISCORD_APP_ID; looked up when empty
	// ShardID and ShardCount (DISCORD_SHARD_ID, DISCORD_SHARD_COUNT) run
	// this process as one gateway shard; count 0 means unsharded.
	ShardID, ShardCount int
	// NoThreads (FOOTNOTE_THREADS=off) answers mentions with a reply
	// instead of a new thread.
	NoThreads bool
	// ComponentSecret (FOOTNOTE_COMPONENT_SECRET) signs button custom IDs;
	// "" derives one from the token. Never logged.
	ComponentSecret string
}

// lookupFunc reads one setting; the bool reports whether it was set.
type lookupFunc func(key string) (string, bool)

// envLookup returns a lookup over the process environment and, beneath it,
// the .env file at dotenvPath (if it exists). The real environment wins.
func envLookup(dotenvPath string) (lookupFunc, error) {
	file := map[string]string{}
	if dotenvPath != "" {
		m, err := godotenv.Read(dotenvPath)
		switch {
		case err == nil:
			file = m
		case errors.Is(err, fs.ErrNotExist):
		default:
			// godotenv's parse errors can quote the offending line, which may
			// hold a secret: report only the path and the line number.
			return nil, fmt.Errorf("read %s: %s is not valid dotenv syntax (KEY=value)", dotenvPath, badDotenvLine(dotenvPath))
		}
	}
	return func(key string) (string, bool) {
		if v, ok := os.LookupEnv(key); ok {
			return v, true
		}
		v, ok := file[key]
		return v, ok
	}, nil
}

// badDotenvLine names the first line of the dotenv file at path that makes
// it fail to parse ("line 7"), by parsing ever longer prefixes; "a line"
// when it cannot tell.
func badDotenvLine(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "a line"
	}
	lines := strings.SplitAfter(string(data), "\n")
	for n := 1; n <= len(lines); n++ {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:n], "")); err != nil {
			return fmt.Sprintf("line %d", n)
		}
	}
	return "a line"
}

// settingNames lists the variables set in the process environment and in
// the dotenv file at path.
func settingNames(path string) []string {
	var names []string
	for _, kv := range os.Environ() {
		if k, _, ok := strings.Cut(kv, "="); ok {
			names = append(names, k)
		}
	}
	if m, err := godotenv.Read(path); err == nil {
		for k := range m {
			names = append(names, k)
		}
	}
	return names
}

// settingPrefixes are the environment prefixes footnote owns; a variable
// with one of them that no setting reads is probably a typo.
var settingPrefixes = []string{"FOOTNOTE_", "OPENAI_", "DISCORD_"}

// unknownSettings returns the names among names that carry one of
// settingPrefixes but that no setting reads, sorted.
// testSettingPrefix starts the variables the test suite reads
// (FOOTNOTE_TEST_POSTGRES, …), which .ci/run exports.
const testSettingPrefix = "FOOTNOTE_TEST_"

func unknownSettings(names []string) []string {
	known := map[string]bool{}
	record := func(key string) (string, bool) { known[key] = true; return "", false }
	_, _ = loadConfig(record) // every setting loadConfig reads with nothing set
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, testSettingPrefix) || n == "FOOTNOTE_SCALE" {
			continue // read by the test suite, not by footnote
		}
		for _, p := range settingPrefixes {
			if strings.HasPrefix(n, p) && !known[n] && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// loadConfig parses every setting through lookup and validates them.
func loadConfig(lookup lookupFunc) (Config, error) {
	p := parser{lookup: lookup}
	c := Config{
		CorpusDir: p.path("FOOTNOTE_CORPUS_DIR", ""),
		IndexDir:  p.path("FOOTNOTE_INDEX_DIR", defaultIndexDir()),
		LogLevel:  strings.ToLower(p.str("FOOTNOTE_LOG_LEVEL", "info")),
		NoColor:   p.str("NO_COLOR", "") != "",
		OpenAI: OpenAIConfig{
			APIKey:         p.str("OPENAI_API_KEY", ""),
			BaseURL:        p.str("OPENAI_BASE_URL", ""),
			ChatModel:      p.str("OPENAI_CHAT_MODEL", "gpt-4o-mini"),
			EmbeddingModel: p.str("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small"),
			Dimensions:     p.integer("OPENAI_EMBEDDING_DIMENSIONS", 0, 0, 1<<16),
			Timeout:        p.duration("OPENAI_TIMEOUT", 60*time.Second),
			MaxRetries:     noneIfZero(p.integer("OPENAI_MAX_RETRIES", 3, 0, 10)),
			MaxTokens:      p.integer("OPENAI_MAX_TOKENS", 1024, 16, 1<<20),
			MaxReplyBytes:  p.integer("OPENAI_MAX_REPLY_BYTES", 64<<10, 1<<10, 64<<20),
		},
		Discord: DiscordConfig{
			Token:      p.str("DISCORD_BOT_TOKEN", ""),
			GuildID:    p.str("DISCORD_GUILD_ID", ""),
			APIURL:     p.str("DISCORD_API_URL", "https://discord.com"),
			PublicKey:  p.str("DISCORD_PUBLIC_KEY", ""),
			AppID:      p.str("DISCORD_APP_ID", ""),
			ShardID:    p.integer("DISCORD_SHARD_ID", 0, 0, 1<<16),
			ShardCount: p.integer("DISCORD_SHARD_COUNT", 0, 0, 1<<16),
			NoThreads:  !p.onOff("FOOTNOTE_THREADS", true),

			ComponentSecret: p.str("FOOTNOTE_COMPONENT_SECRET", ""),
		},
		Store: StoreConfig{
			URL:              p.str("FOOTNOTE_STORE", ""),
			Schema:           p.str("FOOTNOTE_STORE_SCHEMA", "footnote"),
			MaxConns:         p.integer("FOOTNOTE_STORE_MAX_CONNS", 8, 1, 1000),
			StatementTimeout: p.duration("FOOTNOTE_STORE_STATEMENT_TIMEOUT", 30*time.Second),
			HistoryTTL:       p.duration("FOOTNOTE_HISTORY_TTL", 24*time.Hour),
		},
		News: NewsConfig{
			Watch:           p.onOff("FOOTNOTE_WATCH", true),
			Debounce:        p.duration("FOOTNOTE_WATCH_DEBOUNCE", 300*time.Millisecond),
			DedupeThreshold: p.threshold("FOOTNOTE_DEDUPE_THRESHOLD", neardup.DefaultThreshold),
			Feeds:           strings.FieldsFunc(p.str("FOOTNOTE_FEEDS", ""), func(r rune) bool { return r == ',' || r == ' ' }),
			FeedInterval:    p.duration("FOOTNOTE_FEED_INTERVAL", 15*time.Minute),
		},
		Bot: bot.Options{
			MaxQuestionRunes: p.integer("FOOTNOTE_MAX_QUESTION_RUNES", 500, 10, 4000),
			Timeout:          p.duration("FOOTNOTE_QUESTION_TIMEOUT", 90*time.Second),
			MaxConcurrent:    p.integer("FOOTNOTE_MAX_CONCURRENT", 8, 1, 1024),
			RatePerMinute:    p.float("FOOTNOTE_RATE_PER_MINUTE", 6),
			Burst:            p.integer("FOOTNOTE_RATE_BURST", 3, 1, 1000),
			HistoryTurns:     noneIfZero(p.integer("FOOTNOTE_HISTORY_TURNS", 3, 0, 20)),
		},
	}
	defEmbedder := embedderLocal
	if c.OpenAI.Configured() {
		defEmbedder = embedderOpenAI
	}
	c.Embedder = strings.ToLower(p.str("FOOTNOTE_EMBEDDER", defEmbedder))
	c.Generative = p.boolean("FOOTNOTE_GENERATIVE", c.OpenAI.Configured())
	unsupported, err := generative.ParseUnsupported(p.str("FOOTNOTE_UNSUPPORTED", "mark"))
	if err != nil {
		return Config{}, fmt.Errorf("FOOTNOTE_UNSUPPORTED: %w", err)
	}
	c.Unsupported = unsupported
	if err := p.err(); err != nil {
		return Config{}, err
	}
	return c, c.validate()
}

func (c Config) validate() error {
	switch c.Embedder {
	case embedderLocal:
	case embedderOpenAI:
		if !c.OpenAI.Configured() {
			return errors.New("FOOTNOTE_EMBEDDER=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
		}
	default:
		return fmt.Errorf("FOOTNOTE_EMBEDDER must be %q or %q, not %q", embedderLocal, embedderOpenAI, c.Embedder)
	}
	if c.Generative && !c.OpenAI.Configured() {
		return errors.New("FOOTNOTE_GENERATIVE=true needs OPENAI_API_KEY or OPENAI_BASE_URL")
	}
	if c.OpenAI.BaseURL != "" {
		if err := llm.CheckBaseURL(c.OpenAI.BaseURL); err != nil {
			return fmt.Errorf("OPENAI_BASE_URL: %w", err)
		}
	}
	for _, f := range c.News.Feeds {
		if err := feeds.CheckURL(f); err != nil {
			return fmt.Errorf("FOOTNOTE_FEEDS: a feed URL %w", err)
		}
	}
	if err := discord.CheckAPIURL(c.Discord.APIURL); err != nil {
		return fmt.Errorf("DISCORD_API_URL: %w", err)
	}
	if discord.CheckShard(c.Discord.ShardID, c.Discord.ShardCount) != nil {
		return fmt.Errorf("DISCORD_SHARD_ID must be below DISCORD_SHARD_COUNT (got %d of %d)", c.Discord.ShardID, c.Discord.ShardCount)
	}
	if err := c.Store.validate(); err != nil {
		return err
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("FOOTNOTE_LOG_LEVEL must be debug, info, warn or error, not %q", c.LogLevel)
	}
	return nil
}

// defaultIndexDir is footnote's folder in the user's cache dir, or "" (no
// persistence) when the system has none.
func defaultIndexDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "footnote")
}

// noneIfZero maps a setting's 0 ("none": no retries, no history) to the
// negative value the options structs read as "none", where 0 means
// "default". It is the one place that meaning is translated.
func noneIfZero(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// parser reads typed settings and remembers the first bad one, so
// loadConfig reads as a flat list.
type parser struct {
	lookup lookupFunc
	errs   []error
}

func (p *parser) err() error { return errors.Join(p.errs...) }

func (p *parser) str(key, def string) string {
	if v, ok := p.lookup(key); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	return def
}

// path reads a file or directory setting, expanding a leading "~" or "~/"
// to the home directory (a .env file gets no shell to do it). "~user" is
// rejected: footnote does not look up other users' homes.
func (p *parser) path(key, def string) string {
	s := p.str(key, "")
	if s == "" {
		return def
	}
	expanded, err := expandHome(s)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %w", key, err))
		return def
	}
	return expanded
}

// expandHome expands a leading "~" of path.
func expandHome(path string) (string, error) {
	if !strings.HasPrefix(path, "~") {
		return path, nil
	}
	rest := path[1:]
	if rest != "" && rest[0] != '/' && rest[0] != filepath.Separator {
		return "", fmt.Errorf("%q: only ~ and ~/… are expanded; write the full path", path)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("%q: cannot expand ~: %w", path, err)
	}
	return filepath.Join(home, rest), nil
}

func (p *parser) integer(key string, def, min, max int) int {
	s := p.str(key, "")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		p.errs = append(p.errs, fmt.Errorf("%s must be a whole number from %d to %d, got %q", key, min, max, s))
		return def
	}
	return n
}

func (p *parser) float(key string, def float64) float64 {
	s := p.str(key, "")
	if s == "" {
		return def
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		p.errs = append(p.errs, fmt.Errorf("%s must be a positive number, got %q", key, s))
		return def
	}
	return f
}

func (p *parser) duration(key string, def time.Duration) time.Duration {
	s := p.str(key, "")
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		p.errs = append(p.errs, fmt.Errorf("%s must be a positive duration such as 30s or 2m, got %q", key, s))
		return def
	}
	return d
}

// onOff reads an on/off switch (also true/false, yes/no, 1/0).
// threshold reads a similarity threshold in (0, 1], or "off" (returned
// as 2, which no similarity reaches).
func (p *parser) threshold(key string, def float64) float64 {
	s := strings.ToLower(p.str(key, ""))
	switch s {
	case "":
		return def
	case "off":
		return 2
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || f > 1 {
		p.errs = append(p.errs, fmt.Errorf("%s must be a number above 0 and at most 1, or off, got %q", key, s))
		return def
	}
	return f
}

func (p *parser) onOff(key string, def bool) bool {
	switch s := strings.ToLower(p.str(key, "")); s {
	case "":
		return def
	case "on", "true", "yes", "1":
		return true
	case "off", "false", "no", "0":
		return false
	default:
		p.errs = append(p.errs, fmt.Errorf("%s must be on or off, got %q", key, s))
		return def
	}
}

func (p *parser) boolean(key string, def bool) bool {
	s := p.str(key, "")
	if s == "" {
		return def
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s must be true or false, got %q", key, s))
		return def
	}
	return b
}

// validate checks the store URL's scheme; the error never repeats the URL
// (it may hold a password).
func (s StoreConfig) validate() error {
	if s.URL == "" {
		return nil
	}
	if !strings.HasPrefix(s.URL, "postgres://") && !strings.HasPrefix(s.URL, "postgresql://") {
		return errors.New("FOOTNOTE_STORE must be a postgres:// URL (or empty for the embedded index)")
	}
	return nil
}
