package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// HelpHowToAsk is the /help sentence for Discord (bot.Options.HowToAsk).
const HelpHowToAsk = "You can also mention me or send me a direct message with your question."

// Texts the adapter itself shows users.
const (
	textErrorNotice  = "Sorry, I couldn't answer that."
	textShuttingDown = "I'm restarting right now. Please ask again in a minute."
	textUnknownCmd   = "I don't know that command. Try /help."
)

// responder answers application-command interactions through the
// interaction webhook: used by the gateway adapter and the HTTP
// interactions endpoint alike.
type responder struct {
	api            interactionAPI
	core           *bot.Core
	streamInterval time.Duration
	quoteRunes     int
	// buttons makes and answers the components under answers.
	buttons *components
	// originalMayLag is set in HTTP mode, where the deferral travels in our
	// HTTP response: an edit can reach Discord before it has processed that
	// response, so a 404 on the first edit is retried briefly.
	originalMayLag bool
}

// interactionTurn builds the core's Turn for a command interaction; ok is
// false when it is not a command this bot registered.
func interactionTurn(i *discordgo.Interaction) (bot.Turn, bool) {
	if i.Type != discordgo.InteractionApplicationCommand {
		return bot.Turn{}, false
	}
	data := i.ApplicationCommandData()
	t := bot.Turn{ID: i.ID, UserID: interactionUserID(i), ConversationID: conversationID(i.GuildID, i.ChannelID, interactionUserID(i))}
	switch data.Name {
	case string(bot.CmdAsk):
		t.Input = bot.Input{Command: bot.CmdAsk, Question: stringOption(data.Options, "question")}
		if src := strings.TrimSpace(stringOption(data.Options, "source")); src != "" {
			t.Input.Sources = []string{src}
		}
		t.Input.Since, t.Input.Until = stringOption(data.Options, "since"), stringOption(data.Options, "until")
	case AskMessageCommand:
		t.Input = bot.Input{Command: bot.CmdAsk, Question: targetMessageText(data)}
	case string(bot.CmdSources):
		t.Input = bot.Input{Command: bot.CmdSources, Page: intOption(data.Options, "page"), Query: stringOption(data.Options, "query")}
	case string(bot.CmdHelp):
		t.Input = bot.Input{Command: bot.CmdHelp}
	default:
		return bot.Turn{}, false
	}
	return t, true
}

// intOption returns the integer value of the option called name, or 0.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) int {
	for _, o := range opts {
		if o != nil && o.Name == name {
			if f, ok := o.Value.(float64); ok && f >= 1 && f <= 1e6 {
				return int(f)
			}
		}
	}
	return 0
}

// targetMessageText is the text of the message a message command was used
// on, or "" when Discord did not resolve it.
func targetMessageText(data discordgo.ApplicationCommandInteractionData) string {
	if data.Resolved == nil {
		return ""
	}
	if m, ok := data.Resolved.Messages[data.TargetID]; ok && m != nil {
		return m.Content
	}
	return ""
}

// ephemeralCommand reports whether an interaction is answered privately:
// the message command is, since it is run on someone else's message.
func ephemeralCommand(i *discordgo.Interaction) bool {
	return i.Type == discordgo.InteractionApplicationCommand && i.ApplicationCommandData().Name == AskMessageCommand
}

// stringOption returns the string value of the option called name, or "".
// Unlike discordgo's GetOption it skips null entries, which would panic
// there.
func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o != nil && o.Name == name {
			s, _ := o.Value.(string)
			return s
		}
	}
	return ""
}

// interactionUserID is the invoking user: Member.User in a guild, User in
// a DM.
func interactionUserID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// conversationID groups turns whose history feeds follow-ups: the DM
// channel, or one user's thread of questions in a guild channel.
func conversationID(guildID, channelID, userID string) string {
	if guildID == "" {
		return channelID
	}
	return channelID + ":" + userID
}

// answerDeferred runs an already deferred /ask: the core answers (a
// streaming answer grows in the original response), then the reply
// replaces the "thinking…" message. The core turns an engine panic into an
// error reply, so the user is never left waiting.
func (r *responder) answerDeferred(ctx context.Context, i *discordgo.Interaction, turn bot.Turn) (bot.Reply, error) {
	stream := startStream(r.streamInterval, func(content string) {
		_, _ = r.editOriginal(ctx, i, outMessage{Content: content})
	})
	turn.OnDelta = stream.push
	reply := r.core.Handle(ctx, turn)
	stream.stop()
	return reply, r.deliverDeferred(ctx, i, reply)
}

// deliverDeferred sends reply for a deferred interaction: the first
// message as the edit of the original response, the rest as follow-ups.
// An error reply goes to the user alone (ephemeral).
func (r *responder) deliverDeferred(ctx context.Context, i *discordgo.Interaction, reply bot.Reply) error {
	msgs := renderDiscord(reply, r.quoteRunes)
	if ephemeralCommand(i) {
		// The deferral was private already: every message stays private.
		for k := range msgs {
			msgs[k].Ephemeral = true
		}
	} else if reply.Kind == bot.ReplyError {
		return r.deliverEphemeralAfterDefer(ctx, i, msgs)
	}
	r.buttons.attach(msgs, reply.Answer, i.GuildID, i.ChannelID)
	if _, err := r.editOriginal(ctx, i, msgs[0]); err != nil {
		// The edit failed even after the transport's retries: the answer
		// goes out as follow-ups instead, so the user still gets it (with
		// "thinking…" left above it).
		if ferr := r.followups(ctx, i, msgs); ferr != nil {
			return fmt.Errorf("edit response: %w; follow-up instead: %w", err, ferr)
		}
		return fmt.Errorf("%w: edit response: %w", errDeliveredAsFollowup, err)
	}
	return r.followups(ctx, i, msgs[1:])
}

// errDeliveredAsFollowup marks an answer that reached the user as
// follow-ups because the edit of the original response failed.
var errDeliveredAsFollowup = errors.New("answer sent as follow-ups")

// deliverEphemeralAfterDefer shows msgs to the asker only. The first
// follow-up after a public deferral would just fill in the public
// "thinking…" message (Discord ignores its ephemeral flag), so the
// original is first settled with a short notice, then the details follow
// privately, then the notice is removed.
func (r *responder) deliverEphemeralAfterDefer(ctx context.Context, i *discordgo.Interaction, msgs []outMessage) error {
	if _, err := r.editOriginal(ctx, i, outMessage{Content: textErrorNotice}); err != nil {
		return fmt.Errorf("edit response: %w", err)
	}
	for k := range msgs {
		msgs[k].Ephemeral = true
	}
	if err := r.followups(ctx, i, msgs); err != nil {
		return err
	}
	if err := r.api.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("delete notice: %w", err)
	}
	return nil
}

// respondDirect answers an interaction at once with reply (no deferral):
// the first message as the interaction response, the rest as follow-ups.
func (r *responder) respondDirect(ctx context.Context, i *discordgo.Interaction, reply bot.Reply) error {
	msgs := renderDiscord(reply, r.quoteRunes)
	if err := r.api.InteractionRespond(i, messageResponse(msgs[0]), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("respond: %w", err)
	}
	return r.followups(ctx, i, msgs[1:])
}

// messageResponse is an immediate interaction response carrying m.
func messageResponse(m outMessage) *discordgo.InteractionResponse {
	data := &discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions()}
	if m.Ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// deferredResponse acknowledges an interaction with "thinking…". It
// carries allowed_mentions too, so no response of ours lacks it.
func deferredResponse() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions()},
	}
}

// deferredFor is the deferral for i: private for the message command,
// which is run on someone else's message, public otherwise.
func deferredFor(i *discordgo.Interaction) *discordgo.InteractionResponse {
	r := deferredResponse()
	if ephemeralCommand(i) {
		r.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return r
}

// editOriginal replaces the original response's content and embeds.
func (r *responder) editOriginal(ctx context.Context, i *discordgo.Interaction, m outMessage) (*discordgo.Message, error) {
	content, embeds := m.Content, m.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{} // clears embeds of an earlier edit
	}
	components := m.Components
	if components == nil {
		components = []discordgo.MessageComponent{} // clears buttons of an earlier edit
	}
	edit := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
	delay := 50 * time.Millisecond
	for attempt := 0; ; attempt++ {
		msg, err := r.api.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx))
		if err == nil || !r.originalMayLag || restStatus(err) != http.StatusNotFound || attempt == 5 {
			return msg, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(delay):
			delay *= 2
		}
	}
}

// followups sends msgs as follow-up messages, in order.
func (r *responder) followups(ctx context.Context, i *discordgo.Interaction, msgs []outMessage) error {
	for _, m := range msgs {
		p := &discordgo.WebhookParams{Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions()}
		if m.Ephemeral {
			p.Flags = discordgo.MessageFlagsEphemeral
		}
		if _, err := r.api.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("follow-up: %w", err)
		}
	}
	return nil
}
