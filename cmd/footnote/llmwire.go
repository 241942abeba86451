package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"footnote/answer"
	"footnote/answer/generative"
	"footnote/llm"
	"footnote/prompts"
)

// llmWhere names the LLM server and the setting that chose it, for
// messages: "api.openai.com" or "127.0.0.1:11434 (OPENAI_BASE_URL)". Only
// the host is shown: the URL may carry credentials.
func llmWhere(cfg Config) string {
	if cfg.OpenAI.BaseURL == "" {
		return "api.openai.com"
	}
	if u, err := url.Parse(cfg.OpenAI.BaseURL); err == nil && u.Host != "" {
		return u.Host + " (OPENAI_BASE_URL)"
	}
	return "OPENAI_BASE_URL"
}

// errKeyRejected is what a command reports when the server refused the API
// key: a wrong key must not pass for an offline answer with exit 0.
var errKeyRejected = errors.New("the LLM server rejected OPENAI_API_KEY")

// keyWatch is the chat model as the generative engine sees it: it notes a
// rejected key (which the engine would otherwise hide behind an extractive
// fallback) so keyCheck can turn the answer into an error.
type keyWatch struct {
	next     generative.ChatModel
	rejected *atomic.Bool
}

var _ generative.ChatModel = keyWatch{}

// Complete implements generative.ChatModel.
func (k keyWatch) Complete(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (string, error) {
	text, err := k.next.Complete(ctx, msgs, onDelta)
	if errors.Is(err, llm.ErrUnauthorized) {
		k.rejected.Store(true)
	}
	return text, err
}

// keyCheck fails every answer once the key was rejected, naming the
// setting and the server.
type keyCheck struct {
	next     answer.Answerer
	rejected *atomic.Bool
	where    string
}

var _ answer.Answerer = keyCheck{}

// Answer implements answer.Answerer.
func (k keyCheck) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	a, err := k.next.Answer(ctx, req)
	if k.rejected.Load() {
		return answer.Answer{}, fmt.Errorf("%w (%s answered HTTP 401): set the right key, or unset it to answer offline", errKeyRejected, k.where)
	}
	return a, err
}

// breakerNotice says once per run that the LLM server is being skipped.
func breakerNotice(cfg Config, say func(string)) func(llm.BreakerEvent) {
	var once sync.Once
	return func(e llm.BreakerEvent) {
		once.Do(func() {
			say(fmt.Sprintf("the LLM server %s failed %d times in a row; not calling it for %v (answers are extractive meanwhile)",
				llmWhere(cfg), e.Failures, time.Until(e.Until).Round(time.Second)))
		})
	}
}
