package fakediscord

import (
	"net/http"
	"unicode/utf8"
)

// Thread is a public thread the bot started from a message.
type Thread struct {
	ID, Name  string
	ParentID  string // the channel the message was in
	MessageID string // the message the thread was started from
	GuildID   string
}

// maxThreadName is Discord's limit on a thread name.
const maxThreadName = 100

// startThread handles POST /channels/{c}/messages/{m}/threads.
func (s *Server) startThread(channelID, messageID string, r Request) reply {
	if s.opts.NoThreadPermission {
		return apiError(http.StatusForbidden, 50013, "Missing Permissions")
	}
	name, _ := r.JSON["name"].(string)
	if name == "" || utf8.RuneCountInString(name) > maxThreadName {
		return apiError(http.StatusBadRequest, 50035, "Invalid Form Body: name: must be 1 to 100 in length")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &Thread{ID: s.newIDLocked(), Name: name, ParentID: channelID, MessageID: messageID, GuildID: s.guildOfLocked(channelID)}
	s.store.threads[t.ID] = t
	s.notifyLocked()
	return jsonReply(200, s.threadJSON(t))
}

// guildOfLocked is the guild a channel is in: the fake puts every guild
// channel in one guild.
func (s *Server) guildOfLocked(string) string { return "600000000000000001" }

func (s *Server) threadJSON(t *Thread) map[string]any {
	return map[string]any{"id": t.ID, "type": 11, "name": t.Name, "parent_id": t.ParentID, "guild_id": t.GuildID, "owner_id": s.opts.BotID,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": 1440, "locked": false}}
}

// channel handles GET /channels/{id}: a thread the bot started, or a
// plain text channel.
func (s *Server) channel(id string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.store.threads[id]; ok {
		return jsonReply(200, s.threadJSON(t))
	}
	return jsonReply(200, map[string]any{"id": id, "type": 0, "name": "general", "guild_id": s.guildOfLocked(id)})
}

// Threads returns the threads the bot started, in no order.
func (s *Server) Threads() []Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Thread, 0, len(s.store.threads))
	for _, t := range s.store.threads {
		out = append(out, *t)
	}
	return out
}

// editChannelMessage handles PATCH /channels/{c}/messages/{m}.
func (s *Server) editChannelMessage(channelID, messageID string, r Request) reply {
	if rep, bad := validateMessage(r.JSON, false); bad {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.store.messages[messageID]
	if !ok || m.Deleted || m.ChannelID != channelID || m.InteractionToken != "" {
		return apiError(http.StatusNotFound, 10008, "Unknown Message")
	}
	applyBody(m, r)
	m.Edits++
	s.notifyLocked()
	return jsonReply(200, s.messageJSON(*m))
}
