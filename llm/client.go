package llm

import (
	"fmt"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Client talks to one OpenAI-compatible API. It is safe for concurrent use.
type Client struct {
	cfg     Config
	api     *openai.Client
	breaker *breaker // nil when disabled
}

// New validates cfg, fills in defaults and returns a Client. It makes no
// request: a wrong key shows up as ErrUnauthorized on the first call.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("llm config: %w", err)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = cfg.BaseURL
	}
	oc.HTTPClient = httpClient(cfg.HTTPClient)
	c := &Client{cfg: cfg, api: openai.NewClientWithConfig(oc)}
	if cfg.BreakerFailures > 0 {
		c.breaker = &breaker{failures: cfg.BreakerFailures, cooldown: cfg.BreakerCooldown, onOpen: cfg.OnBreakerOpen, now: time.Now}
	}
	return c, nil
}

// ChatModel is the chat model the client uses.
func (c *Client) ChatModel() string { return c.cfg.ChatModel }
