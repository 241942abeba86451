package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// Backoff between gateway connection attempts.
const (
	reconnectFirstWait = time.Second
	reconnectMaxWait   = time.Minute
)

// connect opens the gateway, retrying transient failures with backoff
// until ctx ends. A rejected token or session ends it with an error.
func (d *Gateway) connect(ctx context.Context) error {
	wait := reconnectFirstWait
	for {
		err := d.session.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		if fatal := classifyGatewayError(err); fatal != nil {
			return fatal
		}
		d.log.Warn("discord gateway connect failed; retrying", "err", err.Error(), "retry_in", wait.String())
		select {
		case <-ctx.Done():
			return nil // Run sees ctx.Done and shuts down
		case <-time.After(wait):
		}
		wait = min(2*wait, reconnectMaxWait)
	}
}

// reconnect re-establishes a lost gateway connection. discordgo's own
// reconnect loop is off (it would retry a revoked token forever), so the
// adapter does it and stops on a fatal close code.
func (d *Gateway) reconnect(ctx context.Context) error {
	if ctx.Err() != nil {
		return nil
	}
	d.log.Warn("discord gateway disconnected; reconnecting")
	if err := d.connect(ctx); err != nil {
		return err
	}
	if ctx.Err() == nil {
		d.log.Info("discord gateway reconnected")
	}
	return nil
}

// commands are the slash commands the bot registers.
// minPage is the least /sources page.
var minPage = 1.0

// dayLength is the length of a YYYY-MM-DD date option.
var dayLength = 10

func commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{
			Name:        string(bot.CmdAsk),
			Description: "Ask a question about the news articles",
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "question",
				Description: "Your question",
				Required:    true,
			}, {
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         "source",
				Description:  "Answer from this article only",
				Autocomplete: true,
			}, {
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "since",
				Description: "Only articles dated on or after this day (YYYY-MM-DD)",
				MinLength:   &dayLength,
				MaxLength:   10,
			}, {
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "until",
				Description: "Only articles dated on or before this day (YYYY-MM-DD)",
				MinLength:   &dayLength,
				MaxLength:   10,
			}},
		},
		{Name: AskMessageCommand, Type: discordgo.MessageApplicationCommand},
		{Name: string(bot.CmdSources), Description: "List the articles I answer from, newest first", Options: []*discordgo.ApplicationCommandOption{{
			Type:        discordgo.ApplicationCommandOptionInteger,
			Name:        "page",
			Description: fmt.Sprintf("Which page of the list (%d articles a page)", SourcesPerPage),
			MinValue:    &minPage,
		}, {
			Type:        discordgo.ApplicationCommandOptionString,
			Name:        "query",
			Description: "Only articles whose file or title holds this",
		}}},
		{Name: string(bot.CmdHelp), Description: "How to use this bot", Options: []*discordgo.ApplicationCommandOption{}},
	}
}

// registerCommands overwrites the application's commands in bulk (in the
// configured guild, or globally). A refused token is fatal; other failures
// are logged, since commands registered earlier still work and DMs and
// mentions do not need them.
func (d *Gateway) registerCommands(ctx context.Context) error {
	if d.cfg.ShardID != 0 {
		return nil // shard 0 registers them for every shard
	}
	appID := d.appID()
	if appID == "" {
		d.log.Warn("discord: READY carried no application ID; slash commands not registered")
		return nil
	}
	_, err := d.api.ApplicationCommandBulkOverwrite(appID, d.cfg.GuildID, commands(), discordgo.WithContext(ctx))
	switch {
	case restStatus(err) == http.StatusUnauthorized:
		return ErrBadToken
	case err != nil:
		d.log.Warn("discord: register slash commands", "err", err.Error(), "guild_id", d.cfg.GuildID)
	}
	return nil
}

// appID is the application ID from READY.
func (d *Gateway) appID() string {
	st := d.session.State
	if st == nil {
		return ""
	}
	st.RLock()
	defer st.RUnlock()
	if st.Application == nil {
		return ""
	}
	return st.Application.ID
}
