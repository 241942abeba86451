package discord

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"footnote/internal/lru"
)

// maxThreadName is Discord's limit on a thread's name.
const maxThreadName = 100

// threadMemory bounds how many channels are remembered as threads the bot
// started, or not.
const threadMemory = 4096

// threads remembers which channels are threads the bot started: messages
// there are follow-ups that need no mention. A channel not seen yet is
// looked up once (GET /channels/{id}), so threads started before a restart
// keep working.
type threads struct {
	mu   sync.Mutex
	ours *lru.Cache[string, bool]
}

func newThreads() *threads { return &threads{ours: lru.New[string, bool](threadMemory)} }

// started records a thread the bot just started.
func (t *threads) started(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ours.Put(id, true)
}

// isOurs reports whether channelID is a thread the bot started.
func (t *threads) isOurs(ctx context.Context, api messageAPI, botID, channelID string) bool {
	t.mu.Lock()
	ours, known := t.ours.Get(channelID)
	t.mu.Unlock()
	if known {
		return ours
	}
	ch, err := api.Channel(channelID, discordgo.WithContext(ctx))
	if err != nil {
		return false // not remembered: a later message asks again
	}
	ours = ch.IsThread() && ch.OwnerID == botID
	t.mu.Lock()
	t.ours.Put(channelID, ours)
	t.mu.Unlock()
	return ours
}

// threadName is a thread's name for question: on one line, mentions
// defused, cut at a word to Discord's limit.
func threadName(question string) string {
	name := strings.Join(strings.Fields(Escape(question)), " ")
	if name == "" {
		name = "Question"
	}
	if utf8.RuneCountInString(name) <= maxThreadName {
		return name
	}
	cut := string([]rune(name)[:maxThreadName-1])
	if i := strings.LastIndexByte(cut, ' '); i > maxThreadName/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// startThread starts a public thread on m named after question. ok is
// false when the bot may not (no Create Public Threads permission, or
// threads are off in this channel): the caller then replies instead.
func (d *Gateway) startThread(ctx context.Context, m *discordgo.Message, question string) (string, bool) {
	ch, err := d.api.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
		Name: threadName(question), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
	}, discordgo.WithContext(ctx))
	if err != nil {
		if s := restStatus(err); s == http.StatusForbidden || s == http.StatusBadRequest {
			d.log.Info("discord: cannot start a thread, replying instead", "channel_id", m.ChannelID, "status", s)
		} else {
			d.log.Warn("discord: start thread", "channel_id", m.ChannelID, "err", err.Error())
		}
		return "", false
	}
	d.threads.started(ch.ID)
	return ch.ID, true
}
