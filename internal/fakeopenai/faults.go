package fakeopenai

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type faultKind int

const (
	kindPass faultKind = iota
	kindStatus
	kindRateLimited
	kindQuota
	kindMalformed
	kindCut
	kindEndEarly
	kindFinish
	kindOmitDone
	kindDelay
)

// Fault is one scripted misbehaviour for one request; see [Server.Script].
// Build it with the functions below.
type Fault struct {
	kind         faultKind
	status       int
	retryAfter   time.Duration
	delay        time.Duration
	afterChunks  int
	finishReason string
}

// Pass answers the request normally; it lets a script fail the second
// request rather than the first.
func Pass() Fault { return Fault{kind: kindPass} }

// Status answers with HTTP code and an OpenAI-style error body (use it for
// 400, 404, 500, 502, 503…).
func Status(code int) Fault { return Fault{kind: kindStatus, status: code} }

// RateLimited answers 429 "rate_limit_exceeded" with Retry-After (whole
// seconds, rounded up) and retry-after-ms headers set to after.
func RateLimited(after time.Duration) Fault {
	return Fault{kind: kindRateLimited, retryAfter: after}
}

// InsufficientQuota answers 429 "insufficient_quota", which a client must
// not retry: waiting does not add credit.
func InsufficientQuota() Fault { return Fault{kind: kindQuota} }

// MalformedJSON answers 200 with a body that is not valid JSON (for a
// stream, a data: line that is not valid JSON).
func MalformedJSON() Fault { return Fault{kind: kindMalformed} }

// CutStream aborts the connection after n content chunks of a streamed
// reply, with no finish_reason and no [DONE]. A non-streamed reply is cut
// halfway through its JSON body.
func CutStream(n int) Fault { return Fault{kind: kindCut, afterChunks: n} }

// EndStreamEarly ends a streamed reply cleanly after n content chunks but
// with no finish_reason and no [DONE], as a proxy that drops the tail does.
func EndStreamEarly(n int) Fault { return Fault{kind: kindEndEarly, afterChunks: n} }

// FinishWith sends the whole reply but with finish_reason set to reason
// ("length", "content_filter"), then [DONE].
func FinishWith(reason string) Fault { return Fault{kind: kindFinish, finishReason: reason} }

// OmitDone sends the whole streamed reply, finish_reason "stop" included,
// but not the closing "data: [DONE]".
func OmitDone() Fault { return Fault{kind: kindOmitDone} }

// Delay waits d before answering normally. The wait ends early when the
// client goes away or the test ends, so no handler outlives the test.
func Delay(d time.Duration) Fault { return Fault{kind: kindDelay, delay: d} }

// String names the fault in test output.
func (f Fault) String() string {
	switch f.kind {
	case kindStatus:
		return fmt.Sprintf("status %d", f.status)
	case kindRateLimited:
		return fmt.Sprintf("rate limited (retry after %v)", f.retryAfter)
	case kindQuota:
		return "insufficient quota"
	case kindMalformed:
		return "malformed JSON"
	case kindCut:
		return fmt.Sprintf("cut after %d chunks", f.afterChunks)
	case kindEndEarly:
		return fmt.Sprintf("end early after %d chunks", f.afterChunks)
	case kindFinish:
		return "finish_reason " + f.finishReason
	case kindOmitDone:
		return "no [DONE]"
	case kindDelay:
		return fmt.Sprintf("delay %v", f.delay)
	default:
		return "pass"
	}
}

// applyPre handles the faults that replace the reply entirely or delay it.
// It reports whether the response was written (or the client left).
func (s *Server) applyPre(w http.ResponseWriter, r *http.Request, f Fault) bool {
	switch f.kind {
	case kindStatus:
		writeStatus(w, f.status)
		return true
	case kindRateLimited:
		secs := int(math.Ceil(f.retryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		w.Header().Set("retry-after-ms", strconv.FormatInt(f.retryAfter.Milliseconds(), 10))
		writeError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded",
			"Rate limit reached for requests. Please try again later.")
		return true
	case kindQuota:
		writeError(w, http.StatusTooManyRequests, "insufficient_quota", "insufficient_quota",
			"You exceeded your current quota, please check your plan and billing details.")
		return true
	case kindDelay:
		return !s.wait(r, f.delay)
	}
	return false
}

// wait sleeps d and reports whether the client is still there.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.done:
		return false
	}
}

// writeStatus writes an OpenAI-style error for an HTTP status code.
func writeStatus(w http.ResponseWriter, code int) {
	typ, msg := "server_error", "The server had an error while processing your request."
	switch {
	case code == http.StatusNotFound:
		typ, msg = "invalid_request_error", "The model does not exist or you do not have access to it."
	case code < 500:
		typ, msg = "invalid_request_error", "Invalid request."
	}
	writeError(w, code, typ, "", msg)
}

// writeUnauthorized answers 401 the way OpenAI does, except that it echoes
// the whole key it got: a hostile server lets tests prove clients never
// repeat a key they are sent back.
func writeUnauthorized(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	msg := "You didn't provide an API key."
	if key != "" {
		msg = "Incorrect API key provided: " + key + ". You can find your API key at https://platform.openai.com/account/api-keys."
	}
	writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", msg)
}
