package discord

import (
	"fmt"
	"sort"
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

// renderAnswer puts the answer text first and the source embeds on the
// last text message, spilling embeds into further messages when one
// message cannot hold them. Like FormatAnswer, a declined answer has no
// sources.
func renderAnswer(a answer.Answer, quoteRunes int) []outMessage {
	text := strings.TrimSpace(a.Text)
	if text == "" {
		text = "I have no answer to that."
	}
	text = Escape(text)
	if note := oneLine(a.Note); note != "" {
		text += "\n\n*" + escapeMarkdown(Escape(note)) + "*"
	}
	var out []outMessage
	for _, p := range contentPieces(text) {
		out = append(out, outMessage{Content: p})
	}
	if !a.Answered {
		return out
	}
	last := &out[len(out)-1]
	size := 0
	for _, e := range sourceEmbeds(a.Citations, quoteRunes) {
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

// sourceEmbeds renders citations, ordered by marker, as embed fields
// ("[n] title", then the file name and a quoted snippet), in as many embeds
// as Discord's field count and size limits need.
func sourceEmbeds(cites []answer.Citation, quoteRunes int) []*discordgo.MessageEmbed {
	sorted := append([]answer.Citation(nil), cites...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].N < sorted[j].N })
	var out []*discordgo.MessageEmbed
	var cur *discordgo.MessageEmbed
	size := 0
	for _, c := range sorted {
		f := citationField(c, quoteRunes)
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

// citationField is one source: its marker and title as the name, its file
// and a quote of the passage as the value. Embed field names render no
// markdown, so only mentions are escaped there.
func citationField(c answer.Citation, quoteRunes int) *discordgo.MessageEmbedField {
	title := oneLine(c.Title)
	if title == "" {
		title = oneLine(c.Source)
	}
	name := truncateRunes(Escape(fmt.Sprintf("[%d] %s", c.N, title)), discordFieldName)
	value := codeSpan(c.Source)
	if quoteRunes <= 0 {
		quoteRunes = DefaultQuoteRunes
	}
	if q := shorten(oneLine(c.Quote), quoteRunes); q != "" {
		value += "\n> “" + escapeMarkdown(Escape(q)) + "”"
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

// truncateRunes cuts s to at most n runes, marking a cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
