package discord

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"footnote/answer"
	"footnote/bot"
)

// Discord's limits on one message's embeds, in characters (runes).
const (
	discordEmbedsPerMessage = 10
	discordEmbedFields      = 25
	discordFieldName        = 256
	discordFieldValue       = 1024
	discordEmbedTotal       = 6000 // all embeds of one message together
)

// DefaultQuoteRunes is how much of a cited passage a source embed quotes.
const DefaultQuoteRunes = 300

// sourcesColor is the embed's side bar colour (Discord blurple).
const sourcesColor = 0x5865F2

// outMessage is one Discord message to send, edit or follow up with.
type outMessage struct {
	Content   string
	Embeds    []*discordgo.MessageEmbed
	Ephemeral bool
	// Components are the message's button rows (an answer's last message).
	Components []discordgo.MessageComponent
}

// renderDiscord lays a Reply out as Discord messages within Discord's
// limits. An answer becomes its text (with [n] markers) as content and its
// citations as embeds, in as many messages as needed; other replies use the
// core's markdown rendering. Every text passes through Escape.
func renderDiscord(r bot.Reply, quoteRunes int) []outMessage {
	if r.Kind == bot.ReplyAnswer && r.Answer != nil {
		return renderAnswer(*r.Answer, quoteRunes)
	}
	ephemeral := r.Kind == bot.ReplyError || r.Kind == bot.ReplyHelp
	var out []outMessage
	for _, piece := range Render(r) {
		for _, p := range contentPieces(piece) {
			out = append(out, outMessage{Content: p, Ephemeral: ephemeral})
		}
	}
	if len(out) == 0 {
		out = append(out, outMessage{Content: "Sorry, I have nothing to say to that.", Ephemeral: ephemeral})
	}
	return out
}

// renderAnswer puts the answer text (and its note) first and the source
// embeds on the last text message, spilling embeds into further messages
// when one message cannot hold them. It draws the shared model of an answer
// (bot.ViewAnswer); like FormatAnswer, a declined answer has no sources.
func renderAnswer(a answer.Answer, quoteRunes int) []outMessage {
	if quoteRunes <= 0 {
		quoteRunes = DefaultQuoteRunes
	}
	v := bot.ViewAnswer(a, quoteRunes)
	text := Escape(v.Text)
	tail := viewTail(v)
	full := text
	if tail != "" {
		full += "\n\n" + tail
	}
	pieces := contentPieces(full)
	if len(pieces) > maxAnswerMessages {
		pieces = truncatedPieces(text, tail)
	}
	var out []outMessage
	for _, p := range pieces {
		out = append(out, outMessage{Content: p})
	}
	if len(v.Sources) == 0 {
		return out
	}
	last := &out[len(out)-1]
	size := 0
	for _, e := range sourceEmbeds(v.Sources) {
		n := embedSize(e)
		if len(last.Embeds) == discordEmbedsPerMessage || size+n > discordEmbedTotal {
			out = append(out, outMessage{})
			last, size = &out[len(out)-1], 0
		}
		last.Embeds = append(last.Embeds, e)
		size += n
	}
	return out
}

// maxAnswerMessages caps the text messages of one answer: a runaway reply
// (40 KB was 21 messages) is cut, and says so.
const maxAnswerMessages = 3

// textTruncated ends an answer cut to maxAnswerMessages.
const textTruncated = "… (answer truncated)"

// truncatedPieces is text cut to maxAnswerMessages messages, the last
// ending, at a word boundary, with textTruncated and then tail (the note).
func truncatedPieces(text, tail string) []string {
	pieces := contentPieces(text)
	if len(pieces) == 0 {
		pieces = []string{""}
	}
	pieces = pieces[:min(len(pieces), maxAnswerMessages)]
	end := "\n" + textTruncated
	if tail != "" {
		// The tail (note, as-of) is short by nature; a runaway one is cut
		// so the last message still fits.
		end += "\n\n" + truncateRunes(tail, MessageRunes/4)
	}
	last := []rune(pieces[len(pieces)-1])
	room := max(0, MessageRunes-utf8.RuneCountInString(end))
	if len(last) > room {
		cut := room
		for k := room; k > room/2; k-- {
			if last[k] == ' ' || last[k] == '\n' {
				cut = k
				break
			}
		}
		last = last[:cut]
	}
	pieces[len(pieces)-1] = strings.TrimRight(string(last), " \n") + end
	return pieces
}

// contentPieces escapes text and splits it into non-empty message bodies
// of at most MessageRunes.
func contentPieces(text string) []string {
	var out []string
	for _, p := range Split(Escape(text), MessageRunes) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sourceEmbeds renders sources as embed fields ("[n] title", then the
// file name, date and a quoted snippet), in as many embeds as Discord's
// field count and size limits need.
func sourceEmbeds(sources []bot.SourceView) []*discordgo.MessageEmbed {
	var out []*discordgo.MessageEmbed
	var cur *discordgo.MessageEmbed
	size := 0
	for _, s := range sources {
		f := citationField(s)
		n := utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		if cur == nil || len(cur.Fields) == discordEmbedFields || size+n > discordEmbedTotal {
			title := "Sources"
			if cur != nil {
				title = "Sources (continued)"
			}
			cur = &discordgo.MessageEmbed{Title: title, Color: sourcesColor}
			out = append(out, cur)
			size = utf8.RuneCountInString(title)
		}
		cur.Fields = append(cur.Fields, f)
		size += n
	}
	return out
}

// citationField is one source: its marker and title as the name, its file,
// date and a quote of the passage as the value. Embed field names render
// no markdown, so only mentions are escaped there.
func citationField(s bot.SourceView) *discordgo.MessageEmbedField {
	title := s.Title
	if title == "" {
		title = s.File
	}
	name := truncateRunes(Escape(fmt.Sprintf("[%d] %s", s.N, title)), discordFieldName)
	value := codeSpan(s.File)
	if s.Date != "" {
		value += " · " + escapeMarkdown(Escape(s.Date))
	}
	if s.URL != "" {
		value += " · [link](" + s.URL + ")"
	}
	if len(s.AlsoIn) > 0 {
		files := make([]string, len(s.AlsoIn))
		for i, f := range s.AlsoIn {
			files[i] = codeSpan(f)
		}
		value += "\nalso in: " + strings.Join(files, ", ")
	}
	if s.Quote != "" {
		value += "\n> “" + escapeMarkdown(Escape(s.Quote)) + "”"
	}
	return &discordgo.MessageEmbedField{Name: name, Value: truncateRunes(value, discordFieldValue)}
}

// embedSize is an embed's size as Discord counts it for the 6000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	return n
}

// truncateRunes cuts s to at most n runes (Discord's field limits), at a
// word boundary when one is near, marking the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	// Back up to a word boundary, unless that would drop a lot.
	for i := len(r) - 1; i > len(r)*3/4; i-- {
		if r[i] == ' ' || r[i] == '\n' {
			r = r[:i]
			break
		}
	}
	return strings.TrimSpace(string(r)) + "…"
}
