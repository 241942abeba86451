package llm_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/internal/fakeopenai"
	"footnote/llm"
)

const reply = "Defence Minister Rustem Umerov led it [2]."

// call is one way of reaching the API: streamed chat, plain chat, embeddings.
type call struct {
	name     string
	endpoint string
	run      func(ctx context.Context, c *llm.Client) error
	requests func(s *fakeopenai.Server) int64
}

var (
	streamed = call{"stream", fakeopenai.Chat, func(ctx context.Context, c *llm.Client) error {
		var got strings.Builder
		text, err := c.Complete(ctx, userMsg("who?"), func(d string) { got.WriteString(d) })
		return checkReply(text, got.String(), err)
	}, (*fakeopenai.Server).ChatRequests}
	plain = call{"plain", fakeopenai.Chat, func(ctx context.Context, c *llm.Client) error {
		text, err := c.Complete(ctx, userMsg("who?"), nil)
		return checkReply(text, text, err)
	}, (*fakeopenai.Server).ChatRequests}
	embed = call{"embed", fakeopenai.Embeddings, func(ctx context.Context, c *llm.Client) error {
		_, err := c.Embedder().Embed(ctx, []string{"a text", "another text"})
		return err
	}, (*fakeopenai.Server).EmbeddingRequests}
)

// checkReply verifies a successful chat returned the whole reply.
func checkReply(text, streamedText string, err error) error {
	if err != nil {
		return err
	}
	if text != reply || streamedText != reply {
		return errors.New("wrong reply: " + text + " / streamed " + streamedText)
	}
	return nil
}

func TestFaults(t *testing.T) {
	F := fakeopenai.RateLimited // short names keep the table readable
	tests := []struct {
		name     string
		calls    []call
		script   []fakeopenai.Fault
		wantErr  error // nil: the call must succeed
		wantReqs int64
	}{
		{"429 then success", []call{streamed, plain, embed}, []fakeopenai.Fault{F(30 * time.Millisecond)}, nil, 2},
		{"429 every time", []call{streamed, embed}, repeat(F(time.Millisecond), 4), llm.ErrRateLimited, 4},
		{"429 asking for an hour", []call{streamed, embed}, []fakeopenai.Fault{F(time.Hour)}, llm.ErrRateLimited, 1},
		{"insufficient quota", []call{streamed, plain, embed}, []fakeopenai.Fault{fakeopenai.InsufficientQuota()}, llm.ErrQuota, 1},
		{"500 502 503 then success", []call{streamed, plain, embed}, statuses(500, 502, 503), nil, 4},
		{"500 every time", []call{streamed, plain, embed}, statuses(500, 500, 500, 500), llm.ErrUnavailable, 4},
		{"400", []call{streamed, plain, embed}, statuses(400), llm.ErrRejected, 1},
		{"404", []call{streamed, embed}, statuses(404), llm.ErrRejected, 1},
		{"malformed JSON", []call{streamed, plain, embed}, []fakeopenai.Fault{fakeopenai.MalformedJSON()}, llm.ErrBadResponse, 1},
		{"stream cut after text", []call{streamed}, []fakeopenai.Fault{fakeopenai.CutStream(2)}, llm.ErrIncomplete, 1},
		{"stream ends early without [DONE]", []call{streamed}, []fakeopenai.Fault{fakeopenai.EndStreamEarly(3)}, llm.ErrIncomplete, 1},
		{"stream without [DONE]", []call{streamed}, []fakeopenai.Fault{fakeopenai.OmitDone()}, llm.ErrIncomplete, 1},
		{"stream cut before text is retried", []call{streamed}, []fakeopenai.Fault{fakeopenai.CutStream(0)}, nil, 2},
		{"body cut is retried", []call{plain, embed}, []fakeopenai.Fault{fakeopenai.CutStream(0)}, nil, 2},
		{"finish_reason length", []call{streamed, plain}, []fakeopenai.Fault{fakeopenai.FinishWith("length")}, llm.ErrIncomplete, 1},
		{"finish_reason content_filter", []call{streamed}, []fakeopenai.Fault{fakeopenai.FinishWith("content_filter")}, llm.ErrIncomplete, 1},
	}
	for _, tt := range tests {
		for _, c := range tt.calls {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				s := newServer(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string { return reply }))
				s.Script(c.endpoint, tt.script...)
				var retries []llm.RetryEvent
				var mu sync.Mutex
				client := newClient(t, s, func(cfg *llm.Config) {
					cfg.OnRetry = func(e llm.RetryEvent) { mu.Lock(); retries = append(retries, e); mu.Unlock() }
				})
				err := c.run(context.Background(), client)
				assertNoKey(t, err, testKey)
				switch {
				case tt.wantErr == nil && err != nil:
					t.Fatalf("unexpected error: %v", err)
				case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if got := c.requests(s); got != tt.wantReqs {
					t.Errorf("server saw %d requests, want %d", got, tt.wantReqs)
				}
				if int64(len(retries)) != tt.wantReqs-1 {
					t.Errorf("OnRetry called %d times, want %d", len(retries), tt.wantReqs-1)
				}
				for _, r := range retries {
					assertNoKey(t, r.Err, testKey)
				}
			})
		}
	}
}

func TestNoRetries(t *testing.T) {
	s := newServer(t)
	s.Script(fakeopenai.Chat, fakeopenai.Status(503), fakeopenai.Status(503))
	c := newClient(t, s, func(cfg *llm.Config) { cfg.MaxRetries = llm.NoRetries })
	if _, err := c.Complete(context.Background(), userMsg("q"), nil); !errors.Is(err, llm.ErrUnavailable) || s.ChatRequests() != 1 {
		t.Errorf("err = %v after %d requests, want ErrUnavailable after 1", err, s.ChatRequests())
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	s := newServer(t)
	s.Script(fakeopenai.Chat, fakeopenai.RateLimited(40*time.Millisecond))
	var waits []time.Duration
	c := newClient(t, s, func(cfg *llm.Config) {
		cfg.OnRetry = func(e llm.RetryEvent) { waits = append(waits, e.Wait) }
	})
	if _, err := c.Complete(context.Background(), userMsg("q"), nil); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 1 || waits[0] < 40*time.Millisecond {
		t.Errorf("waits = %v, want one wait of at least the 40ms Retry-After", waits)
	}
}

func TestUnauthorizedIsNotRetriedAndHidesKey(t *testing.T) {
	const wrongKey = "sk-wrong-S3CRET-0123456789abcdef"
	s := newServer(t)
	c := newClient(t, s, func(cfg *llm.Config) { cfg.APIKey = wrongKey })
	for _, run := range []call{streamed, plain, embed} {
		err := run.run(context.Background(), c)
		if !errors.Is(err, llm.ErrUnauthorized) {
			t.Fatalf("%s: err = %v, want ErrUnauthorized", run.name, err)
		}
		if !strings.Contains(err.Error(), "OPENAI_API_KEY") {
			t.Errorf("%s: error does not say what to check: %v", run.name, err)
		}
		// The fake echoes the key it got, as a hostile server might.
		assertNoKey(t, err, wrongKey, testKey, wrongKey[:12])
	}
	if s.Unauthorized() != 3 {
		t.Errorf("server refused %d requests, want 3 (no retries)", s.Unauthorized())
	}
}

func TestTimeout(t *testing.T) {
	for _, c := range []call{streamed, plain, embed} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t)
			s.Script(c.endpoint, fakeopenai.Delay(time.Hour))
			client := newClient(t, s, func(cfg *llm.Config) { cfg.Timeout = 50 * time.Millisecond })
			err := c.run(context.Background(), client)
			if !errors.Is(err, llm.ErrTimeout) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
			if c.requests(s) != 1 {
				t.Errorf("%d requests, want 1: a timeout is not retried", c.requests(s))
			}
		})
	}
}

func TestCallerCancelIsNotATimeout(t *testing.T) {
	s := newServer(t)
	s.Script(fakeopenai.Chat, fakeopenai.Delay(time.Hour))
	c := newClient(t, s, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := c.Complete(ctx, userMsg("q"), func(string) {})
	if !errors.Is(err, context.Canceled) || errors.Is(err, llm.ErrTimeout) {
		t.Fatalf("err = %v, want context.Canceled only", err)
	}
}

func TestErrorReason(t *testing.T) {
	s := newServer(t)
	s.Script(fakeopenai.Chat, fakeopenai.InsufficientQuota())
	_, err := newClient(t, s, nil).Complete(context.Background(), userMsg("q"), nil)
	var reasoner interface{ Reason() string }
	if !errors.As(err, &reasoner) || reasoner.Reason() != "quota exceeded" {
		t.Errorf("err %v has no Reason \"quota exceeded\"", err)
	}
}

func repeat(f fakeopenai.Fault, n int) []fakeopenai.Fault {
	out := make([]fakeopenai.Fault, n)
	for i := range out {
		out[i] = f
	}
	return out
}

func statuses(codes ...int) []fakeopenai.Fault {
	var out []fakeopenai.Fault
	for _, c := range codes {
		out = append(out, fakeopenai.Status(c))
	}
	return out
}
