package fakediscord

import (
	"context"
	"fmt"
	"regexp"
	"time"
)

// Message is a message as the fake's channel would show it, after every
// create, edit and delete the bot made.
type Message struct {
	ID        string // message snowflake
	ChannelID string // channel it is in
	Content   string // text after the latest edit
	// Embeds is the raw JSON of each embed.
	Embeds []map[string]any
	Flags  int // Discord message flags (64 = ephemeral)
	// Ephemeral is true for messages only the invoking user sees.
	Ephemeral bool
	// Deleted is true once the bot deleted the message.
	Deleted bool
	// Edits counts PATCHes applied after creation.
	Edits int
	// ReplyTo is message_reference.message_id of a reply.
	ReplyTo string
	// InteractionToken ties an interaction response or follow-up to its
	// interaction; Original marks the interaction's original response.
	InteractionToken string
	Original         bool
	// Loading is true for a deferred response not yet edited ("thinking…").
	Loading bool
	// Components is the raw JSON of each action row, after the latest
	// create, edit or update.
	Components []map[string]any
	// Pings is true when this message, with the allowed_mentions it was last
	// sent with, would notify anyone (@everyone, @here, a user or a role).
	Pings bool
}

// interaction is the fake's state for one interaction it dispatched.
type interaction struct {
	id, token, channelID string
	acked                bool
	originalID           string
	// messageID is the message a component interaction came from, which
	// an update callback edits.
	messageID string
	// choices are an autocomplete interaction's answer.
	choices []any
}

// messageStore holds messages and interactions. Guarded by Server.mu.
type messageStore struct {
	messages     map[string]*Message
	order        []string
	interactions map[string]*interaction // by token
	threads      map[string]*Thread      // by channel ID
}

func newMessageStore() messageStore {
	return messageStore{messages: map[string]*Message{}, interactions: map[string]*interaction{}, threads: map[string]*Thread{}}
}

// create stores a new message from a send request body.
func (ms *messageStore) create(s *Server, channelID string, r Request) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &Message{ID: s.newIDLocked(), ChannelID: channelID}
	applyBody(m, r)
	if ref, ok := r.JSON["message_reference"].(map[string]any); ok {
		m.ReplyTo, _ = ref["message_id"].(string)
	}
	ms.add(m)
	s.notifyLocked()
	return *m
}

func (ms *messageStore) add(m *Message) {
	ms.messages[m.ID] = m
	ms.order = append(ms.order, m.ID)
}

// applyBody copies the fields present in a create/edit body onto m, the way
// Discord does for PATCH: absent fields keep their value.
func applyBody(m *Message, r Request) {
	if v, ok := r.JSON["content"].(string); ok {
		m.Content = v
	}
	if raw, ok := r.JSON["embeds"].([]any); ok {
		m.Embeds = m.Embeds[:0]
		for _, e := range raw {
			if em, ok := e.(map[string]any); ok {
				m.Embeds = append(m.Embeds, em)
			}
		}
	}
	if f, ok := r.JSON["flags"].(float64); ok {
		m.Flags = int(f)
	}
	if raw, ok := r.JSON["components"].([]any); ok {
		m.Components = m.Components[:0]
		for _, c := range raw {
			if row, ok := c.(map[string]any); ok {
				m.Components = append(m.Components, row)
			}
		}
	}
	m.Pings = wouldPing(m.Content, r.JSON["allowed_mentions"])
}

var mentionRe = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>`)

// wouldPing reports whether content notifies anyone given allowed_mentions:
// a missing object or a null "parse" means Discord's default, which parses
// every mention in the content.
func wouldPing(content string, allowed any) bool {
	if !mentionRe.MatchString(content) {
		return false
	}
	am, ok := allowed.(map[string]any)
	if !ok {
		return true
	}
	parse, ok := am["parse"].([]any)
	if !ok {
		return true
	}
	if len(parse) > 0 {
		return true
	}
	users, _ := am["users"].([]any)
	roles, _ := am["roles"].([]any)
	return len(users)+len(roles) > 0
}

// Messages returns every message, in creation order, as it stands now.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.store.order))
	for _, id := range s.store.order {
		out = append(out, *s.store.messages[id])
	}
	return out
}

// WaitMessage waits until a message satisfies pred and returns it as it
// stands then.
func (s *Server) WaitMessage(ctx context.Context, pred func(Message) bool) (Message, error) {
	var found Message
	err := s.waitUntil(ctx, func() bool {
		for _, id := range s.store.order {
			if m := *s.store.messages[id]; pred(m) {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		return Message{}, fmt.Errorf("waiting for a message: %w", err)
	}
	return found, nil
}

// Original returns the original response of the interaction with the given
// token, once it exists.
func (s *Server) Original(token string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	if !ok || ix.originalID == "" {
		return Message{}, false
	}
	return *s.store.messages[ix.originalID], true
}

// messageJSON renders m as Discord's message object.
func (s *Server) messageJSON(m Message) map[string]any {
	embeds := make([]any, 0, len(m.Embeds))
	for _, e := range m.Embeds {
		embeds = append(embeds, e)
	}
	out := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "content": m.Content, "embeds": embeds,
		"flags": m.Flags, "author": s.botUser(), "type": 0, "tts": false,
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"mention_everyone": false, "mentions": []any{}, "attachments": []any{}, "pinned": false,
	}
	if m.ReplyTo != "" {
		out["type"] = 19
		out["message_reference"] = map[string]any{"message_id": m.ReplyTo, "channel_id": m.ChannelID}
	}
	return out
}
