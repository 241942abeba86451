package fakediscord

import (
	"net/http"
)

// Interaction callback types the fake understands.
const (
	callbackPong            = 1
	callbackMessage         = 4
	callbackDeferredMessage = 5
)

const flagEphemeral = 1 << 6

// interactionCallback handles POST /interactions/{id}/{token}/callback.
func (s *Server) interactionCallback(id, token string, r Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	if !ok || ix.id != id {
		return apiError(http.StatusNotFound, 10062, "Unknown interaction")
	}
	return s.acknowledgeLocked(ix, r)
}

// acknowledgeLocked applies an interaction response (from the callback
// route or an HTTP-endpoint answer) to ix. s.mu must be held.
func (s *Server) acknowledgeLocked(ix *interaction, r Request) reply {
	if ix.acked {
		return apiError(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	typ, _ := r.JSON["type"].(float64)
	data, _ := r.JSON["data"].(map[string]any)
	switch int(typ) {
	case callbackMessage:
		if rep, bad := validateMessage(data, true); bad {
			return rep
		}
	case callbackDeferredMessage:
	case callbackDeferredUpdate:
		ix.acked = true
		s.notifyLocked()
		return noContent()
	case callbackUpdateMessage:
		if rep, bad := validateMessage(data, false); bad {
			return rep
		}
		m, ok := s.store.messages[ix.messageID]
		if !ok {
			return apiError(http.StatusNotFound, 10008, "Unknown Message")
		}
		applyBody(m, Request{JSON: data})
		m.Edits++
		ix.acked = true
		s.notifyLocked()
		return noContent()
	case callbackAutocomplete:
		if err := autocompleteResult(data); err != nil {
			return badComponents(err)
		}
		ix.choices, _ = data["choices"].([]any)
		ix.acked = true
		s.notifyLocked()
		return noContent()
	default:
		return apiError(http.StatusBadRequest, 50035, "Invalid Form Body: unsupported interaction response type")
	}
	m := &Message{ID: s.newIDLocked(), ChannelID: ix.channelID, InteractionToken: ix.token, Original: true}
	applyBody(m, Request{JSON: data})
	m.Ephemeral = m.Flags&flagEphemeral != 0
	m.Loading = int(typ) == callbackDeferredMessage
	if m.Loading {
		m.Content, m.Embeds, m.Pings = "", nil, false
	}
	s.store.add(m)
	ix.acked = true
	ix.originalID = m.ID
	s.notifyLocked()
	return noContent()
}

// followup handles POST /webhooks/{app}/{token}: a follow-up message. As on
// Discord, the first follow-up after a deferred response edits the loading
// message instead and keeps its visibility.
func (s *Server) followup(token string, r Request) reply {
	if rep, bad := validateMessage(r.JSON, true); bad {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	if !ok || !ix.acked {
		return apiError(http.StatusNotFound, 10015, "Unknown Webhook")
	}
	orig := s.store.messages[ix.originalID]
	if orig.Loading && !orig.Deleted {
		flags := orig.Flags
		applyBody(orig, r)
		orig.Flags, orig.Loading = flags, false
		orig.Edits++
		s.notifyLocked()
		return jsonReply(200, s.messageJSON(*orig))
	}
	m := &Message{ID: s.newIDLocked(), ChannelID: ix.channelID, InteractionToken: token}
	applyBody(m, r)
	m.Ephemeral = m.Flags&flagEphemeral != 0
	s.store.add(m)
	s.notifyLocked()
	return jsonReply(200, s.messageJSON(*m))
}

// webhookMessage handles GET/PATCH/DELETE
// /webhooks/{app}/{token}/messages/{id|@original}.
func (s *Server) webhookMessage(token, msgID string, r Request) reply {
	if r.Method == "PATCH" {
		if rep, bad := validateMessage(r.JSON, false); bad {
			return rep
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	if !ok || !ix.acked {
		return apiError(http.StatusNotFound, 10015, "Unknown Webhook")
	}
	if msgID == "@original" {
		msgID = ix.originalID
	}
	m, ok := s.store.messages[msgID]
	if !ok || m.Deleted || m.InteractionToken != token {
		return apiError(http.StatusNotFound, 10008, "Unknown Message")
	}
	switch r.Method {
	case "GET":
		return jsonReply(200, s.messageJSON(*m))
	case "PATCH":
		applyBody(m, r)
		m.Loading = false
		m.Edits++
		s.notifyLocked()
		return jsonReply(200, s.messageJSON(*m))
	case "DELETE":
		m.Deleted = true
		s.notifyLocked()
		return noContent()
	}
	return notFound()
}
