package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"footnote/prompts"
)

// Complete sends msgs to the chat model and returns the reply text. When
// onDelta is set the reply is streamed and onDelta receives each piece as
// it arrives, from the calling goroutine.
//
// A reply only counts when the model finished it (finish_reason "stop" and,
// for a stream, the closing [DONE]); anything else is ErrIncomplete, and the
// text already passed to onDelta must then be discarded by the caller. A
// failed stream is retried only while nothing has been passed to onDelta.
func (c *Client) Complete(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (string, error) {
	req, err := c.chatRequest(msgs)
	if err != nil {
		return "", err
	}
	var text string
	err = c.retry(ctx, "chat", func(ctx context.Context, p *probe) error {
		var err error
		if onDelta == nil {
			text, err = c.completeOnce(ctx, p, req)
		} else {
			text, err = c.streamOnce(ctx, p, req, onDelta)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return text, nil
}

// chatRequest checks msgs and builds the request.
func (c *Client) chatRequest(msgs []prompts.Message) (openai.ChatCompletionRequest, error) {
	req := openai.ChatCompletionRequest{Model: c.cfg.ChatModel, MaxTokens: c.cfg.MaxTokens}
	if len(msgs) == 0 {
		return req, fmt.Errorf("llm chat: no messages")
	}
	for i, m := range msgs {
		switch m.Role {
		case openai.ChatMessageRoleSystem, openai.ChatMessageRoleUser, openai.ChatMessageRoleAssistant:
		default:
			return req, fmt.Errorf("llm chat: message %d has role %q, want system, user or assistant", i, m.Role)
		}
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	return req, nil
}

// completeOnce makes one non-streamed attempt.
func (c *Client) completeOnce(ctx context.Context, p *probe, req openai.ChatCompletionRequest) (string, error) {
	p.limitBody(replyBodyLimit(c.cfg.MaxReplyBytes), c.tooLong())
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", &Error{Op: "chat", Kind: ErrBadResponse, Detail: "the reply has no choices"}
	}
	choice := resp.Choices[0]
	if choice.FinishReason != openai.FinishReasonStop {
		return "", unfinished(string(choice.FinishReason), false)
	}
	if len(choice.Message.Content) > c.cfg.MaxReplyBytes {
		return "", c.tooLong()
	}
	return choice.Message.Content, nil
}

// replyBodyLimit is how much of a whole (not streamed) reply's body is
// read for a reply of at most maxReply bytes of text: JSON escaping and
// the envelope take room too.
func replyBodyLimit(maxReply int) int64 {
	return 2*int64(maxReply) + 16<<10
}

// tooLong is the error of a reply longer than Config.MaxReplyBytes. It is
// not retried: the model would only write as much again.
func (c *Client) tooLong() *Error {
	return &Error{Op: "chat", Kind: ErrIncomplete, Detail: fmt.Sprintf("the reply ran past %d bytes", c.cfg.MaxReplyBytes)}
}

// streamOnce makes one streamed attempt, passing text to onDelta.
func (c *Client) streamOnce(ctx context.Context, p *probe, req openai.ChatCompletionRequest, onDelta func(string)) (string, error) {
	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer stream.Close()
	var text strings.Builder
	var finish openai.FinishReason
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			if text.Len() > 0 {
				return "", noRetry{err}
			}
			return "", err
		}
		for _, ch := range resp.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.Delta.Content != "" {
				if text.Len()+len(ch.Delta.Content) > c.cfg.MaxReplyBytes {
					return "", c.tooLong() // stop reading: the rest is never wanted
				}
				text.WriteString(ch.Delta.Content)
				onDelta(ch.Delta.Content)
			}
			if ch.FinishReason != "" {
				finish = ch.FinishReason
			}
		}
	}
	if _, _, done := p.snapshot(); !done || finish != openai.FinishReasonStop {
		return "", unfinished(string(finish), text.Len() == 0 && finish == "")
	}
	return text.String(), nil
}

// unfinished is the ErrIncomplete for a reply that ended with finish
// reason (or none). Only a reply cut before any text may be retried; a
// "length" or "content_filter" ending would just happen again.
func unfinished(reason string, retry bool) *Error {
	detail := "the stream ended before the model finished"
	switch {
	case reason == string(openai.FinishReasonStop):
		detail = "the stream ended without its closing [DONE]"
	case reason != "":
		detail = fmt.Sprintf("the model stopped early (finish_reason %q)", reason)
	}
	return &Error{Op: "chat", Kind: ErrIncomplete, Detail: detail, retry: retry}
}
