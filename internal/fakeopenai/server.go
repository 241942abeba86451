// Package fakeopenai is an OpenAI-compatible HTTP server for tests. It serves
// /v1/embeddings and /v1/chat/completions on 127.0.0.1 with deterministic
// answers, checks the bearer key, counts requests, and can be scripted to
// fail (rate limits, 5xx, malformed JSON, cut streams, slow replies) so the
// real go-openai client can be tested against every failure it will meet.
package fakeopenai

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// Endpoints a fault can be scripted for.
const (
	Embeddings = "/v1/embeddings"
	Chat       = "/v1/chat/completions"
)

// Server is a running fake OpenAI API. Create it with [New]; it shuts down
// when the test ends.
type Server struct {
	srv  *httptest.Server
	done chan struct{} // closed at test end so slow handlers return

	apiKey     string
	defaultDim int
	dims       map[string]int

	mu        sync.Mutex
	responder Responder
	faults    map[string][]Fault
	lastChat  *ChatRequest

	embedRequests atomic.Int64
	embedInputs   atomic.Int64
	chatRequests  atomic.Int64
	unauthorized  atomic.Int64
}

// Option configures a Server.
type Option func(*Server)

// WithAPIKey makes the server require "Authorization: Bearer key". Without
// it any key, or none, is accepted (like a local Ollama).
func WithAPIKey(key string) Option {
	return func(s *Server) { s.apiKey = key }
}

// WithDimension sets the native embedding dimension of one model.
func WithDimension(model string, dim int) Option {
	return func(s *Server) { s.dims[model] = dim }
}

// WithDefaultDimension sets the embedding dimension of models not named by
// [WithDimension] (default 64).
func WithDefaultDimension(dim int) Option {
	return func(s *Server) { s.defaultDim = dim }
}

// WithResponder sets the function that writes chat replies.
func WithResponder(r Responder) Option {
	return func(s *Server) { s.responder = r }
}

// New starts a server on 127.0.0.1 and stops it when t ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := Start(opts...)
	t.Cleanup(s.Close)
	return s
}

// Start starts a server on 127.0.0.1 outside a test (the fakeopenai
// command); Close stops it.
func Start(opts ...Option) *Server {
	s := &Server{
		done:       make(chan struct{}),
		defaultDim: 64,
		dims:       map[string]int{},
		faults:     map[string][]Fault{},
		responder:  DefaultResponder,
	}
	for _, o := range opts {
		o(s)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+Embeddings, s.guard(s.handleEmbeddings))
	mux.HandleFunc("POST "+Chat, s.guard(s.handleChat))
	s.srv = httptest.NewServer(mux)
	return s
}

// Close stops the server.
func (s *Server) Close() {
	// Release handlers blocked in a delay first: Close waits for them.
	close(s.done)
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// URL is the API base URL, ending in /v1, for go-openai's ClientConfig.BaseURL.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// SetResponder replaces the chat responder for the following requests.
func (s *Server) SetResponder(r Responder) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responder = r
}

// Script queues faults for endpoint ([Embeddings] or [Chat]): the next
// requests to it get them in order, one each; later requests behave normally.
// Requests with a wrong key are refused before a fault is taken.
func (s *Server) Script(endpoint string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[endpoint] = append(s.faults[endpoint], faults...)
}

// EmbeddingRequests is the number of authorised /v1/embeddings requests.
func (s *Server) EmbeddingRequests() int64 { return s.embedRequests.Load() }

// EmbeddedInputs is the number of texts received by /v1/embeddings,
// including by requests answered with a fault.
func (s *Server) EmbeddedInputs() int64 { return s.embedInputs.Load() }

// ChatRequests is the number of authorised /v1/chat/completions requests.
func (s *Server) ChatRequests() int64 { return s.chatRequests.Load() }

// Unauthorized is the number of requests refused for a missing or wrong key.
func (s *Server) Unauthorized() int64 { return s.unauthorized.Load() }

// LastChat returns the last chat request received, or nil.
func (s *Server) LastChat() *ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastChat
}

// nextFault pops the next scripted fault for endpoint.
func (s *Server) nextFault(endpoint string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[endpoint]
	if len(q) == 0 {
		return Fault{}, false
	}
	s.faults[endpoint] = q[1:]
	return q[0], true
}

// guard checks the bearer key before h runs.
func (s *Server) guard(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey {
			s.unauthorized.Add(1)
			writeUnauthorized(w, r)
			return
		}
		h(w, r)
	}
}
