package discord

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"footnote/answer"
	"footnote/feedback"
	"footnote/internal/lru"
)

// FeedbackStore is where 👍/👎 votes go. *feedback.File implements it, and
// so does the Postgres store.
type FeedbackStore interface {
	// Add records a vote once; feedback.ErrDuplicate when that user already
	// voted on that answer.
	Add(ctx context.Context, r feedback.Record) error
}

var _ FeedbackStore = (*feedback.File)(nil)

// Button texts and component replies.
const (
	textThanks        = "Thanks — your feedback is recorded."
	textAlreadyVoted  = "You already voted on this answer. Thanks!"
	textNoFeedback    = "Feedback isn't being recorded by this bot."
	textAnswerGone    = "That answer is no longer available (the bot restarted or it is too old). Ask again to see its sources."
	textForgedButton  = "That button doesn't belong to this conversation."
	textFeedbackError = "Sorry, I couldn't record that. Please try again."
)

// maxPassageButtons is how many "Show passage" buttons an answer gets:
// Discord allows five rows of five buttons, and one row holds the votes.
const maxPassageButtons = 10

// DefaultAnswerMemory is how many recent answers keep working buttons.
const DefaultAnswerMemory = 10000

// customIDPrefix starts every custom ID footnote makes ("fn1:" names the
// format, so a later one can be told apart).
const customIDPrefix = "fn1"

// sigLen is how many base64url characters of HMAC-SHA256 sign a custom ID.
const sigLen = 16

// shownAnswer is what a button under an answer needs: the answer, and
// where it was shown.
type shownAnswer struct {
	a                  answer.Answer
	guildID, channelID string
	at                 time.Time
}

// components makes the buttons under answers and answers their clicks,
// for the gateway adapter and the HTTP endpoint alike. Custom IDs name an
// answer kept here (server-side) and are signed with a secret, bound to
// the guild the answer was shown in: a forged or replayed-elsewhere ID is
// refused, and a vote counts once per user.
type components struct {
	secret   []byte
	feedback FeedbackStore // nil: votes are not recorded
	now      func() time.Time
	newKey   func() string // names a shown answer; newAnswerKey

	mu      sync.Mutex
	answers *lru.Cache[string, shownAnswer]
}

// newComponents signs with secret (random when empty: buttons then stop
// working when the process restarts) and keeps memory answers.
func newComponents(secret []byte, fb FeedbackStore, memory int) *components {
	if len(secret) == 0 {
		secret = make([]byte, 32)
		_, _ = rand.Read(secret)
	}
	if memory <= 0 {
		memory = DefaultAnswerMemory
	}
	return &components{secret: secret, feedback: fb, now: time.Now, newKey: newAnswerKey, answers: lru.New[string, shownAnswer](memory)}
}

// SecretFromToken derives a component-signing secret from the bot token,
// so buttons keep working across restarts and replicas without another
// setting. The token itself never appears in a custom ID.
func SecretFromToken(token string) []byte {
	if bareToken(token) == "" {
		return nil
	}
	m := hmac.New(sha256.New, []byte("footnote/components/v1"))
	m.Write([]byte(bareToken(token)))
	return m.Sum(nil)
}

// sign returns the signature of a custom ID's fields for guildID.
func (c *components) sign(guildID string, fields ...string) string {
	m := hmac.New(sha256.New, c.secret)
	m.Write([]byte(guildID))
	for _, f := range fields {
		m.Write([]byte{0})
		m.Write([]byte(f))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))[:sigLen]
}

// customID builds "fn1:<fields…>:<sig>".
func (c *components) customID(guildID string, fields ...string) string {
	return strings.Join(append(append([]string{customIDPrefix}, fields...), c.sign(guildID, fields...)), ":")
}

// parseCustomID checks id's signature for guildID and returns its fields.
func (c *components) parseCustomID(guildID, id string) ([]string, bool) {
	parts := strings.Split(id, ":")
	if len(parts) < 3 || parts[0] != customIDPrefix {
		return nil, false
	}
	fields, sig := parts[1:len(parts)-1], parts[len(parts)-1]
	if !hmac.Equal([]byte(sig), []byte(c.sign(guildID, fields...))) {
		return nil, false
	}
	return fields, true
}

// newAnswerKey is a short random key naming a shown answer.
func newAnswerKey() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// attach remembers a and puts its buttons on the last of msgs: "Show
// passage [n]" per source (up to maxPassageButtons) and 👍/👎. Declines
// and other replies get none.
func (c *components) attach(msgs []outMessage, a *answer.Answer, guildID, channelID string) {
	if c == nil || a == nil || len(msgs) == 0 {
		return
	}
	key := c.newKey()
	c.mu.Lock()
	c.answers.Put(key, shownAnswer{a: *a, guildID: guildID, channelID: channelID, at: c.now()})
	c.mu.Unlock()
	var rows []discordgo.MessageComponent
	var row []discordgo.MessageComponent
	if a.Answered {
		for i, cite := range a.Citations {
			if i == maxPassageButtons {
				break
			}
			row = append(row, discordgo.Button{
				Label: fmt.Sprintf("Show passage [%d]", cite.N), Style: discordgo.SecondaryButton,
				CustomID: c.customID(guildID, "p", key, strconv.Itoa(cite.N)),
			})
			if len(row) == 5 {
				rows, row = append(rows, discordgo.ActionsRow{Components: row}), nil
			}
		}
		if len(row) > 0 {
			rows, row = append(rows, discordgo.ActionsRow{Components: row}), nil
		}
	}
	rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: c.customID(guildID, "v", key, feedback.Up)},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: c.customID(guildID, "v", key, feedback.Down)},
	}})
	msgs[len(msgs)-1].Components = rows
}

// click answers a component interaction with an ephemeral message for the
// clicking user alone: the passage, or thanks for the vote. It always has
// an answer, so the click is acknowledged within Discord's 3 s.
func (c *components) click(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	data := i.MessageComponentData()
	fields, ok := c.parseCustomID(i.GuildID, data.CustomID)
	if !ok || len(fields) != 3 {
		return ephemeralResponse(outMessage{Content: textForgedButton})
	}
	c.mu.Lock()
	shown, ok := c.answers.Get(fields[1])
	c.mu.Unlock()
	if !ok {
		return ephemeralResponse(outMessage{Content: textAnswerGone})
	}
	if shown.guildID != i.GuildID {
		return ephemeralResponse(outMessage{Content: textForgedButton})
	}
	switch fields[0] {
	case "p":
		n, _ := strconv.Atoi(fields[2])
		for _, cite := range shown.a.Citations {
			if cite.N == n {
				return ephemeralResponse(outMessage{Embeds: []*discordgo.MessageEmbed{passageEmbed(cite)}})
			}
		}
		return ephemeralResponse(outMessage{Content: textAnswerGone})
	case "v":
		return ephemeralResponse(outMessage{Content: c.vote(ctx, i, fields[1], shown, fields[2])})
	}
	return ephemeralResponse(outMessage{Content: textForgedButton})
}

// vote records a vote and says how it went.
func (c *components) vote(ctx context.Context, i *discordgo.Interaction, key string, shown shownAnswer, vote string) string {
	if c.feedback == nil {
		return textNoFeedback
	}
	rec := feedback.Record{
		AnswerID: key, Question: shown.a.Question, Answer: shown.a.Text, Answered: shown.a.Answered, Mode: shown.a.Mode,
		GuildID: i.GuildID, ChannelID: i.ChannelID, UserID: interactionUserID(i), Vote: vote, Time: c.now().UTC(),
	}
	for _, cite := range shown.a.Citations {
		rec.Citations = append(rec.Citations, feedback.Citation{N: cite.N, Source: cite.Source, Quote: cite.Quote})
	}
	switch err := c.feedback.Add(ctx, rec); {
	case err == nil:
		return textThanks
	case errors.Is(err, feedback.ErrDuplicate):
		return textAlreadyVoted
	default:
		return textFeedbackError
	}
}

// maxPassageRunes bounds the passage shown in an embed's description.
const maxPassageRunes = 3500

// passageEmbed shows a cited passage whole, with the quoted sentence in
// bold, under its file, title and date.
func passageEmbed(c answer.Citation) *discordgo.MessageEmbed {
	text := c.Passage
	if text == "" {
		text = c.Quote
	}
	from, to := c.Start-c.PassageStart, c.End-c.PassageStart
	var desc string
	if c.Passage != "" && from >= 0 && to <= len(text) && from < to {
		desc = escapeMarkdown(Escape(text[:from])) + "**" + escapeMarkdown(Escape(strings.TrimSpace(text[from:to]))) + "**" + escapeMarkdown(Escape(text[to:]))
	} else {
		desc = escapeMarkdown(Escape(text))
	}
	if utf8.RuneCountInString(desc) > maxPassageRunes {
		desc = string([]rune(desc)[:maxPassageRunes]) + "…"
	}
	title := fmt.Sprintf("[%d] %s", c.N, c.Source)
	e := &discordgo.MessageEmbed{Title: truncateRunes(Escape(title), discordFieldName), Description: desc, Color: sourcesColor}
	if c.Title != "" {
		e.Author = &discordgo.MessageEmbedAuthor{Name: truncateRunes(Escape(c.Title), discordFieldName)}
	}
	if c.Date != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: "Published " + c.Date}
	}
	return e
}

// ephemeralResponse is an immediate reply only the clicking user sees.
func ephemeralResponse(m outMessage) *discordgo.InteractionResponse {
	m.Ephemeral = true
	return messageResponse(m)
}

// Features configures what footnote offers on Discord beyond answering:
// the buttons under answers, where votes go, and threads.
type Features struct {
	// Feedback records 👍/👎 votes; nil shows the buttons but records
	// nothing (the click says so).
	Feedback FeedbackStore
	// ComponentSecret signs button custom IDs. Empty derives one from the
	// bot token (see SecretFromToken), or makes a random one when there is
	// no token, in which case buttons stop working at a restart.
	ComponentSecret []byte
	// AnswerMemory is how many recent answers keep working buttons.
	// Default DefaultAnswerMemory.
	AnswerMemory int
	// NoThreads answers a mention in a guild channel with a reply instead
	// of in a new thread (FOOTNOTE_THREADS=off). Gateway only.
	NoThreads bool
}

// components builds the component handler f describes.
func (f Features) components(token string) *components {
	secret := f.ComponentSecret
	if len(secret) == 0 {
		secret = SecretFromToken(token)
	}
	return newComponents(secret, f.Feedback, f.AnswerMemory)
}
