package llm_test

import (
	"strings"
	"testing"
	"time"

	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/prompts"
)

// testKey is distinctive so a leak into any error string is easy to spot.
const testKey = "sk-test-S3CRET-footnote-9f8e7d6c5b4a"

// newServer starts a fake API that requires testKey.
func newServer(t testing.TB, opts ...fakeopenai.Option) *fakeopenai.Server {
	t.Helper()
	return fakeopenai.New(t, append([]fakeopenai.Option{fakeopenai.WithAPIKey(testKey)}, opts...)...)
}

// newClient returns a client for s with fast backoff; edit adjusts the config.
func newClient(t testing.TB, s *fakeopenai.Server, edit func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{
		APIKey:      testKey,
		BaseURL:     s.URL(),
		BackoffBase: time.Millisecond,
		MaxBackoff:  4 * time.Millisecond,
		Timeout:     5 * time.Second,
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := llm.New(cfg)
	if err != nil {
		t.Fatalf("llm.New: %v", err)
	}
	return c
}

// assertNoKey fails when err's text contains any of keys.
func assertNoKey(t *testing.T, err error, keys ...string) {
	t.Helper()
	if err == nil {
		return
	}
	for _, k := range keys {
		if strings.Contains(err.Error(), k) {
			t.Errorf("error leaks the API key: %v", err)
		}
	}
}

func userMsg(text string) []prompts.Message {
	return []prompts.Message{{Role: "system", Content: "Answer briefly."}, {Role: "user", Content: text}}
}
