package llm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// noRetry marks an attempt error that must not be retried even if its kind
// usually is: a stream that already delivered text to the caller.
type noRetry struct{ err error }

func (n noRetry) Error() string { return n.err.Error() }
func (n noRetry) Unwrap() error { return n.err }

// attemptFailure turns the error of one attempt into an *Error, or returns
// the caller's context error when the caller gave up.
func (c *Client) attemptFailure(op string, caller, attempt context.Context, p *probe, err error) error {
	if caller.Err() != nil {
		return fmt.Errorf("llm %s: %w", op, caller.Err())
	}
	e := c.classify(op, attempt, p, err)
	var nr noRetry
	if errors.As(err, &nr) {
		e.retry = false
	}
	return e
}

// classify maps an attempt error to an *Error with its retry decision.
func (c *Client) classify(op string, attempt context.Context, p *probe, err error) *Error {
	status, header, _ := p.snapshot()
	var e *Error
	if errors.As(err, &e) {
		cp := *e
		return &cp
	}
	if errors.Is(attempt.Err(), context.DeadlineExceeded) {
		return &Error{Op: op, Kind: ErrTimeout, Detail: fmt.Sprintf("no complete reply within %v", c.cfg.Timeout)}
	}
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		e = c.fromAPIError(apiErr)
	} else if reqErr := (*openai.RequestError)(nil); errors.As(err, &reqErr) {
		e = fromStatus(reqErr.HTTPStatusCode, "", http.StatusText(reqErr.HTTPStatusCode))
	} else {
		e = fromTransport(err, c.cfg.APIKey)
	}
	e.Op = op
	if e.Status == 0 {
		e.Status = status
	}
	if e.Kind == ErrRateLimited {
		e.after = retryAfter(header)
	}
	return e
}

// fromAPIError classifies an OpenAI error body. Its message is redacted:
// servers quote the key back ("Incorrect API key provided: sk-…").
func (c *Client) fromAPIError(a *openai.APIError) *Error {
	code := fmt.Sprint(a.Code)
	if a.Code == nil {
		code = ""
	}
	e := fromStatus(a.HTTPStatusCode, code+" "+a.Type, redact(a.Message, c.cfg.APIKey))
	if e.Kind == ErrUnauthorized {
		e.Detail = unauthorizedDetail
	}
	return e
}

// fromStatus classifies by HTTP status and, for 429 and stream error events
// (status 0), by the error's code and type.
func fromStatus(status int, codeType, detail string) *Error {
	e := &Error{Status: status, Detail: detail}
	has := func(s string) bool { return strings.Contains(codeType, s) }
	switch {
	case status == http.StatusUnauthorized || has("invalid_api_key"):
		e.Kind, e.Detail = ErrUnauthorized, unauthorizedDetail
	case has("insufficient_quota"):
		e.Kind = ErrQuota
	case status == http.StatusTooManyRequests || has("rate_limit"):
		e.Kind, e.retry = ErrRateLimited, true
	case status >= 500 || status == http.StatusRequestTimeout || status == http.StatusConflict || has("server_error"):
		e.Kind, e.retry = ErrUnavailable, true
	default:
		e.Kind = ErrRejected
	}
	return e
}

// fromTransport classifies errors that carry no HTTP status: broken
// connections, truncated or malformed bodies, go-openai's own checks.
func fromTransport(err error, key string) *Error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var b64 base64.CorruptInputError
	var netErr net.Error
	switch {
	case errors.As(err, &syntax), errors.As(err, &typ), errors.As(err, &b64):
		return &Error{Kind: ErrBadResponse, Detail: "the reply is not valid JSON"}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{Kind: ErrIncomplete, Detail: "the connection closed before the reply ended", retry: true}
	case errors.As(err, &netErr):
		return &Error{Kind: ErrUnavailable, Detail: "could not reach the server", retry: true}
	case errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		return &Error{Kind: ErrBadResponse, Detail: "the stream sent only empty messages"}
	}
	// go-openai's local checks (unsupported model for the endpoint…) and
	// anything unforeseen: not worth retrying. The text is redacted all the
	// same: it is not ours.
	return &Error{Kind: ErrRejected, Detail: redact(err.Error(), key)}
}
