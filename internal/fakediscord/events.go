package fakediscord

import (
	"time"
)

// User is a Discord user in a dispatched event.
type User struct {
	ID       string // snowflake
	Username string // display name
	Bot      bool   // true for bot accounts, which footnote ignores
}

// Alice returns the default human user for events that name none.
func Alice() User { return User{ID: "300000000000000001", Username: "alice"} }

func (u User) json() map[string]any {
	return map[string]any{"id": u.ID, "username": u.Username, "discriminator": "0", "bot": u.Bot}
}

// Command is an application command invocation with string options.
type Command struct {
	Name    string            // command name without the slash
	Options map[string]string // option name → string value
}

// Ask is /ask with its required "question" option.
func Ask(question string) Command {
	return Command{Name: "ask", Options: map[string]string{"question": question}}
}

// Sources is /sources.
func Sources() Command { return Command{Name: "sources"} }

// Help is /help.
func Help() Command { return Command{Name: "help"} }

// Interaction is an application command interaction to deliver. Empty
// fields get defaults: fresh ID and token, a channel, user Alice, and no
// guild (a DM) unless GuildID is set.
type Interaction struct {
	ID, Token string  // the interaction's ID and its webhook token
	ChannelID string  // where it was invoked
	GuildID   string  // empty in a DM
	User      User    // who invoked it
	Command   Command // what was invoked (slash and autocomplete)
	// Kind is what sort of interaction this is; the zero value is a slash
	// command.
	Kind InteractionKind
	// CustomID and MessageID are a component click's button and the
	// message it is on (KindComponent).
	CustomID, MessageID string
	// Target is the message a message command was used on
	// (KindMessageCommand); Command.Name is the command's name.
	Target *ChatMessage
	// Focused names the option being typed (KindAutocomplete); its partial
	// value is Command.Options[Focused].
	Focused string
}

// fill sets defaults and registers the interaction so the fake accepts its
// callback and webhook requests. Registering the same token twice keeps the
// first registration, as a re-delivered event refers to the same
// interaction.
func (s *Server) fill(ix Interaction) Interaction {
	if ix.ID == "" {
		ix.ID = s.newID()
	}
	if ix.Token == "" {
		ix.Token = "itoken-" + ix.ID
	}
	if ix.ChannelID == "" {
		ix.ChannelID = "400000000000000001"
	}
	if ix.User.ID == "" {
		ix.User = Alice()
	}
	s.mu.Lock()
	if _, ok := s.store.interactions[ix.Token]; !ok {
		s.store.interactions[ix.Token] = &interaction{id: ix.ID, token: ix.Token, channelID: ix.ChannelID, messageID: ix.MessageID}
	}
	s.mu.Unlock()
	return ix
}

// payload renders ix as Discord's interaction object.
func (s *Server) payload(ix Interaction) map[string]any {
	opts := []any{}
	for name, v := range ix.Command.Options {
		opts = append(opts, map[string]any{"name": name, "type": 3, "value": v})
	}
	p := map[string]any{
		"id": ix.ID, "application_id": s.opts.AppID, "type": 2, "token": ix.Token, "version": 1,
		"channel_id": ix.ChannelID, "locale": "en-US",
		"data": map[string]any{"id": "cmd-" + ix.Command.Name, "name": ix.Command.Name, "type": 1, "options": opts},
	}
	s.kindPayload(ix, p, opts)
	if ix.GuildID != "" {
		p["guild_id"] = ix.GuildID
		p["member"] = map[string]any{"user": ix.User.json(), "roles": []any{}, "joined_at": time.Now().UTC().Format(time.RFC3339)}
	} else {
		p["user"] = ix.User.json()
	}
	return p
}

// Interact delivers ix as an INTERACTION_CREATE dispatch on the gateway and
// returns it with its defaults filled in (its Token finds the response).
func (s *Server) Interact(ix Interaction) (Interaction, error) {
	ix = s.fill(ix)
	return ix, s.Dispatch("INTERACTION_CREATE", s.payload(ix))
}

// ChatMessage is a MESSAGE_CREATE to deliver. Empty fields get defaults: a
// fresh ID, a channel, author Alice, no guild (a DM) unless GuildID is set.
type ChatMessage struct {
	ID        string // message snowflake
	ChannelID string // where it was posted
	GuildID   string // empty in a DM
	Content   string // the text as typed
	Author    User   // who posted it
	Mentions  []User // users Discord resolved as mentioned
}

// Bot returns the fake's bot user, for mentions and for messages the bot
// itself "sent".
func (s *Server) Bot() User {
	return User{ID: s.opts.BotID, Username: s.opts.BotName, Bot: true}
}

// Mention is the text that mentions the bot in message content.
func (s *Server) Mention() string { return "<@" + s.opts.BotID + ">" }

// Say delivers m as a MESSAGE_CREATE dispatch and returns it with its
// defaults filled in.
func (s *Server) Say(m ChatMessage) (ChatMessage, error) {
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.ChannelID == "" {
		m.ChannelID = "500000000000000001"
	}
	if m.Author.ID == "" {
		m.Author = Alice()
	}
	mentions := []any{}
	for _, u := range m.Mentions {
		mentions = append(mentions, u.json())
	}
	p := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "author": m.Author.json(), "content": m.Content,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "type": 0, "tts": false,
		"mentions": mentions, "mention_roles": []any{}, "mention_everyone": false,
		"attachments": []any{}, "embeds": []any{},
	}
	if m.GuildID != "" {
		p["guild_id"] = m.GuildID
	}
	return m, s.Dispatch("MESSAGE_CREATE", p)
}
