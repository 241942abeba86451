package discord

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Errors Run and NewGateway return that callers branch on.
var (
	// ErrNoToken: the bot token is empty.
	ErrNoToken = errors.New("discord bot token is missing")
	// ErrBadToken: Discord rejected the bot token (HTTP 401 on a REST call
	// or gateway close code 4004). Retrying cannot help.
	ErrBadToken = errors.New("discord rejected the bot token")
	// ErrGatewayRejected: the gateway ended the session for a reason
	// retrying cannot fix, such as intents the application may not use.
	ErrGatewayRejected = errors.New("discord gateway rejected the session")
)

// fatalCloseReason explains a gateway close code after which reconnecting
// is pointless; ok is false for codes worth a reconnect.
func fatalCloseReason(code int) (why string, ok bool) {
	switch code {
	case 4010:
		return "invalid shard", true
	case 4011:
		return "sharding required", true
	case 4012:
		return "invalid API version", true
	case 4013:
		return "invalid intents", true
	case 4014:
		return "disallowed intents: enable the Message Content intent for the bot in the Discord developer portal", true
	}
	return "", false
}

// classifyGatewayError turns a gateway error into ErrBadToken or
// ErrGatewayRejected when retrying cannot help, and returns nil otherwise
// (the error is transient).
func classifyGatewayError(err error) error {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		if restStatus(err) == http.StatusUnauthorized {
			return ErrBadToken
		}
		return nil
	}
	if ce.Code == 4004 {
		return ErrBadToken
	}
	if why, ok := fatalCloseReason(ce.Code); ok {
		return fmt.Errorf("%w: close code %d (%s)", ErrGatewayRejected, ce.Code, why)
	}
	return nil
}

// restStatus returns the HTTP status of a discordgo REST error, or 0.
func restStatus(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// redact renders err for a log line with secrets (interaction tokens, which
// appear in webhook URLs) replaced. The bot token is never in discordgo's
// error text, but it is redacted too should that change.
func redact(err error, secrets ...string) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}
