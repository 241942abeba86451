package discord_test

import (
	"encoding/json"
	"strings"
	"testing"

	"footnote/internal/fakediscord"
)

// requireNoMentionParse fails t for every message the bot sent to srv (a
// channel message, an interaction response, an edit or a follow-up) whose
// allowed_mentions is not an explicit empty parse list. Both harnesses run
// it when a test ends, so every reply path a test reaches is checked:
// answers, errors, ephemeral notices, /sources, /help, rate-limit and busy
// replies, the shutdown refusal.
func requireNoMentionParse(t testing.TB, srv *fakediscord.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		am, ok := allowedMentions(r)
		if ok && !strings.Contains(am, `"parse":[]`) {
			t.Errorf("%s %s: allowed_mentions = %s, want an explicit empty parse list; body %s", r.Method, r.Path, am, r.Body)
		}
	}
}

// allowedMentions returns the allowed_mentions JSON of a request that
// carries a message; ok is false for requests that carry none (PING's
// PONG, deletes, typing, command registration).
func allowedMentions(r fakediscord.Request) (string, bool) {
	switch {
	case r.Route("POST", "/channels/*/messages"),
		r.Route("PATCH", "/channels/*/messages/*"),
		r.Route("PATCH", "/webhooks/*/*/messages/*"),
		r.Route("POST", "/webhooks/*/*"):
		return r.RawField("allowed_mentions"), true
	case r.Route("POST", "/interactions/*/*/callback"):
		if t := r.JSON["type"]; t == float64(1) || t == float64(6) || t == float64(8) {
			return "", false // PONG, a deferred update, autocomplete choices
		}
		data, _ := r.JSON["data"].(map[string]any)
		b, _ := json.Marshal(data["allowed_mentions"])
		return string(b), true
	}
	return "", false
}
