package discord

import (
	"context"
	"sync"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// onMessage handles MESSAGE_CREATE: any DM, a guild message that mentions
// the bot, or any message in a thread the bot started is a question (or a
// typed /ask, /sources, /help). A mention in a guild channel is answered in
// a new thread named after the question, whose later messages are
// follow-ups with the thread's history; without the permission to start
// threads (or with threads off) it is answered with a reply.
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
	mentioned := !isDM && mentionsUser(m, botID)
	if !d.work.enter() {
		return
	}
	defer d.work.leave()
	inThread := !isDM && d.threads.isOurs(d.workCtx, d.api, botID, m.ChannelID)
	if !isDM && !mentioned && !inThread {
		return
	}
	defer guard(d.log, "message_id", m.ID)
	if !d.seen.first(m.ID) {
		d.log.Info("discord: duplicate message ignored", "message_id", m.ID)
		return
	}
	text := m.Content
	if mentioned {
		text = stripBotMentions(text, botID)
	}
	turn := bot.Turn{
		ID: m.ID, UserID: m.Author.ID,
		ConversationID: conversationID(m.GuildID, m.ChannelID, m.Author.ID),
		Input:          bot.Parse(text),
	}
	dest := destination{channelID: m.ChannelID}
	switch {
	case isDM:
	case inThread:
		turn.ConversationID = "thread:" + m.ChannelID // everyone in the thread shares it
	case !d.cfg.Features.NoThreads && turn.Input.Command == bot.CmdAsk:
		if id, ok := d.startThread(d.workCtx, m, turn.Input.Question); ok {
			dest.channelID, turn.ConversationID = id, "thread:"+id
			break
		}
		fallthrough
	default:
		failIfGone := false
		dest.ref = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &failIfGone}
	}
	d.answerMessage(d.workCtx, m, turn, dest)
}

// destination is where a message's answer goes: a channel (the DM, the
// thread) and, for a reply, the message replied to.
type destination struct {
	channelID string
	ref       *discordgo.MessageReference
}

// answerMessage shows the typing indicator while the core answers, streams
// a generative answer into one message edited at most every
// StreamInterval, then sends the reply with its buttons.
func (d *Gateway) answerMessage(ctx context.Context, m *discordgo.Message, turn bot.Turn, dest destination) {
	start := time.Now()
	stopTyping := d.keepTyping(ctx, dest.channelID)
	live := &liveMessage{api: d.api, channelID: dest.channelID, ref: dest.ref}
	stream := startStream(d.cfg.StreamInterval, func(content string) { live.preview(ctx, content) })
	turn.OnDelta = stream.push
	reply := d.core.Handle(ctx, turn)
	stream.stop()
	stopTyping()
	msgs := renderDiscord(reply, d.cfg.QuoteRunes)
	if reply.Kind == bot.ReplyAnswer {
		d.resp.buttons.attach(msgs, reply.Answer, m.GuildID, dest.channelID)
	}
	err := live.finish(ctx, msgs)
	logTurn(d.log, "message_id", turn, m.GuildID, dest.channelID, start, reply, err)
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
