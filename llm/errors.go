package llm

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors callers branch on with errors.Is. Every failed call
// returns an *Error wrapping exactly one of them (or the caller's own
// context error when the caller cancelled).
var (
	// ErrUnauthorized: the API key is missing, wrong or revoked.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrQuota: the account is out of credit; retrying does not help.
	ErrQuota = errors.New("quota exceeded")
	// ErrRateLimited: the server kept answering 429 after the retries.
	ErrRateLimited = errors.New("rate limited")
	// ErrTimeout: an attempt took longer than Config.Timeout.
	ErrTimeout = errors.New("timed out")
	// ErrIncomplete: the reply was cut short (a stream without [DONE], a
	// finish_reason other than "stop", a truncated body). Partial text must
	// never be treated as a complete answer.
	ErrIncomplete = errors.New("incomplete reply")
	// ErrBadResponse: the server answered 200 with something that is not a
	// valid reply (malformed JSON, wrong number of vectors).
	ErrBadResponse = errors.New("malformed reply")
	// ErrUnavailable: the server kept failing with 5xx or could not be
	// reached after the retries.
	ErrUnavailable = errors.New("service unavailable")
	// ErrRejected: the server refused the request itself (400, 404: unknown
	// model, bad parameter); retrying does not help.
	ErrRejected = errors.New("request rejected")
)

// Error is a failed LLM call.
type Error struct {
	Op       string // "chat" or "embed"
	Kind     error  // one of the sentinel errors above
	Status   int    // HTTP status of the last attempt, 0 when there was none
	Attempts int    // attempts made
	// Detail is the server's message with the API key removed, or a
	// description of what was wrong with the reply.
	Detail string

	retry bool          // whether another attempt may succeed
	after time.Duration // the server's Retry-After, 0 when not given
}

// Error renders the failure in one line, without the API key.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "llm %s: %v", e.Op, e.Kind)
	var meta []string
	if e.Status != 0 {
		meta = append(meta, fmt.Sprintf("HTTP %d", e.Status))
	}
	if e.Attempts > 1 {
		meta = append(meta, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(meta, ", "))
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns the sentinel, so errors.Is(err, ErrRateLimited) works.
func (e *Error) Unwrap() error { return e.Kind }

// Reason is a short phrase for users ("rate limited", "invalid API key").
// Packages that cannot import llm read it through an interface.
func (e *Error) Reason() string {
	if e.Kind == ErrUnauthorized {
		return "invalid or missing API key"
	}
	return e.Kind.Error()
}

// unauthorizedDetail is the only detail a 401 gets: the server's message
// may quote the key, so it is never passed on.
const unauthorizedDetail = "check OPENAI_API_KEY"

// maxDetail caps the length of a server message kept in an Error.
const maxDetail = 200

// redact removes key from msg, flattens it to one line and caps its length.
func redact(msg, key string) string {
	if key != "" {
		msg = strings.ReplaceAll(msg, key, "[redacted]")
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if r := []rune(msg); len(r) > maxDetail {
		msg = string(r[:maxDetail]) + "…"
	}
	return msg
}

// Misconfigured reports whether the failure is the caller's configuration
// (a wrong key, a model or parameter the server refuses) rather than the
// service's: retrieval falls back to lexical search for the second only.
func (e *Error) Misconfigured() bool {
	return e.Kind == ErrUnauthorized || e.Kind == ErrRejected
}
