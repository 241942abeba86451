// Package fakediscord is a fake Discord for tests: an httptest server on
// 127.0.0.1 that speaks enough of the REST API (under /api/v10, and /api/v9)
// and of the gateway websocket for a real discordgo Session to log in,
// register commands, receive events and answer them.
//
// Every REST request is recorded (method, path, headers, raw and decoded JSON
// body) so tests can assert on what the bot sent, including the exact
// allowed_mentions JSON. Faults are scriptable: the next request to a route
// can be answered with a 429, a gateway IDENTIFY can be closed with 4004.
// Helpers push gateway dispatches (INTERACTION_CREATE, MESSAGE_CREATE) and
// wait, with a context deadline rather than sleeps, for the requests a bot
// makes in reply.
//
// The fake keeps enough message state to model the Discord behaviours bots
// get wrong: an interaction is acknowledged once; the original response can
// be edited only after the callback; the first follow-up after a deferred
// response edits the "thinking…" message and keeps its visibility (so an
// ephemeral flag on it is ignored, as on the real Discord).
package fakediscord

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Server. Zero values get usable defaults.
type Options struct {
	// Token is the bot token the fake accepts, without the "Bot " prefix.
	Token string
	// AppID is the application ID sent in READY and in interactions.
	AppID string
	// BotID and BotName describe the bot user returned by /users/@me and
	// sent in READY.
	BotID   string
	BotName string // default "footnote"
	// HeartbeatInterval is sent in HELLO. Defaults to Discord's 41.25 s.
	HeartbeatInterval time.Duration
	// NoThreadPermission makes starting a thread fail with 403 Missing
	// Permissions, as for a bot without Create Public Threads.
	NoThreadPermission bool
}

// Server is a running fake Discord. Create it with [Start]; stop it with
// [Server.Close].
type Server struct {
	opts Options
	http *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever state changes
	requests []Request
	faults   []fault
	nextID   int64
	store    messageStore
	gateway  gatewayState
}

// Start starts a fake Discord on 127.0.0.1. Call Close when done.
func Start(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "test-token"
	}
	if opts.AppID == "" {
		opts.AppID = "100000000000000001"
	}
	if opts.BotID == "" {
		opts.BotID = "100000000000000002"
	}
	if opts.BotName == "" {
		opts.BotName = "footnote"
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	s := &Server{
		opts:    opts,
		changed: make(chan struct{}),
		nextID:  200000000000000000,
		store:   newMessageStore(),
		gateway: newGatewayState(),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway-ws", s.serveGateway)
	mux.HandleFunc("/gateway-ws/", s.serveGateway)
	mux.HandleFunc("/api/", s.serveAPI)
	s.http = httptest.NewServer(mux)
	return s
}

// URL is the fake's origin ("http://127.0.0.1:port"), what a bot is given as
// its Discord API URL.
func (s *Server) URL() string { return s.http.URL }

// Token returns the bot token the fake accepts.
func (s *Server) Token() string { return s.opts.Token }

// AppID returns the application ID.
func (s *Server) AppID() string { return s.opts.AppID }

// BotID returns the bot user's ID.
func (s *Server) BotID() string { return s.opts.BotID }

// Close closes gateway connections and stops the server.
func (s *Server) Close() {
	s.closeGateways(1001)
	s.http.CloseClientConnections()
	s.http.Close()
}

// newID returns a fresh snowflake-like ID.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// gatewayURL is the websocket URL /gateway hands out.
func (s *Server) gatewayURL() string {
	return "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway-ws"
}
