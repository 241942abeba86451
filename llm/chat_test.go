package llm_test

import (
	"context"
	"strings"
	"testing"

	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/prompts"
)

func TestCompleteStreamsAndSendsMessages(t *testing.T) {
	s := newServer(t, fakeopenai.WithResponder(func(req fakeopenai.ChatRequest) string {
		return "Echo: " + req.Messages[len(req.Messages)-1].Content + " [1]."
	}))
	c := newClient(t, s, func(cfg *llm.Config) { cfg.ChatModel = "my-model" })
	tests := []struct {
		name   string
		stream bool
	}{{"streamed", true}, {"plain", false}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var deltas []string
			var onDelta func(string)
			if tt.stream {
				onDelta = func(d string) { deltas = append(deltas, d) }
			}
			text, err := c.Complete(context.Background(), userMsg("who led the talks"), onDelta)
			if err != nil {
				t.Fatal(err)
			}
			if want := "Echo: who led the talks [1]."; text != want {
				t.Errorf("text = %q, want %q", text, want)
			}
			if tt.stream && (len(deltas) < 2 || strings.Join(deltas, "") != text) {
				t.Errorf("deltas %q do not stream the text", deltas)
			}
			last := s.LastChat()
			if last.Stream != tt.stream || last.Model != "my-model" || len(last.Messages) != 2 || last.Messages[0].Role != "system" {
				t.Errorf("server got %+v", last)
			}
		})
	}
}

func TestCompleteRejectsBadMessages(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s, nil)
	tests := map[string][]prompts.Message{
		"none":     nil,
		"bad role": {{Role: "tool", Content: "x"}},
	}
	for name, msgs := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := c.Complete(context.Background(), msgs, nil); err == nil {
				t.Error("accepted")
			}
		})
	}
	if s.ChatRequests() != 0 {
		t.Errorf("sent %d requests for invalid input", s.ChatRequests())
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		cfg  llm.Config
		ok   bool
	}{
		{"openai with key", llm.Config{APIKey: testKey}, true},
		{"local server without key", llm.Config{BaseURL: "http://127.0.0.1:11434/v1"}, true},
		{"openai without key", llm.Config{}, false},
		{"key with newline inside", llm.Config{APIKey: "sk-abc\ndef"}, false},
		{"bad base URL", llm.Config{APIKey: testKey, BaseURL: "localhost:11434"}, false},
		{"base URL with credentials", llm.Config{APIKey: testKey, BaseURL: "ftp://user:sk-abc@host/v1"}, false},
		{"base URL without host", llm.Config{APIKey: testKey, BaseURL: "http://?api-key=sk-abc"}, false},
		{"negative timeout", llm.Config{APIKey: testKey, Timeout: -1}, false},
		{"batch too big", llm.Config{APIKey: testKey, EmbedBatch: 5000}, false},
		{"negative dimensions", llm.Config{APIKey: testKey, Dimensions: -3}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := llm.New(tt.cfg)
			if (err == nil) != tt.ok {
				t.Fatalf("New: err = %v, want ok=%v", err, tt.ok)
			}
			assertNoKey(t, err, testKey, "sk-abc")
		})
	}
}
