// Package bot is footnote's transport-free conversation core and the CLI
// chat loop.
//
// The core ([Core]) takes what a user types (/ask, /sources, /help or plain
// text), asks the answer engine, and returns a [Reply]. The CLI harness
// ([RunChat]) and the Discord adapter (package footnote/discord) both use
// it; nothing here knows about Discord's wire format.
package bot

import (
	"footnote/answer"
	"footnote/corpus"
)

// Command is what a user asked the bot to do.
type Command string

// Commands the core understands, as slash commands or typed text.
const (
	CmdAsk     Command = "ask"
	CmdSources Command = "sources"
	CmdHelp    Command = "help"
)

// Input is one parsed user message.
type Input struct {
	Command  Command // what to do
	Question string  // for CmdAsk
	// Sources, when set, restricts a CmdAsk answer to these article files
	// (Discord's /ask source: option).
	Sources []string
	// Since and Until, when set, restrict a CmdAsk answer to articles
	// dated within them, as the user typed them (Discord's /ask since: and
	// until: options, YYYY-MM-DD); the core checks them.
	Since, Until string
	// Page is the page of the article list a transport with message limits
	// shows for CmdSources (1-based; 0 means the first).
	Page int
	// Query, for CmdSources, keeps the articles whose file or title holds
	// it (case-insensitive); "" lists them all.
	Query string
}

// Turn is one message from a user in a conversation.
type Turn struct {
	// ID identifies the message or interaction, for logs. The transport
	// drops redelivered IDs before a Turn is built.
	ID string
	// ConversationID groups turns whose history feeds follow-ups: a DM
	// channel, a guild channel+user, or the CLI session.
	ConversationID string
	// UserID is who asked; rate limits are per user.
	UserID string
	// Input is what the user asked for.
	Input Input
	// OnDelta, when set, receives partial answer text while a generative
	// answer streams, so a transport can show it growing.
	OnDelta func(delta string)
}

// ReplyKind says what a Reply carries.
type ReplyKind string

// Reply kinds.
const (
	ReplyAnswer  ReplyKind = "answer"
	ReplySources ReplyKind = "sources"
	ReplyHelp    ReplyKind = "help"
	// ReplyError is a short message for the user (rate limited, question too
	// long, engine failure). The Discord adapter sends it ephemerally.
	ReplyError ReplyKind = "error"
)

// Reply is the core's answer to one Turn.
type Reply struct {
	// Kind says which of the fields below is set.
	Kind ReplyKind
	// Answer is set for ReplyAnswer.
	Answer *answer.Answer
	// Sources is set for ReplySources: the articles' metadata (Text empty).
	Sources []corpus.Article
	// Text is set for ReplyHelp and ReplyError.
	Text string
	// Page is the requested page of Sources (Input.Page), for transports
	// that paginate the list.
	Page int
	// Query is the filter Sources were chosen by (Input.Query), "" for all.
	Query string
}
