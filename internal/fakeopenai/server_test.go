package fakeopenai_test

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"footnote/internal/fakeopenai"
)

const testKey = "sk-fake-server-test-key"

func client(s *fakeopenai.Server, key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = s.URL()
	return openai.NewClientWithConfig(cfg)
}

func TestEmbeddingsDeterministicAndCounted(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithAPIKey(testKey), fakeopenai.WithDimension("big", 128))
	c := client(s, testKey)
	ctx := context.Background()
	texts := []string{"Umerov led the delegation", "Umerov led the talks", "weather in Paris"}

	resp, err := c.CreateEmbeddings(ctx, openai.EmbeddingRequest{Input: texts, Model: "big"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 3 || len(resp.Data[0].Embedding) != 128 {
		t.Fatalf("got %d vectors of dim %d, want 3 of 128", len(resp.Data), len(resp.Data[0].Embedding))
	}
	byIndex := map[int][]float32{}
	for _, d := range resp.Data {
		byIndex[d.Index] = d.Embedding
	}
	near, far := cosine(byIndex[0], byIndex[1]), cosine(byIndex[0], byIndex[2])
	if near <= far {
		t.Errorf("similar texts cos %.3f should exceed unrelated %.3f", near, far)
	}

	small, err := c.CreateEmbeddings(ctx, openai.EmbeddingRequest{Input: texts[:1], Model: "big", Dimensions: 16})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(small.Data[0].Embedding); got != 16 {
		t.Errorf("dimensions=16 gave dim %d", got)
	}
	if s.EmbeddingRequests() != 2 || s.EmbeddedInputs() != 4 {
		t.Errorf("counted %d requests / %d inputs, want 2 / 4", s.EmbeddingRequests(), s.EmbeddedInputs())
	}
}

func TestChatStreamAndScript(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithResponder(func(req fakeopenai.ChatRequest) string {
		return "You said: " + req.Messages[len(req.Messages)-1].Content
	}))
	c := client(s, "")
	ctx := context.Background()
	req := openai.ChatCompletionRequest{Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "hello there"}}}

	got, finish, err := readStream(ctx, c, req)
	if err != nil || got != "You said: hello there" || finish != "stop" {
		t.Fatalf("stream = %q, %q, %v", got, finish, err)
	}

	s.Script(fakeopenai.Chat, fakeopenai.Pass(), fakeopenai.FinishWith("length"), fakeopenai.CutStream(1))
	if _, finish, _ = readStream(ctx, c, req); finish != "stop" {
		t.Errorf("Pass gave finish %q", finish)
	}
	if _, finish, _ = readStream(ctx, c, req); finish != "length" {
		t.Errorf("FinishWith(length) gave finish %q", finish)
	}
	got, _, err = readStream(ctx, c, req)
	if err == nil || got != "You" {
		t.Errorf("CutStream(1) gave %q, %v; want the first word and an error", got, err)
	}
	if s.ChatRequests() != 4 {
		t.Errorf("ChatRequests = %d, want 4", s.ChatRequests())
	}
}

func TestFaultResponses(t *testing.T) {
	tests := []struct {
		name       string
		fault      fakeopenai.Fault
		status     int
		retryAfter string
		bodyHas    string
	}{
		{"rate limited", fakeopenai.RateLimited(1500 * time.Millisecond), 429, "2", "rate_limit_exceeded"},
		{"quota", fakeopenai.InsufficientQuota(), 429, "", "insufficient_quota"},
		{"server error", fakeopenai.Status(503), 503, "", "server_error"},
		{"bad request", fakeopenai.Status(400), 400, "", "invalid_request_error"},
		{"malformed", fakeopenai.MalformedJSON(), 200, "", "oops"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			s.Script(fakeopenai.Embeddings, tt.fault)
			resp := post(t, s.URL()+"/embeddings", "", `{"model":"m","input":["a"]}`)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || resp.Header.Get("Retry-After") != tt.retryAfter || !strings.Contains(string(body), tt.bodyHas) {
				t.Errorf("got %d Retry-After=%q body %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
			}
		})
	}
}

func TestUnauthorized(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithAPIKey(testKey))
	resp := post(t, s.URL()+"/chat/completions", "sk-wrong", `{"model":"m","messages":[{"role":"user","content":"x"}]}`)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 401 || !strings.Contains(string(body), "invalid_api_key") {
		t.Errorf("got %d %s", resp.StatusCode, body)
	}
	if s.Unauthorized() != 1 || s.ChatRequests() != 0 {
		t.Errorf("Unauthorized=%d ChatRequests=%d, want 1 and 0", s.Unauthorized(), s.ChatRequests())
	}
}

func TestDelayEndsWhenClientLeaves(t *testing.T) {
	s := fakeopenai.New(t)
	s.Script(fakeopenai.Embeddings, fakeopenai.Delay(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := client(s, "").CreateEmbeddings(ctx, openai.EmbeddingRequest{Input: []string{"a"}, Model: "m"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	// The test ending must not hang on the hour-long handler (Cleanup closes it).
}

func readStream(ctx context.Context, c *openai.Client, req openai.ChatCompletionRequest) (string, string, error) {
	st, err := c.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", "", err
	}
	defer st.Close()
	var text strings.Builder
	var finish string
	for {
		r, err := st.Recv()
		if errors.Is(err, io.EOF) {
			return text.String(), finish, nil
		}
		if err != nil {
			return text.String(), finish, err
		}
		for _, ch := range r.Choices {
			text.WriteString(ch.Delta.Content)
			if ch.FinishReason != "" {
				finish = string(ch.FinishReason)
			}
		}
	}
}

func post(t *testing.T, url, key, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}
