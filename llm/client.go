package llm

import (
	"fmt"

	openai "github.com/sashabaranov/go-openai"
)

// Client talks to one OpenAI-compatible API. It is safe for concurrent use.
type Client struct {
	cfg Config
	api *openai.Client
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
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc)}, nil
}

// ChatModel is the chat model the client uses.
func (c *Client) ChatModel() string { return c.cfg.ChatModel }
