package bot

import (
	"strings"
	"unicode"
)

// CmdUnknown is an Input for a slash command the bot does not know
// ("/foo"). Input.Question holds the command word as typed, so the core can
// name it in its reply. It is not a question: answering "/foo" from the
// corpus would only confuse the user.
const CmdUnknown Command = "unknown"

// Parse turns one user message into an Input.
//
// "/ask <q>", "/sources" and "/help" select a command; the command word is
// case-insensitive and surrounding space is ignored. "/ask" with no question
// yields CmdAsk with an empty Question (the core answers with a usage hint).
// Arguments after "/sources" or "/help" are ignored. An unknown "/word" yields
// CmdUnknown. Any other text, including text that merely starts with "/"
// followed by a non-letter ("/ 2 + 2"), is a question (CmdAsk).
//
// Strip a leading bot mention with [StripMention] first.
func Parse(text string) Input {
	text = strings.TrimSpace(text)
	word, rest, ok := commandWord(text)
	if !ok {
		return Input{Command: CmdAsk, Question: text}
	}
	switch strings.ToLower(word) {
	case "ask":
		return Input{Command: CmdAsk, Question: rest}
	case "sources":
		return Input{Command: CmdSources, Query: rest}
	case "help":
		return Input{Command: CmdHelp}
	default:
		return Input{Command: CmdUnknown, Question: "/" + word}
	}
}

// commandWord splits "/word rest" into its word and trimmed rest. ok is false
// when text is not a slash command: no leading "/", or the "/" is not
// directly followed by a letter.
func commandWord(text string) (word, rest string, ok bool) {
	after, found := strings.CutPrefix(text, "/")
	if !found {
		return "", "", false
	}
	end := strings.IndexFunc(after, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
	})
	if end < 0 {
		end = len(after)
	}
	word = after[:end]
	if word == "" || !unicode.IsLetter([]rune(word)[0]) {
		return "", "", false
	}
	rest = after[end:]
	// "/ask?" or "/ask." is not the command "ask": the word must end the
	// text or be followed by space.
	if rest != "" && !unicode.IsSpace([]rune(rest)[0]) {
		return "", "", false
	}
	return word, strings.TrimSpace(rest), true
}

// StripMention removes a leading mention of the bot ("<@123>" or "<@!123>")
// and the space around it, so "@footnote who won?" parses as a question.
// Text that does not start with a mention of botID is returned trimmed but
// otherwise unchanged; an empty botID strips nothing.
func StripMention(text, botID string) string {
	text = strings.TrimSpace(text)
	if botID == "" {
		return text
	}
	for _, m := range []string{"<@" + botID + ">", "<@!" + botID + ">"} {
		if rest, ok := strings.CutPrefix(text, m); ok {
			return strings.TrimSpace(rest)
		}
	}
	return text
}
