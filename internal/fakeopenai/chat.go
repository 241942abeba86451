package fakeopenai

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Message is one chat message as the fake received it.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string // the message text
}

// ChatRequest is what a [Responder] sees of a chat completion request.
type ChatRequest struct {
	Model    string    // the requested model
	Messages []Message // the conversation, in order
	Stream   bool      // whether a server-sent event stream was asked for
	// MaxTokens is the request's max_tokens (0 when not sent).
	MaxTokens int
}

// Responder writes the reply text for a chat request. It may be called from
// several goroutines at once.
type Responder func(req ChatRequest) string

// DefaultResponder replies with a fixed sentence citing passage [1].
func DefaultResponder(ChatRequest) string { return "This is the fake model's answer [1]." }

// wireMessage decodes a message whose content is a string or a list of parts.
type wireMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type wireChatRequest struct {
	Model     string        `json:"model"`
	Messages  []wireMessage `json:"messages"`
	Stream    bool          `json:"stream"`
	MaxTokens int           `json:"max_tokens"`
}

// handleChat serves POST /v1/chat/completions.
func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	s.chatRequests.Add(1)
	req, err := decodeChat(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", err.Error())
		return
	}
	s.mu.Lock()
	s.lastChat = &req
	responder := s.responder
	s.mu.Unlock()

	f, _ := s.nextFault(Chat)
	if s.applyPre(w, r, f) {
		return
	}
	reply := responder(req)
	if req.Stream {
		s.stream(w, req, reply, f)
		return
	}
	s.complete(w, req, reply, f)
}

// decodeChat parses and validates a chat request body.
func decodeChat(r *http.Request) (ChatRequest, error) {
	var wire wireChatRequest
	if err := json.NewDecoder(r.Body).Decode(&wire); err != nil {
		return ChatRequest{}, fmt.Errorf("we could not parse the JSON body of your request")
	}
	if wire.Model == "" {
		return ChatRequest{}, fmt.Errorf("you must provide a model parameter")
	}
	if len(wire.Messages) == 0 {
		return ChatRequest{}, fmt.Errorf("'messages' must contain at least one message")
	}
	req := ChatRequest{Model: wire.Model, Stream: wire.Stream, MaxTokens: wire.MaxTokens}
	for _, m := range wire.Messages {
		req.Messages = append(req.Messages, Message{Role: m.Role, Content: contentText(m.Content)})
	}
	return req, nil
}

// contentText flattens a message content that is a string or text parts.
func contentText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct {
		Text string `json:"text"`
	}
	_ = json.Unmarshal(raw, &parts)
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// complete writes a non-streamed chat completion.
func (s *Server) complete(w http.ResponseWriter, req ChatRequest, reply string, f Fault) {
	finish := "stop"
	if f.kind == kindFinish {
		finish = f.finishReason
	}
	body, _ := json.Marshal(map[string]any{
		"id":      "chatcmpl-fake",
		"object":  "chat.completion",
		"created": 1700000000,
		"model":   req.Model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]string{"role": "assistant", "content": reply},
			"finish_reason": finish,
		}},
		"usage": map[string]int{"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
	})
	switch f.kind {
	case kindMalformed:
		writeMalformed(w)
	case kindCut:
		abort(w, body)
	case kindEndEarly:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body[:len(body)/2])
	default:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}
}

// stream writes a streamed chat completion as server-sent events.
func (s *Server) stream(w http.ResponseWriter, req ChatRequest, reply string, f Fault) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	send := func(data string) {
		_, _ = fmt.Fprintf(w, "data: %s\n\n", data)
		if flusher != nil {
			flusher.Flush()
		}
	}
	send(chunk(req.Model, map[string]string{"role": "assistant", "content": ""}, ""))
	if f.kind == kindMalformed {
		send(`{"id": "chatcmpl-fake", "choices": [{"delta": {"content": oops`)
		return
	}
	for i, piece := range splitReply(reply) {
		if (f.kind == kindCut || f.kind == kindEndEarly) && i == f.afterChunks {
			break
		}
		send(chunk(req.Model, map[string]string{"content": piece}, ""))
	}
	switch f.kind {
	case kindCut:
		panic(http.ErrAbortHandler) // drop the connection mid-stream
	case kindEndEarly:
		return // clean end of body, but no finish_reason and no [DONE]
	}
	finish := "stop"
	if f.kind == kindFinish {
		finish = f.finishReason
	}
	send(chunk(req.Model, map[string]string{}, finish))
	if f.kind != kindOmitDone {
		send("[DONE]")
	}
}

// chunk renders one chat.completion.chunk event.
func chunk(model string, delta map[string]string, finish string) string {
	var fr any
	if finish != "" {
		fr = finish
	}
	b, _ := json.Marshal(map[string]any{
		"id":      "chatcmpl-fake",
		"object":  "chat.completion.chunk",
		"created": 1700000000,
		"model":   model,
		"choices": []map[string]any{{"index": 0, "delta": delta, "finish_reason": fr}},
	})
	return string(b)
}

// splitReply cuts reply into word-sized pieces that concatenate back to it,
// the way a model streams tokens.
func splitReply(reply string) []string {
	var pieces []string
	start := 0
	for i := 1; i < len(reply); i++ {
		if reply[i] == ' ' {
			pieces = append(pieces, reply[start:i])
			start = i
		}
	}
	if start < len(reply) {
		pieces = append(pieces, reply[start:])
	}
	return pieces
}
