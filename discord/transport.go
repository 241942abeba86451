package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultDiscordAPIURL is the origin of Discord's API.
const DefaultDiscordAPIURL = "https://discord.com"

// discordHost is the host discordgo builds every REST URL on.
const discordHost = "discord.com"

// redirectTransport sends requests that discordgo addresses to discord.com
// to another origin (a fake Discord in tests, a proxy in production),
// keeping the /api/vN/... path. It rewrites per request instead of changing
// discordgo's package-level Endpoint variables, which would affect every
// session in the process.
type redirectTransport struct {
	base   http.RoundTripper
	origin *url.URL
}

// RoundTrip implements http.RoundTripper. It must not modify r, so it
// rewrites a clone.
func (t redirectTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == discordHost {
		r = r.Clone(r.Context())
		r.URL.Scheme = t.origin.Scheme
		r.URL.Host = t.origin.Host
		r.URL.Path = strings.TrimSuffix(t.origin.Path, "/") + r.URL.Path
		r.URL.RawPath = ""
		r.Host = t.origin.Host
	}
	return t.base.RoundTrip(r)
}

// CheckAPIURL reports whether raw can be the APIURL of a [GatewayConfig] or
// [InteractionsConfig]: an http(s) origin such as "https://discord.com" or
// "http://127.0.0.1:8080", without query or fragment. Empty means the real
// Discord. The error never repeats the URL, which may carry credentials.
// cmd/footnote's config calls it to name the setting (DISCORD_API_URL).
func CheckAPIURL(raw string) error {
	_, err := parseAPIURL(raw)
	return err
}

// parseAPIURL is CheckAPIURL returning the parsed origin.
func parseAPIURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultDiscordAPIURL
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, errors.New("not a valid URL")
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return nil, errors.New("want an http(s) origin like https://discord.com")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, errors.New("must not have a query or fragment")
	}
	return u, nil
}

// bareToken is the token without surrounding space or a pasted "Bot "
// prefix; "" when nothing else is left.
func bareToken(token string) string {
	token = strings.TrimSpace(token)
	if token == "Bot" {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(token, "Bot "))
}

// botAuthorization is the Authorization header value for a bot token.
func botAuthorization(token string) string {
	if t := bareToken(token); t != "" {
		return "Bot " + t
	}
	return ""
}

// newSession builds a discordgo Session whose REST calls (and so the
// gateway URL it fetches) go to apiURL. token may be empty for a session
// that only answers interactions through their webhook tokens.
func newSession(token, apiURL string, timeout time.Duration) (*discordgo.Session, error) {
	origin, err := parseAPIURL(apiURL)
	if err != nil {
		return nil, fmt.Errorf("discord API URL: %w", err)
	}
	s, err := discordgo.New(botAuthorization(token))
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	var rt http.RoundTripper = http.DefaultTransport
	if origin.Host != discordHost || origin.Scheme != "https" || strings.Trim(origin.Path, "/") != "" {
		rt = redirectTransport{base: http.DefaultTransport, origin: origin}
	}
	// Every REST call is retried on 5xx and dropped connections, in one
	// place (retry.go); discordgo's own 502-only retry is off.
	s.Client = &http.Client{Transport: retryTransport{base: rt}, Timeout: timeout}
	s.MaxRestRetries = 0
	// The adapter owns reconnection so that a rejected token (close code
	// 4004) ends Run instead of looping forever inside discordgo.
	s.ShouldReconnectOnError = false
	s.StateEnabled = false
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent
	return s, nil
}
