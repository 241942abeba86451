package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// Defaults of the HTTP interactions endpoint.
const (
	DefaultMaxBodyBytes = 64 << 10
	DefaultMaxClockSkew = 5 * time.Minute
)

// InteractionsConfig configures the HTTP interactions endpoint. Zero
// values get defaults.
type InteractionsConfig struct {
	// PublicKey is the application's public key (see ParsePublicKey).
	// Required: every request must carry Discord's signature.
	PublicKey ed25519.PublicKey
	// APIURL is the origin of the Discord API for the webhook edits that
	// deliver answers, default https://discord.com.
	APIURL string
	// Token is the bot token. Answering does not need it (the interaction
	// token authorises webhook calls); RegisterCommands does.
	Token string
	// AppID is the application ID for RegisterCommands; empty means look
	// it up with the token.
	AppID string
	// GuildID, when set, makes RegisterCommands register in that guild.
	GuildID string
	// MaxBodyBytes bounds a request body. Default DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxClockSkew rejects requests whose signed timestamp is further than
	// this from now. Default DefaultMaxClockSkew; negative disables.
	MaxClockSkew time.Duration
	// StreamInterval, ShutdownTimeout, QuoteRunes and HTTPTimeout are as in
	// GatewayConfig.
	StreamInterval  time.Duration
	ShutdownTimeout time.Duration
	QuoteRunes      int
	HTTPTimeout     time.Duration
	// Now is the clock for the timestamp check; default time.Now.
	Now func() time.Time
	// Features configures buttons and feedback (threads need the gateway).
	Features Features
}

// InteractionsHandler is an http.Handler for Discord's HTTP interactions
// mode (the application's "Interactions Endpoint URL"): it verifies each
// request's signature, answers PING, defers /ask in the HTTP response and
// delivers the answer by editing the response through the REST API.
type InteractionsHandler struct {
	core *bot.Core
	cfg  InteractionsConfig
	log  *slog.Logger
	reg  registerAPI
	resp *responder
	seen *dedupe // as in Discord: duplicates are dropped before the deferral
	work inflight

	workCtx    context.Context
	cancelWork context.CancelFunc
}

// NewInteractionsHandler checks cfg and returns the endpoint handler. Call
// Shutdown after the HTTP server has stopped, to let answers finish.
func NewInteractionsHandler(core *bot.Core, cfg InteractionsConfig, logger *slog.Logger) (*InteractionsHandler, error) {
	if core == nil {
		return nil, errors.New("discord interactions: core is nil")
	}
	if len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("discord interactions: public key is missing or not 32 bytes")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = withInteractionsDefaults(cfg)
	s, err := newSession(cfg.Token, cfg.APIURL, cfg.HTTPTimeout)
	if err != nil {
		return nil, fmt.Errorf("discord interactions: %w", err)
	}
	h := &InteractionsHandler{core: core, cfg: cfg, log: logger, reg: s, seen: newDedupe(DefaultDedupeSize)}
	h.resp = &responder{api: s, core: core, streamInterval: cfg.StreamInterval, quoteRunes: cfg.QuoteRunes, originalMayLag: true,
		buttons: cfg.Features.components(cfg.Token)}
	h.workCtx, h.cancelWork = context.WithCancel(context.Background())
	return h, nil
}

// withInteractionsDefaults fills cfg's zero fields (MaxClockSkew may be
// negative: that disables the check).
func withInteractionsDefaults(cfg InteractionsConfig) InteractionsConfig {
	defaultPositive(&cfg.MaxBodyBytes, DefaultMaxBodyBytes)
	if cfg.MaxClockSkew == 0 {
		cfg.MaxClockSkew = DefaultMaxClockSkew
	}
	defaultPositive(&cfg.StreamInterval, DefaultStreamInterval)
	defaultPositive(&cfg.ShutdownTimeout, DefaultShutdownTimeout)
	defaultPositive(&cfg.QuoteRunes, DefaultQuoteRunes)
	defaultPositive(&cfg.HTTPTimeout, DefaultHTTPTimeout)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}

// ServeHTTP implements http.Handler.
func (h *InteractionsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	err = verifySignature(h.cfg.PublicKey, r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body, h.cfg.MaxClockSkew, h.cfg.Now())
	if err != nil {
		h.log.Warn("discord interactions: rejected request", "reason", err.Error(), "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "invalid interaction JSON", http.StatusBadRequest)
		return
	}
	switch i.Type {
	case discordgo.InteractionPing:
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommand:
		h.command(w, &i)
	case discordgo.InteractionMessageComponent:
		ctx, cancel := context.WithTimeout(h.workCtx, deferTimeout)
		writeJSON(w, h.resp.buttons.click(ctx, &i))
		cancel()
	case discordgo.InteractionApplicationCommandAutocomplete:
		writeJSON(w, autocomplete(h.core, &i))
	default:
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
	}
}

// command answers an application command: /ask with a deferral now and
// the answer later; /sources and /help at once.
func (h *InteractionsHandler) command(w http.ResponseWriter, i *discordgo.Interaction) {
	start := time.Now()
	turn, ok := interactionTurn(i)
	if !ok {
		writeJSON(w, messageResponse(outMessage{Content: textUnknownCmd, Ephemeral: true}))
		return
	}
	if !h.work.enter() {
		writeJSON(w, messageResponse(outMessage{Content: textShuttingDown, Ephemeral: true}))
		return
	}
	if !h.seen.first(i.ID) {
		h.work.leave()
		h.log.Info("discord: duplicate interaction ignored", "interaction_id", i.ID)
		writeJSON(w, deferredResponse())
		return
	}
	if turn.Input.Command == bot.CmdAsk {
		writeJSON(w, deferredFor(i))
		go h.answer(i, turn, start)
		return
	}
	defer h.work.leave()
	reply := h.core.Handle(h.workCtx, turn)
	msgs := renderDiscord(reply, h.cfg.QuoteRunes)
	writeJSON(w, messageResponse(msgs[0]))
	var err error
	if len(msgs) > 1 {
		err = h.resp.followups(h.workCtx, i, msgs[1:])
	}
	logTurn(h.log, "interaction_id", turn, i.GuildID, i.ChannelID, start, reply, err, i.Token)
}

// answer delivers a deferred /ask answer; it runs after the HTTP response.
func (h *InteractionsHandler) answer(i *discordgo.Interaction, turn bot.Turn, start time.Time) {
	defer h.work.leave()
	defer guard(h.log, "interaction_id", i.ID)
	reply, err := h.resp.answerDeferred(h.workCtx, i, turn)
	logTurn(h.log, "interaction_id", turn, i.GuildID, i.ChannelID, start, reply, err, i.Token)
}

// writeJSON writes v as a 200 JSON answer and flushes it, so Discord has
// the response before any follow-up work starts.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// Shutdown stops taking questions and waits until the answers under way
// are delivered or ctx ends, then cancels what is left. Stop the HTTP
// server first.
func (h *InteractionsHandler) Shutdown(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, h.cfg.ShutdownTimeout)
	defer cancel()
	finished := h.work.close(ctx)
	h.cancelWork()
	if !finished {
		return errors.New("discord interactions: shutdown: answers still under way were cancelled")
	}
	return nil
}

// RegisterCommands registers /ask, /sources and /help in bulk (in GuildID,
// or globally). It needs the bot token; a rejected one gives ErrBadToken.
func (h *InteractionsHandler) RegisterCommands(ctx context.Context) error {
	if bareToken(h.cfg.Token) == "" {
		return ErrNoToken
	}
	appID := h.cfg.AppID
	if appID == "" {
		app, err := h.reg.Application("@me") // discordgo takes no context here; the client's timeout bounds it
		if restStatus(err) == http.StatusUnauthorized {
			return ErrBadToken
		}
		if err != nil {
			return fmt.Errorf("discord: look up application ID: %w", err)
		}
		appID = app.ID
	}
	_, err := h.reg.ApplicationCommandBulkOverwrite(appID, h.cfg.GuildID, commands(), discordgo.WithContext(ctx))
	if restStatus(err) == http.StatusUnauthorized {
		return ErrBadToken
	}
	if err != nil {
		return fmt.Errorf("discord: register slash commands: %w", err)
	}
	return nil
}
