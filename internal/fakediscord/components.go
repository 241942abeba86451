package fakediscord

import (
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"
)

// InteractionKind is the sort of interaction Interact delivers.
type InteractionKind int

// Interaction kinds.
const (
	// KindCommand is a slash command (the zero value).
	KindCommand InteractionKind = iota
	// KindComponent is a click on a message component (a button).
	KindComponent
	// KindMessageCommand is a message context-menu command (Apps → …).
	KindMessageCommand
	// KindAutocomplete is a user typing into an autocompleted option.
	KindAutocomplete
)

// Callback types beyond the message and deferral ones.
const (
	callbackDeferredUpdate = 6
	callbackUpdateMessage  = 7
	callbackAutocomplete   = 8
)

// Discord's component limits.
const (
	maxRows        = 5
	maxRowItems    = 5
	maxCustomID    = 100
	maxButtonLabel = 80
	maxChoices     = 25
)

// kindPayload reshapes p, a slash-command payload, for ix's kind.
func (s *Server) kindPayload(ix Interaction, p map[string]any, opts []any) {
	switch ix.Kind {
	case KindComponent:
		p["type"] = 3
		p["data"] = map[string]any{"custom_id": ix.CustomID, "component_type": 2}
		p["message"] = map[string]any{"id": ix.MessageID, "channel_id": ix.ChannelID, "content": "", "embeds": []any{},
			"author": s.botUser(), "timestamp": time.Now().UTC().Format(time.RFC3339Nano)}
	case KindMessageCommand:
		t := ix.Target
		if t == nil {
			t = &ChatMessage{}
		}
		if t.ID == "" {
			t.ID = s.newID()
		}
		if t.Author.ID == "" {
			t.Author = Alice()
		}
		msg := map[string]any{"id": t.ID, "channel_id": ix.ChannelID, "content": t.Content, "author": t.Author.json(),
			"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "embeds": []any{}, "attachments": []any{}, "mentions": []any{}}
		p["data"] = map[string]any{"id": "cmd-" + ix.Command.Name, "name": ix.Command.Name, "type": 3, "target_id": t.ID,
			"resolved": map[string]any{"messages": map[string]any{t.ID: msg}}}
	case KindAutocomplete:
		p["type"] = 4
		for _, o := range opts {
			if m := o.(map[string]any); m["name"] == ix.Focused {
				m["focused"] = true
			}
		}
	}
}

// checkComponents validates a message body's components against
// Discord's limits: at most five action rows of at most five buttons, each
// with a custom ID of at most 100 characters (or a URL) and a label.
func checkComponents(body map[string]any) error {
	raw, ok := body["components"]
	if !ok || raw == nil {
		return nil
	}
	rows, ok := raw.([]any)
	if !ok {
		return fmt.Errorf("components: must be an array")
	}
	if len(rows) > maxRows {
		return fmt.Errorf("components: must be %d or fewer rows", maxRows)
	}
	for i, r := range rows {
		row, _ := r.(map[string]any)
		if t, _ := row["type"].(float64); t != 1 {
			return fmt.Errorf("components.%d: top-level components must be action rows", i)
		}
		items, _ := row["components"].([]any)
		if len(items) == 0 || len(items) > maxRowItems {
			return fmt.Errorf("components.%d.components: must hold 1 to %d items", i, maxRowItems)
		}
		for j, it := range items {
			b, _ := it.(map[string]any)
			id, _ := b["custom_id"].(string)
			url, _ := b["url"].(string)
			label, _ := b["label"].(string)
			emoji, _ := b["emoji"].(map[string]any)
			switch {
			case id == "" && url == "":
				return fmt.Errorf("components.%d.components.%d: a button needs a custom_id or url", i, j)
			case utf8.RuneCountInString(id) > maxCustomID:
				return fmt.Errorf("components.%d.components.%d.custom_id: must be %d or fewer in length", i, j, maxCustomID)
			case utf8.RuneCountInString(label) > maxButtonLabel:
				return fmt.Errorf("components.%d.components.%d.label: must be %d or fewer in length", i, j, maxButtonLabel)
			case label == "" && emoji == nil:
				return fmt.Errorf("components.%d.components.%d: a button needs a label or emoji", i, j)
			}
		}
	}
	return nil
}

// badComponents is the answer to a body with invalid components.
func badComponents(err error) reply {
	return apiError(http.StatusBadRequest, 50035, "Invalid Form Body: "+err.Error())
}

// autocompleteResult checks an autocomplete callback's choices.
func autocompleteResult(data map[string]any) error {
	choices, _ := data["choices"].([]any)
	if len(choices) > maxChoices {
		return fmt.Errorf("choices: must be %d or fewer", maxChoices)
	}
	for i, c := range choices {
		m, _ := c.(map[string]any)
		name, _ := m["name"].(string)
		if name == "" || utf8.RuneCountInString(name) > 100 {
			return fmt.Errorf("choices.%d.name: must be 1 to 100 in length", i)
		}
	}
	return nil
}

// Choices returns the choices the bot answered an autocomplete
// interaction with, once it has.
func (s *Server) Choices(token string) ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	if !ok || !ix.acked {
		return nil, false
	}
	var out []string
	for _, c := range ix.choices {
		m, _ := c.(map[string]any)
		name, _ := m["name"].(string)
		out = append(out, name)
	}
	return out, true
}

// Acked reports whether the interaction with token was acknowledged.
func (s *Server) Acked(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.store.interactions[token]
	return ok && ix.acked
}
