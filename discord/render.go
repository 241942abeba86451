package discord

import (
	"strings"

	"footnote/bot"
)

// Render turns a reply into the Discord messages to send, in order: each
// is at most [MessageRunes] runes (cut with [Split]), none is empty or only
// whitespace (Discord rejects those), and text that came from users, the
// corpus or the model is [Escape]d.
func Render(r bot.Reply) []string {
	var text string
	switch r.Kind {
	case bot.ReplyAnswer:
		if r.Answer == nil {
			text = "I have no answer to that."
		} else {
			text = FormatAnswer(*r.Answer)
		}
	case bot.ReplySources:
		text = FormatSourcesQuery(r.Sources, r.Query, r.Page)
	default: // help, error and anything newer: plain text
		text = Escape(r.Text)
	}
	var msgs []string
	for _, piece := range Split(strings.TrimSpace(text), MessageRunes) {
		if piece = strings.TrimSpace(piece); piece != "" {
			msgs = append(msgs, piece)
		}
	}
	return msgs
}
