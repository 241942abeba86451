package discord

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// deferTimeout bounds the deferral call; Discord drops an interaction not
// acknowledged within 3 s anyway.
const deferTimeout = 3 * time.Second

// onInteraction handles INTERACTION_CREATE from the gateway.
func (d *Gateway) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	if !d.work.enter() {
		d.refuseShuttingDown(i)
		return
	}
	defer d.work.leave()
	defer guard(d.log, "interaction_id", i.ID)
	if !d.seen.first(i.ID) {
		d.log.Info("discord: duplicate interaction ignored", "interaction_id", i.ID)
		return
	}
	d.handleInteraction(d.workCtx, i)
}

// handleInteraction answers one command interaction: /ask is deferred at
// once and answered by editing the response; /sources and /help are
// answered directly.
func (d *Gateway) handleInteraction(ctx context.Context, i *discordgo.Interaction) {
	start := time.Now()
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		cctx, cancel := context.WithTimeout(ctx, deferTimeout)
		defer cancel()
		err := d.api.InteractionRespond(i, d.resp.buttons.click(cctx, i), discordgo.WithContext(cctx))
		d.logClick(i, start, err)
		return
	case discordgo.InteractionApplicationCommandAutocomplete:
		cctx, cancel := context.WithTimeout(ctx, deferTimeout)
		defer cancel()
		_ = d.api.InteractionRespond(i, autocomplete(d.core, i), discordgo.WithContext(cctx))
		return
	}
	turn, ok := interactionTurn(i)
	if !ok {
		if i.Type == discordgo.InteractionApplicationCommand {
			err := d.resp.respondDirect(ctx, i, bot.Reply{Kind: bot.ReplyError, Text: textUnknownCmd})
			logTurn(d.log, "interaction_id", bot.Turn{ID: i.ID, UserID: interactionUserID(i)}, i.GuildID, i.ChannelID, start, bot.Reply{Kind: bot.ReplyError}, err, i.Token)
		}
		return
	}
	var (
		reply bot.Reply
		err   error
	)
	if turn.Input.Command == bot.CmdAsk {
		reply, err = d.ask(ctx, i, turn)
	} else {
		reply = d.core.Handle(ctx, turn)
		err = d.resp.respondDirect(ctx, i, reply)
	}
	logTurn(d.log, "interaction_id", turn, i.GuildID, i.ChannelID, start, reply, err, i.Token)
}

// ask defers the interaction, then answers it.
func (d *Gateway) ask(ctx context.Context, i *discordgo.Interaction, turn bot.Turn) (bot.Reply, error) {
	dctx, cancel := context.WithTimeout(ctx, deferTimeout)
	err := d.api.InteractionRespond(i, deferredFor(i), discordgo.WithContext(dctx))
	cancel()
	if err != nil {
		return bot.Reply{}, fmt.Errorf("defer: %w", err)
	}
	return d.resp.answerDeferred(ctx, i, turn)
}

// refuseShuttingDown tells the user, privately, to ask again later: an
// interaction left unanswered shows them an error.
func (d *Gateway) refuseShuttingDown(i *discordgo.Interaction) {
	ctx, cancel := context.WithTimeout(context.Background(), deferTimeout)
	defer cancel()
	msg := outMessage{Content: textShuttingDown, Ephemeral: true}
	_ = d.api.InteractionRespond(i, messageResponse(msg), discordgo.WithContext(ctx))
}

// guard, deferred at the root of every goroutine that handles an event
// (gateway interactions and messages, deferred HTTP answers), keeps a
// panicking handler from taking the bot down and logs it once. It is the
// transport's one recovery point; the engine's panics are already turned
// into error replies by the core.
func guard(log *slog.Logger, idKey, id string) {
	if p := recover(); p != nil {
		log.Error("discord handler panicked", idKey, id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	}
}
