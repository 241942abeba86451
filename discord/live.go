package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxPreviewWait caps how long a rate-limited preview edit waits before
// it is given up (the next one shows the text anyway).
const maxPreviewWait = 2 * time.Second

// liveMessage is a channel answer that may grow while it streams: the
// first preview sends the message, later ones edit it, and finish puts the
// final reply in it (and sends any further messages).
type liveMessage struct {
	api       messageAPI
	channelID string
	ref       *discordgo.MessageReference

	mu sync.Mutex
	id string // the message shown so far; "" before the first preview
}

// preview shows content as the answer so far. A 429 is waited out once,
// for at most maxPreviewWait; other failures only cost the preview.
func (l *liveMessage) preview(ctx context.Context, content string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for attempt := 0; attempt < 2; attempt++ {
		err := l.showLocked(ctx, outMessage{Content: content}, discordgo.WithRetryOnRatelimit(false))
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) {
			return
		}
		wait := min(rl.RetryAfter, maxPreviewWait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// finish delivers msgs: the first replaces the preview (or is sent, as the
// reply, when nothing streamed), the rest follow.
func (l *liveMessage) finish(ctx context.Context, msgs []outMessage) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, msg := range msgs {
		if k > 0 {
			l.id = "" // every later message is a new one
		}
		if err := l.showLocked(ctx, msg); err != nil {
			return fmt.Errorf("send message %d of %d: %w", k+1, len(msgs), err)
		}
	}
	return nil
}

// showLocked edits the live message into msg, or sends msg when there is
// none yet. l.mu must be held.
func (l *liveMessage) showLocked(ctx context.Context, msg outMessage, opts ...discordgo.RequestOption) error {
	opts = append(opts, discordgo.WithContext(ctx))
	if l.id == "" {
		out := &discordgo.MessageSend{Content: msg.Content, Embeds: msg.Embeds, Components: msg.Components, AllowedMentions: noMentions(), Reference: l.ref}
		sent, err := l.api.ChannelMessageSendComplex(l.channelID, out, opts...)
		if err != nil {
			return err
		}
		l.id, l.ref = sent.ID, nil
		return nil
	}
	content, embeds, components := msg.Content, msg.Embeds, msg.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	edit := &discordgo.MessageEdit{ID: l.id, Channel: l.channelID, Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
	_, err := l.api.ChannelMessageEditComplex(edit, opts...)
	if restStatus(err) == http.StatusNotFound {
		// The preview was deleted: send the answer anew.
		l.id = ""
		return l.showLocked(ctx, msg, opts...)
	}
	return err
}
