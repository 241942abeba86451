package discord

import (
	"context"
	"fmt"
	"footnote/bot"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// onMessage handles MESSAGE_CREATE: any DM, or a guild message that
// mentions the bot, is a question (or a typed /ask, /sources, /help).
func (d *Gateway) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil {
		return
	}
	m := mc.Message
	botID := d.bot()
	if m.Author == nil || m.Author.Bot || m.Author.ID == botID {
		return // never answer bots, least of all ourselves
	}
	isDM := m.GuildID == ""
	if !isDM && !mentionsUser(m, botID) {
		return
	}
	if !d.work.enter() {
		return
	}
	defer d.work.leave()
	defer guard(d.log, "message_id", m.ID)
	if !d.seen.first(m.ID) {
		d.log.Info("discord: duplicate message ignored", "message_id", m.ID)
		return
	}
	text := m.Content
	if !isDM {
		text = stripBotMentions(text, botID)
	}
	turn := bot.Turn{
		ID: m.ID, UserID: m.Author.ID,
		ConversationID: conversationID(m.GuildID, m.ChannelID, m.Author.ID),
		Input:          bot.Parse(text),
	}
	d.answerMessage(d.workCtx, m, turn)
}

// answerMessage shows the typing indicator while the core answers, then
// sends the reply to the channel (in a guild, as a reply to the question).
func (d *Gateway) answerMessage(ctx context.Context, m *discordgo.Message, turn bot.Turn) {
	start := time.Now()
	stopTyping := d.keepTyping(ctx, m.ChannelID)
	reply := d.core.Handle(ctx, turn)
	stopTyping()
	var ref *discordgo.MessageReference
	if m.GuildID != "" {
		failIfGone := false
		ref = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &failIfGone}
	}
	err := d.send(ctx, m.ChannelID, renderDiscord(reply, d.cfg.QuoteRunes), ref)
	logTurn(d.log, "message_id", turn, m.GuildID, m.ChannelID, start, reply, err)
}

// send posts msgs to a channel in order; the first replies to ref.
func (d *Gateway) send(ctx context.Context, channelID string, msgs []outMessage, ref *discordgo.MessageReference) error {
	for k, msg := range msgs {
		out := &discordgo.MessageSend{Content: msg.Content, Embeds: msg.Embeds, AllowedMentions: noMentions()}
		if k == 0 {
			out.Reference = ref
		}
		if _, err := d.api.ChannelMessageSendComplex(channelID, out, discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("send message %d of %d: %w", k+1, len(msgs), err)
		}
	}
	return nil
}

// keepTyping shows the typing indicator now and refreshes it every
// TypingInterval until the returned stop is called. Failures only cost
// the indicator, so they are ignored.
func (d *Gateway) keepTyping(ctx context.Context, channelID string) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(d.cfg.TypingInterval)
		defer t.Stop()
		for {
			_ = d.api.ChannelTyping(channelID, discordgo.WithContext(ctx))
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		wg.Wait()
	}
}
