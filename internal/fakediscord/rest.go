package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// maxBody bounds what the fake reads of a request body.
const maxBody = 8 << 20

// reply is a REST answer before it is written.
type reply struct {
	status int
	header http.Header
	body   any // marshalled as JSON; []byte is written as is; nil means no body
}

func jsonReply(status int, body any) reply { return reply{status: status, body: body} }

func noContent() reply { return reply{status: http.StatusNoContent} }

// apiError is a Discord-style error answer.
func apiError(status, code int, msg string) reply {
	return jsonReply(status, map[string]any{"message": msg, "code": code})
}

func notFound() reply { return apiError(http.StatusNotFound, 0, "404: Not Found") }

func unauthorized() reply { return apiError(http.StatusUnauthorized, 0, "401: Unauthorized") }

// serveAPI records the request, applies a scripted fault or routes it, and
// writes the answer.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	version, path, ok := splitAPIPath(r.URL.Path)
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	rec := Request{
		Method:     r.Method,
		Path:       path,
		APIVersion: version,
		Query:      r.URL.Query(),
		Header:     r.Header.Clone(),
		Body:       body,
	}
	var decoded map[string]any
	if json.Unmarshal(body, &decoded) == nil {
		rec.JSON = decoded
	}

	var rep reply
	switch f, faulted := s.takeFault(r.Method, path); {
	case !ok:
		rep = notFound()
	case faulted && f.Drop:
		s.record(rec) // Status 0: no answer was sent
		dropConnection(w)
		return
	case faulted:
		rep = reply{status: f.Status, header: f.Header, body: f.Body}
	default:
		rep = s.route(rec)
	}
	rec.Status = rep.status
	s.record(rec)
	writeReply(w, rep)
}

// splitAPIPath splits "/api/v10/channels/1/messages" into "10" and
// "/channels/1/messages". Only v9 and v10 are served.
func splitAPIPath(p string) (version, rest string, ok bool) {
	for _, v := range []string{"10", "9"} {
		prefix := "/api/v" + v + "/"
		if strings.HasPrefix(p, prefix) {
			return v, "/" + strings.TrimPrefix(p, prefix), true
		}
	}
	return "", "", false
}

// dropConnection closes the client's connection without writing anything.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2): aborting the handler also resets the
		// stream without an answer.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, vs := range rep.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	data, isRaw := rep.body.([]byte)
	if !isRaw {
		data, _ = json.Marshal(rep.body)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}

// route answers a recorded request. Bot-authenticated routes check the
// Authorization header; interaction and webhook routes are authorised by
// the interaction token in the path, as on Discord.
func (s *Server) route(r Request) reply {
	seg := strings.Split(strings.Trim(r.Path, "/"), "/")
	switch {
	case r.Route("GET", "/gateway"):
		return jsonReply(200, map[string]any{"url": s.gatewayURL()})
	case r.Route("POST", "/interactions/*/*/callback"):
		return s.interactionCallback(seg[1], seg[2], r)
	case len(seg) >= 3 && seg[0] == "webhooks":
		return s.routeWebhook(seg, r)
	}
	if !s.authorized(r) {
		return unauthorized()
	}
	switch {
	case r.Route("GET", "/gateway/bot"):
		return jsonReply(200, map[string]any{
			"url": s.gatewayURL(), "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
		})
	case r.Route("GET", "/users/@me"):
		return jsonReply(200, s.botUser())
	case r.Route("GET", "/oauth2/applications/@me"), r.Route("GET", "/applications/@me"):
		return jsonReply(200, map[string]any{"id": s.opts.AppID, "name": s.opts.BotName, "bot": s.botUser()})
	case r.Route("PUT", "/applications/*/commands"), r.Route("PUT", "/applications/*/guilds/*/commands"):
		return s.overwriteCommands(seg[1], r)
	case r.Route("POST", "/channels/*/messages"):
		return s.createChannelMessage(seg[1], r)
	case r.Route("POST", "/channels/*/typing"):
		return noContent()
	case r.Route("POST", "/channels/*/messages/*/threads"):
		return s.startThread(seg[1], seg[3], r)
	case r.Route("PATCH", "/channels/*/messages/*"):
		return s.editChannelMessage(seg[1], seg[3], r)
	case r.Route("GET", "/channels/*"):
		return s.channel(seg[1])
	}
	return notFound()
}

func (s *Server) authorized(r Request) bool {
	auth := r.Header.Get("Authorization")
	return auth == "Bot "+s.opts.Token
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.opts.BotID, "username": s.opts.BotName, "discriminator": "0", "bot": true}
}

// overwriteCommands echoes the commands back with IDs, as Discord does.
func (s *Server) overwriteCommands(appID string, r Request) reply {
	if appID != s.opts.AppID {
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	var cmds []map[string]any
	if err := json.Unmarshal(r.Body, &cmds); err != nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	for _, c := range cmds {
		c["id"] = s.newID()
		c["application_id"] = appID
		c["version"] = "1"
	}
	return jsonReply(200, cmds)
}

func (s *Server) createChannelMessage(channelID string, r Request) reply {
	if rep, bad := validateMessage(r.JSON, true); bad {
		return rep
	}
	m := s.store.create(s, channelID, r)
	return jsonReply(200, s.messageJSON(m))
}

// routeWebhook serves /webhooks/{app}/{token}[/messages/{id}].
func (s *Server) routeWebhook(seg []string, r Request) reply {
	appID, token := seg[1], seg[2]
	if appID != s.opts.AppID {
		return apiError(http.StatusNotFound, 10015, "Unknown Webhook")
	}
	switch {
	case len(seg) == 3 && r.Method == "POST":
		return s.followup(token, r)
	case len(seg) == 5 && seg[3] == "messages":
		return s.webhookMessage(token, seg[4], r)
	}
	return notFound()
}
