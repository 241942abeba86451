// Package llm is footnote's client for OpenAI-compatible APIs (OpenAI,
// Ollama, vLLM…), built on go-openai. It adds what go-openai leaves out: a
// timeout on every attempt, retries with backoff that honour Retry-After,
// detection of truncated streams, errors callers can branch on, and the
// guarantee that the API key never appears in an error.
package llm

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Defaults applied by [New] to zero Config fields.
const (
	DefaultChatModel      = "gpt-4o-mini"
	DefaultEmbeddingModel = "text-embedding-3-small"
	DefaultTimeout        = 60 * time.Second
	DefaultMaxRetries     = 3
	DefaultEmbedBatch     = 64
	DefaultBackoffBase    = 500 * time.Millisecond
	DefaultMaxBackoff     = 8 * time.Second
	DefaultMaxRetryWait   = 20 * time.Second
	// DefaultMaxTokens is sent as max_tokens: an answer from a few news
	// passages needs a few hundred tokens, so 1024 leaves room without
	// letting a runaway model write for minutes.
	DefaultMaxTokens = 1024
	// DefaultMaxReplyBytes caps a reply's text, for servers that ignore
	// max_tokens: about ten times what DefaultMaxTokens can produce.
	DefaultMaxReplyBytes = 64 << 10

	// NoRetries, as Config.MaxRetries, turns retries off (0 means the
	// default, as for every other field).
	NoRetries = -1

	// maxEmbedBatch is OpenAI's limit on inputs per embeddings request.
	maxEmbedBatch = 2048
)

// Config configures a [Client]. Zero fields take the defaults above.
type Config struct {
	// APIKey is sent as a bearer token. It may be empty for a local server
	// (Ollama) but not for the default OpenAI endpoint.
	APIKey string
	// BaseURL is the API root, ending in /v1; "" means OpenAI.
	BaseURL string
	// ChatModel and EmbeddingModel name the models used for answers and
	// for embeddings.
	ChatModel      string
	EmbeddingModel string
	// Dimensions, when > 0, asks the embedding model for vectors of that
	// size (text-embedding-3 models support it).
	Dimensions int
	// Timeout bounds each attempt, including reading a whole stream.
	// go-openai's default HTTP client has no timeout at all.
	Timeout time.Duration
	// MaxRetries is how many times a failed request is retried: 0 means
	// DefaultMaxRetries; NoRetries (any negative value) means never.
	MaxRetries int
	// EmbedBatch is the number of texts per embeddings request (max 2048).
	EmbedBatch int
	// BackoffBase is the first retry's wait; it doubles per retry (with
	// jitter) up to MaxBackoff. Tests set it tiny.
	BackoffBase time.Duration
	MaxBackoff  time.Duration
	// MaxRetryWait is the longest Retry-After the client will sleep for; a
	// server asking for longer gets the rate-limit error back at once rather
	// than a user left waiting.
	MaxRetryWait time.Duration
	// MaxTokens is sent with every chat request as max_tokens, the most
	// tokens the model may write; 0 means DefaultMaxTokens.
	MaxTokens int
	// MaxReplyBytes caps a reply's text; 0 means DefaultMaxReplyBytes. A
	// stream is no longer read past it and a whole reply's body is cut at
	// a small multiple of it; either way the reply is ErrIncomplete.
	MaxReplyBytes int
	// HTTPClient is used for requests when set (tests, proxies). Its
	// transport is wrapped, not replaced; do not give it a Timeout, which
	// would cut long streams (Timeout above applies per attempt instead).
	HTTPClient *http.Client
	// OnRetry, when set, is called before each retry wait, so the caller can
	// log it. The error in the event never contains the API key.
	OnRetry func(RetryEvent)
	// BreakerFailures is how many calls in a row may fail (after their
	// retries) because the server is down or too slow before the circuit
	// breaker stops calling it for BreakerCooldown (0:
	// DefaultBreakerFailures; negative: no breaker).
	BreakerFailures int
	BreakerCooldown time.Duration
	// OnBreakerOpen, when set, is called each time the breaker opens.
	OnBreakerOpen func(BreakerEvent)
}

// RetryEvent describes a failed attempt that is about to be retried.
type RetryEvent struct {
	Op      string        // "chat" or "embed"
	Attempt int           // 1-based number of the attempt that failed
	Wait    time.Duration // how long the client waits before the next attempt
	Err     error         // why the attempt failed (an *Error)
}

// withDefaults returns cfg with zero fields defaulted and the key trimmed.
func (cfg Config) withDefaults() Config {
	cfg.APIKey = strings.TrimSpace(cfg.APIKey)
	cfg.BaseURL = strings.TrimSpace(cfg.BaseURL)
	setDefault(&cfg.ChatModel, DefaultChatModel)
	setDefault(&cfg.EmbeddingModel, DefaultEmbeddingModel)
	setDefault(&cfg.Timeout, DefaultTimeout)
	setDefault(&cfg.EmbedBatch, DefaultEmbedBatch)
	setDefault(&cfg.BackoffBase, DefaultBackoffBase)
	setDefault(&cfg.MaxBackoff, DefaultMaxBackoff)
	setDefault(&cfg.MaxRetryWait, DefaultMaxRetryWait)
	setDefault(&cfg.BreakerFailures, DefaultBreakerFailures)
	setDefault(&cfg.BreakerCooldown, DefaultBreakerCooldown)
	setDefault(&cfg.MaxTokens, DefaultMaxTokens)
	setDefault(&cfg.MaxReplyBytes, DefaultMaxReplyBytes)
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	return cfg
}

// setDefault sets *v to def when it is the zero value.
func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// validate reports the first problem with a defaulted config. Messages
// never include the key itself.
func (cfg Config) validate() error {
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return fmt.Errorf("%w: no API key for the OpenAI API: set OPENAI_API_KEY (or a base URL for a local server)", ErrUnauthorized)
	}
	if strings.IndexFunc(cfg.APIKey, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return fmt.Errorf("%w: the API key contains spaces or control characters: check OPENAI_API_KEY", ErrUnauthorized)
	}
	if cfg.BaseURL != "" {
		if err := CheckBaseURL(cfg.BaseURL); err != nil {
			return fmt.Errorf("base URL: %w", err)
		}
	}
	switch {
	case cfg.Timeout < 0:
		return fmt.Errorf("timeout %v is negative", cfg.Timeout)
	case cfg.Dimensions < 0:
		return fmt.Errorf("embedding dimensions %d is negative", cfg.Dimensions)
	case cfg.EmbedBatch < 0 || cfg.EmbedBatch > maxEmbedBatch:
		return fmt.Errorf("embed batch %d is outside 1..%d", cfg.EmbedBatch, maxEmbedBatch)
	case cfg.MaxTokens < 0 || cfg.MaxReplyBytes < 0:
		return fmt.Errorf("reply limits must not be negative")
	case cfg.BackoffBase < 0 || cfg.MaxBackoff < 0 || cfg.MaxRetryWait < 0:
		return fmt.Errorf("backoff durations must not be negative")
	}
	return nil
}

// CheckBaseURL reports whether raw can be a Config.BaseURL: an http(s) URL
// with a host. The error never repeats the URL, which may carry credentials
// (user:pass@host, ?api-key=…); cmd/footnote's config calls it to name the
// setting, and [New] calls it again for other callers.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil:
		return errors.New("not a valid URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("must start with http:// or https://")
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}
