package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"footnote/bot"
	"footnote/discord"
	"footnote/feedback"
)

const serveUsage = `Usage: footnote serve [--http ADDR] [--corpus DIR]

Runs the Discord bot.

Without --http it connects to Discord's gateway (DISCORD_BOT_TOKEN required),
registers /ask, /sources and /help (in DISCORD_GUILD_ID, or globally), and
answers slash commands, direct messages and mentions.

With --http ADDR (for example :8080) it serves Discord's HTTP interactions
endpoint instead: requests are verified against DISCORD_PUBLIC_KEY, answered
with a deferred response, then edited through the REST API. Set the
application's Interactions Endpoint URL to this server.

With a corpus directory it re-indexes the directory when files are added,
changed or removed (FOOTNOTE_WATCH), and it polls FOOTNOTE_FEEDS into it
every FOOTNOTE_FEED_INTERVAL (see "footnote fetch").

SIGINT/SIGTERM stop taking questions, finish the ones in flight (bounded) and
close the connection.
`

func (a *app) cmdServe(ctx context.Context, args []string) error {
	cmd := a.newCommand("serve", serveUsage)
	httpAddr := cmd.fs.String("http", "", "serve the HTTP interactions endpoint on this address instead of the gateway")
	cfg, _, err := a.setup(cmd, args, 0)
	if err != nil {
		return err
	}
	// Check the settings the mode needs before the (possibly slow) index.
	if *httpAddr == "" && cfg.Discord.Token == "" {
		return errors.New("DISCORD_BOT_TOKEN is not set: create a bot in the Discord developer portal and put its token in the environment or .env")
	}
	var publicKey ed25519.PublicKey
	if *httpAddr != "" {
		if cfg.Discord.PublicKey == "" {
			return errors.New("DISCORD_PUBLIC_KEY is not set: --http mode verifies every request with the application's public key")
		}
		if publicKey, err = discord.ParsePublicKey(cfg.Discord.PublicKey); err != nil {
			return fmt.Errorf("DISCORD_PUBLIC_KEY: %w", err)
		}
	}
	logger := a.logger(cfg)
	if len(cfg.News.Feeds) > 0 && cfg.CorpusDir == "" {
		return errors.New("FOOTNOTE_FEEDS needs a corpus directory to save into: set FOOTNOTE_CORPUS_DIR or give --corpus")
	}
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true, watch: true})
	if err != nil {
		return err
	}
	core, err := newCoreLogged(eng, cfg, logger)
	if err != nil {
		return err
	}
	stopNews := a.startNews(ctx, cfg, eng, logger, true, core.SetSources)
	defer stopNews()
	logger.Info("footnote ready", "articles", len(eng.sources), "chunks", eng.chunks, "mode", eng.mode, "embedder", eng.embedderKey, "store", eng.storeName(cfg))
	features, err := discordFeatures(cfg)
	if err != nil {
		return err
	}
	if *httpAddr != "" {
		return serveHTTP(ctx, core, eng, cfg, publicKey, *httpAddr, features, logger)
	}
	d, err := discord.NewGateway(core, discord.GatewayConfig{
		Token:   cfg.Discord.Token,
		GuildID: cfg.Discord.GuildID,
		APIURL:  cfg.Discord.APIURL,

		ShardID:    cfg.Discord.ShardID,
		ShardCount: cfg.Discord.ShardCount,
		Features:   features,
	}, logger)
	if err != nil {
		return err
	}
	return discordReach(d.Run(ctx), cfg)
}

// newCoreLogged is newCore with the engine errors behind error replies
// logged: users see a short message, operators see the cause.
func newCoreLogged(eng *engine, cfg Config, logger *slog.Logger) (*bot.Core, error) {
	opts := coreOptions(eng, cfg)
	opts.HowToAsk = discord.HelpHowToAsk
	opts.OnError = func(t bot.Turn, err error) {
		attrs := []any{"turn_id", t.ID, "user_id", t.UserID, "conversation_id", t.ConversationID, "err", err}
		var p *bot.PanicError
		if errors.As(err, &p) {
			attrs = append(attrs, "stack", string(p.Stack))
		}
		logger.Error("question failed", attrs...)
	}
	return bot.New(opts)
}

// serveHTTP runs the interactions endpoint until ctx is cancelled, then
// drains it.
func serveHTTP(ctx context.Context, core *bot.Core, eng *engine, cfg Config, key ed25519.PublicKey, addr string, features discord.Features, logger *slog.Logger) error {
	h, err := discord.NewInteractionsHandler(core, discord.InteractionsConfig{
		Features:  features,
		PublicKey: key,
		APIURL:    cfg.Discord.APIURL,
		Token:     cfg.Discord.Token,
		AppID:     cfg.Discord.AppID,
		GuildID:   cfg.Discord.GuildID,
	}, logger)
	if err != nil {
		return err
	}
	if cfg.Discord.Token != "" {
		if err := h.RegisterCommands(ctx); err != nil {
			return fmt.Errorf("register slash commands: %w", err)
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: withHealth(h, eng), ReadHeaderTimeout: 10 * time.Second}
	logger.Info("interactions endpoint listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), discord.DefaultShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		logger.Warn("http shutdown", "err", err)
	}
	return h.Shutdown(shutCtx)
}

// discordFeatures configures buttons, feedback and threads: votes go to
// the feedback log in the index directory (none when persistence is off).
func discordFeatures(cfg Config) (discord.Features, error) {
	f := discord.Features{NoThreads: cfg.Discord.NoThreads}
	if cfg.Discord.ComponentSecret != "" {
		f.ComponentSecret = []byte(cfg.Discord.ComponentSecret)
	}
	if cfg.IndexDir != "" {
		log, err := feedback.OpenFile(feedbackPath(cfg))
		if err != nil {
			return discord.Features{}, err
		}
		f.Feedback = log
	}
	return f, nil
}

// discordReach names the Discord origin and its setting when err is a
// failure to reach it (a wrong DISCORD_API_URL, no network).
func discordReach(err error, cfg Config) error {
	var op *net.OpError
	if err == nil || !errors.As(err, &op) {
		return err
	}
	host := cfg.Discord.APIURL
	if u, perr := url.Parse(cfg.Discord.APIURL); perr == nil && u.Host != "" {
		host = u.Host // only the host: the URL may carry credentials
	}
	return fmt.Errorf("cannot reach Discord at %s (DISCORD_API_URL): %w", host, op)
}
