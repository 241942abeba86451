// Package discord carries footnote's conversation core (package
// footnote/bot) to Discord. It is the only package that imports discordgo:
// the gateway adapter ([Gateway]), the HTTP interactions endpoint
// ([InteractionsHandler]) with its Ed25519 request verification, the
// rendering of replies as Discord markdown and embeds, streaming edits, and
// the REST transport that can point discordgo at another origin.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// DefaultTypingInterval is how often the typing indicator is refreshed
// while a message is being answered (Discord shows it for about 10 s).
const DefaultTypingInterval = 8 * time.Second

// DefaultHTTPTimeout bounds one REST call to Discord.
const DefaultHTTPTimeout = 20 * time.Second

// GatewayConfig configures the gateway adapter. Zero values get defaults.
type GatewayConfig struct {
	// Token is the bot token (with or without its "Bot " prefix). Required.
	Token string
	// GuildID, when set, registers the slash commands in that guild only
	// (instantly visible, good for testing); else globally.
	GuildID string
	// APIURL is the origin of the Discord API, default https://discord.com.
	// Requests keep their /api/vN/... path; the gateway URL is fetched from
	// this origin too.
	APIURL string
	// StreamInterval is the least time between two edits showing a
	// streaming answer. Default DefaultStreamInterval.
	StreamInterval time.Duration
	// TypingInterval is how often the typing indicator is refreshed while a
	// message is being answered. Default DefaultTypingInterval.
	TypingInterval time.Duration
	// ShutdownTimeout bounds the wait for answers under way when Run's
	// context is cancelled. Default DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// QuoteRunes caps the quoted snippet of each source. Default
	// DefaultQuoteRunes.
	QuoteRunes int
	// HTTPTimeout bounds one REST call. Default DefaultHTTPTimeout.
	HTTPTimeout time.Duration
	// Features configures buttons, feedback and threads.
	Features Features
	// ShardID and ShardCount split the gateway across processes: this
	// process receives the events of guilds whose shard is ShardID of
	// ShardCount (DMs arrive on shard 0). ShardCount 0 or 1 means one
	// process. Only shard 0 registers the slash commands.
	ShardID, ShardCount int
}

// ErrShard is returned by NewGateway and CheckShard for a shard outside
// 0..ShardCount-1.
var ErrShard = errors.New("discord: shard ID must be from 0 to shard count - 1")

// CheckShard reports whether id of count is a valid shard (count 0 or 1:
// unsharded, id must be 0). cmd/footnote's config calls it to name the
// settings; NewGateway calls it again for other callers.
func CheckShard(id, count int) error {
	if count < 0 || id < 0 || (count > 1 && id >= count) || (count <= 1 && id != 0) {
		return fmt.Errorf("%w (got %d of %d)", ErrShard, id, count)
	}
	return nil
}

// Gateway is the gateway adapter: it logs in as the bot, registers /ask,
// /sources and /help, and answers slash commands, DMs and mentions through
// the Core.
type Gateway struct {
	core    *bot.Core
	cfg     GatewayConfig
	log     *slog.Logger
	session *discordgo.Session
	api     discordAPI
	resp    *responder
	// seen drops events Discord delivers twice (a gateway resume replays
	// them) before they are even acknowledged, which happens before the
	// core, with its own dedupe, sees the turn.
	seen *dedupe
	work inflight
	// threads remembers the threads the bot started.
	threads *threads

	// workCtx parents every answer; it outlives Run's context so answers
	// under way can finish during a shutdown, and is cancelled when the
	// shutdown's wait runs out.
	workCtx    context.Context
	cancelWork context.CancelFunc

	botMu sync.RWMutex
	botID string

	disconnected chan struct{}
}

// NewGateway checks cfg and prepares the adapter; Run connects.
func NewGateway(core *bot.Core, cfg GatewayConfig, logger *slog.Logger) (*Gateway, error) {
	if core == nil {
		return nil, errors.New("discord: core is nil")
	}
	if bareToken(cfg.Token) == "" {
		return nil, ErrNoToken
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := CheckShard(cfg.ShardID, cfg.ShardCount); err != nil {
		return nil, err
	}
	cfg = withGatewayDefaults(cfg)
	s, err := newSession(cfg.Token, cfg.APIURL, cfg.HTTPTimeout)
	if err != nil {
		return nil, err
	}
	if cfg.ShardCount > 1 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	d := &Gateway{
		core: core, cfg: cfg, log: logger, session: s, api: s,
		seen:         newDedupe(DefaultDedupeSize),
		threads:      newThreads(),
		disconnected: make(chan struct{}, 1),
	}
	d.resp = &responder{api: s, core: core, streamInterval: cfg.StreamInterval, quoteRunes: cfg.QuoteRunes,
		buttons: cfg.Features.components(cfg.Token)}
	d.workCtx, d.cancelWork = context.WithCancel(context.Background())
	s.AddHandler(d.onInteraction)
	s.AddHandler(d.onMessage)
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		select {
		case d.disconnected <- struct{}{}:
		default:
		}
	})
	return d, nil
}

// withGatewayDefaults fills cfg's zero (or negative) fields.
func withGatewayDefaults(cfg GatewayConfig) GatewayConfig {
	defaultPositive(&cfg.StreamInterval, DefaultStreamInterval)
	defaultPositive(&cfg.TypingInterval, DefaultTypingInterval)
	defaultPositive(&cfg.ShutdownTimeout, DefaultShutdownTimeout)
	defaultPositive(&cfg.QuoteRunes, DefaultQuoteRunes)
	defaultPositive(&cfg.HTTPTimeout, DefaultHTTPTimeout)
	return cfg
}

// defaultPositive sets *v to def unless it is positive.
func defaultPositive[T ~int | ~int64](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Run checks the token, opens the gateway, registers the slash commands
// and serves until ctx is cancelled. Then it stops taking questions, waits
// up to ShutdownTimeout for answers under way, closes the gateway and
// returns nil. A rejected token ends it at once with ErrBadToken; lost
// connections are re-established with backoff.
func (d *Gateway) Run(ctx context.Context) error {
	defer d.cancelWork()
	if err := d.checkToken(ctx); err != nil {
		return err
	}
	if err := d.connect(ctx); err != nil {
		return err
	}
	if ctx.Err() != nil { // cancelled while still connecting
		d.shutdown()
		return nil
	}
	if err := d.registerCommands(ctx); err != nil {
		d.shutdown()
		return err
	}
	d.log.Info("discord connected", "bot_id", d.bot(), "guild_id", d.cfg.GuildID)
	for {
		select {
		case <-ctx.Done():
			d.shutdown()
			return nil
		case <-d.disconnected:
			if err := d.reconnect(ctx); err != nil {
				d.shutdown()
				return err
			}
		}
	}
}

// checkToken asks Discord who the bot is: a wrong token fails here with
// ErrBadToken, before any gateway traffic, and the bot's user ID is needed
// to spot mentions and its own messages. Only a 401 is final at once: any
// other failure (a 5xx the transport's retries did not outlast, a dropped
// connection) is tried again, startupAttempts times in all, with a
// doubling wait.
func (d *Gateway) checkToken(ctx context.Context) error {
	wait := startupBackoff
	for attempt := 1; ; attempt++ {
		me, err := d.api.User("@me", discordgo.WithContext(ctx))
		switch {
		case restStatus(err) == http.StatusUnauthorized:
			return ErrBadToken
		case err == nil && (me == nil || me.ID == ""):
			return errors.New("discord: check bot token: no user in the answer")
		case err == nil:
			d.setBot(me.ID)
			return nil
		case ctx.Err() != nil || attempt == startupAttempts:
			return fmt.Errorf("discord: check bot token: %w", err)
		}
		d.log.Warn("discord: check bot token failed; retrying", "attempt", attempt, "wait", wait.String(), "err", redact(err, d.cfg.Token))
		select {
		case <-ctx.Done():
			return fmt.Errorf("discord: check bot token: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// startupAttempts and startupBackoff are how often, and after how long a
// first wait, checkToken asks again.
const (
	startupAttempts = 5
	startupBackoff  = 500 * time.Millisecond
)

func (d *Gateway) bot() string {
	d.botMu.RLock()
	defer d.botMu.RUnlock()
	return d.botID
}

func (d *Gateway) setBot(id string) {
	d.botMu.Lock()
	defer d.botMu.Unlock()
	d.botID = id
}

// shutdown stops taking questions, waits (bounded) for those under way,
// cancels what is left and closes the gateway.
func (d *Gateway) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), d.cfg.ShutdownTimeout)
	defer cancel()
	if !d.work.close(ctx) {
		d.log.Warn("discord shutdown: answers still under way were cancelled", "timeout", d.cfg.ShutdownTimeout.String())
	}
	d.cancelWork()
	if err := d.session.Close(); err != nil {
		d.log.Warn("discord shutdown: close gateway", "err", err.Error())
	}
}
