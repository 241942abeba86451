package discord

import (
	"log/slog"
	"strings"
	"time"

	"footnote/answer"
	"footnote/bot"
)

// logTurn writes the one log line per handled question or command.
func logTurn(logger *slog.Logger, idKey string, t bot.Turn, guildID, channelID string, start time.Time, reply bot.Reply, err error, secrets ...string) {
	attrs := []any{
		idKey, t.ID, "user_id", t.UserID, "guild_id", guildID, "channel_id", channelID,
		"command", string(t.Input.Command), "reply", string(reply.Kind),
		"latency_ms", time.Since(start).Milliseconds(),
	}
	if a := reply.Answer; a != nil {
		attrs = append(attrs, "mode", a.Mode, "answered", a.Answered, "sources", citedSources(a.Citations))
		if c := a.Check; c != nil {
			attrs = append(attrs, "claims_checked", c.Checked, "claims_moved", c.Moved, "claims_dropped", c.Dropped, "claims_unsupported", c.Unsupported)
		}
	}
	if err != nil {
		attrs = append(attrs, "err", redact(err, secrets...))
		logger.Warn("discord turn", attrs...)
		return
	}
	logger.Info("discord turn", attrs...)
}

// citedSources lists the distinct files an answer cites, in order.
func citedSources(cites []answer.Citation) string {
	var files []string
	seen := map[string]bool{}
	for _, c := range cites {
		if !seen[c.Source] {
			seen[c.Source] = true
			files = append(files, c.Source)
		}
	}
	return strings.Join(files, ",")
}
