package fakediscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway close codes the fake sends.
const (
	CloseAuthenticationFailed = 4004
	CloseInvalidIntents       = 4013
)

// Identify is one IDENTIFY (or RESUME) a client sent on the gateway.
type Identify struct {
	Op       int  // 2 identify, 6 resume
	TokenOK  bool // whether it carried the accepted bot token
	Intents  int  // the gateway intents bits it asked for
	Accepted bool // whether the fake answered with READY (or RESUMED)
	// Shard is the [shard_id, num_shards] pair it sent, nil when none.
	Shard []int
}

// gatewayState is the fake's gateway bookkeeping. Guarded by Server.mu.
type gatewayState struct {
	conns      map[*gwConn]bool // value: identified
	identifies []Identify
	closeNext  []int // close codes for the next IDENTIFYs
	seq        int64
}

func newGatewayState() gatewayState { return gatewayState{conns: map[*gwConn]bool{}} }

// gwConn is one client websocket; writes are serialised.
type gwConn struct {
	ws  *websocket.Conn
	wmu sync.Mutex
}

func (c *gwConn) writeJSON(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

func (c *gwConn) closeWith(code int, text string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	msg := websocket.FormatCloseMessage(code, text)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	_ = c.ws.Close()
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gatewayFrame is a gateway payload as read from the client.
type gatewayFrame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
}

// serveGateway speaks the gateway protocol: HELLO, then IDENTIFY → READY or
// RESUME → RESUMED, heartbeats → ACK, until the client goes away.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	s.gateway.conns[c] = false
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.gateway.conns, c)
		s.notifyLocked()
		s.mu.Unlock()
		_ = ws.Close()
	}()

	hello := map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}}
	if c.writeJSON(hello) != nil {
		return
	}
	for {
		var f gatewayFrame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		if !s.handleFrame(c, f) {
			return
		}
	}
}

// handleFrame answers one client frame; false ends the connection.
func (s *Server) handleFrame(c *gwConn, f gatewayFrame) bool {
	switch f.Op {
	case 1: // heartbeat
		return c.writeJSON(map[string]any{"op": 11}) == nil
	case 2, 6: // identify, resume
		return s.login(c, f)
	}
	return true
}

// login handles IDENTIFY and RESUME: check the token (and any scripted
// close), then send READY or RESUMED.
func (s *Server) login(c *gwConn, f gatewayFrame) bool {
	var d struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   []int  `json:"shard"`
	}
	_ = json.Unmarshal(f.Data, &d)
	tokenOK := strings.TrimPrefix(d.Token, "Bot ") == s.opts.Token

	s.mu.Lock()
	code := 0
	if len(s.gateway.closeNext) > 0 {
		code, s.gateway.closeNext = s.gateway.closeNext[0], s.gateway.closeNext[1:]
	} else if !tokenOK {
		code = CloseAuthenticationFailed
	}
	s.gateway.identifies = append(s.gateway.identifies, Identify{Op: f.Op, TokenOK: tokenOK, Intents: d.Intents, Accepted: code == 0, Shard: d.Shard})
	s.notifyLocked()
	s.mu.Unlock()

	if code != 0 {
		c.closeWith(code, "Authentication failed.")
		return false
	}
	var ok bool
	if f.Op == 6 {
		ok = s.sendTo(c, "RESUMED", map[string]any{})
	} else {
		ok = s.sendTo(c, "READY", map[string]any{
			"v": 10, "user": s.botUser(), "session_id": "fake-session-" + s.newID(),
			"application": map[string]any{"id": s.opts.AppID, "flags": 0},
			"guilds":      []any{}, "private_channels": []any{},
			"resume_gateway_url": s.gatewayURL(),
		})
	}
	s.mu.Lock()
	if _, live := s.gateway.conns[c]; live {
		s.gateway.conns[c] = true
	}
	s.notifyLocked()
	s.mu.Unlock()
	return ok
}

// sendTo writes one dispatch (op 0) to c with the next sequence number.
func (s *Server) sendTo(c *gwConn, event string, data any) bool {
	s.mu.Lock()
	s.gateway.seq++
	seq := s.gateway.seq
	s.mu.Unlock()
	return c.writeJSON(map[string]any{"op": 0, "t": event, "s": seq, "d": data}) == nil
}

// CloseNextIdentify makes the next IDENTIFY or RESUME be answered by
// closing the socket with code (4004 for a rejected token), whatever the
// token.
func (s *Server) CloseNextIdentify(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gateway.closeNext = append(s.gateway.closeNext, code)
}

// Identifies returns every IDENTIFY and RESUME received, oldest first.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.gateway.identifies...)
}

// WaitReady waits until a client has logged in on the gateway and been sent
// READY (or RESUMED), so dispatches will reach it.
func (s *Server) WaitReady(ctx context.Context) error {
	err := s.waitUntil(ctx, func() bool {
		for _, ready := range s.gateway.conns {
			if ready {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("waiting for a gateway login: %w", err)
	}
	return nil
}

// WaitDisconnected waits until no client is connected to the gateway.
func (s *Server) WaitDisconnected(ctx context.Context) error {
	err := s.waitUntil(ctx, func() bool { return len(s.gateway.conns) == 0 })
	if err != nil {
		return fmt.Errorf("waiting for gateway clients to leave: %w", err)
	}
	return nil
}

// ErrNoGatewayClient is returned by Dispatch when no client is logged in.
var ErrNoGatewayClient = errors.New("fakediscord: no gateway client is logged in")

// Dispatch sends the event (e.g. "MESSAGE_CREATE") with data to every
// logged-in gateway client.
func (s *Server) Dispatch(event string, data any) error {
	s.mu.Lock()
	var targets []*gwConn
	for c, ready := range s.gateway.conns {
		if ready {
			targets = append(targets, c)
		}
	}
	s.mu.Unlock()
	if len(targets) == 0 {
		return ErrNoGatewayClient
	}
	for _, c := range targets {
		if !s.sendTo(c, event, data) {
			return fmt.Errorf("fakediscord: dispatch %s: write failed", event)
		}
	}
	return nil
}

// DisconnectAll closes every gateway connection with code, as Discord does
// when it ends a session (e.g. 4004 once a token is revoked).
func (s *Server) DisconnectAll(code int) {
	s.closeGateways(code)
}

// closeGateways closes every connection and forgets it at once, so a
// WaitReady that follows waits for a new login.
func (s *Server) closeGateways(code int) {
	s.mu.Lock()
	var conns []*gwConn
	for c := range s.gateway.conns {
		conns = append(conns, c)
		delete(s.gateway.conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(code, "")
	}
}
