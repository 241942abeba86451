package fakediscord

import (
	"fmt"
	"net/http"
	"unicode/utf8"
)

// Discord's message and embed limits, enforced so a bot that breaks them
// fails here as it would on Discord.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooterText       = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
)

// validateMessage checks a create or edit body against Discord's limits.
// create also rejects a message with neither content nor embeds.
func validateMessage(body map[string]any, create bool) (reply, bool) {
	if err := checkMessage(body, create); err != nil {
		return apiError(http.StatusBadRequest, 50035, "Invalid Form Body: "+err.Error()), true
	}
	return reply{}, false
}

func checkMessage(body map[string]any, create bool) error {
	if err := checkComponents(body); err != nil {
		return err
	}
	content, _ := body["content"].(string)
	if n := utf8.RuneCountInString(content); n > maxContent {
		return fmt.Errorf("content: must be %d or fewer in length (got %d)", maxContent, n)
	}
	embeds, _ := body["embeds"].([]any)
	if len(embeds) > maxEmbeds {
		return fmt.Errorf("embeds: must be %d or fewer in length", maxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		em, _ := e.(map[string]any)
		n, err := checkEmbed(em)
		if err != nil {
			return fmt.Errorf("embeds.%d.%w", i, err)
		}
		total += n
	}
	if total > maxEmbedTotal {
		return fmt.Errorf("embeds: total size %d exceeds %d", total, maxEmbedTotal)
	}
	if create && content == "" && len(embeds) == 0 {
		return fmt.Errorf("cannot send an empty message")
	}
	return nil
}

// checkEmbed validates one embed and returns its size in characters as
// Discord counts it for the 6000 total.
func checkEmbed(em map[string]any) (int, error) {
	total := 0
	limit := func(field string, s string, max int) error {
		n := utf8.RuneCountInString(s)
		total += n
		if n > max {
			return fmt.Errorf("%s: must be %d or fewer in length (got %d)", field, max, n)
		}
		return nil
	}
	title, _ := em["title"].(string)
	desc, _ := em["description"].(string)
	if err := limit("title", title, maxEmbedTitle); err != nil {
		return 0, err
	}
	if err := limit("description", desc, maxEmbedDescription); err != nil {
		return 0, err
	}
	if footer, ok := em["footer"].(map[string]any); ok {
		text, _ := footer["text"].(string)
		if err := limit("footer.text", text, maxFooterText); err != nil {
			return 0, err
		}
	}
	if author, ok := em["author"].(map[string]any); ok {
		name, _ := author["name"].(string)
		if err := limit("author.name", name, maxAuthorName); err != nil {
			return 0, err
		}
	}
	fields, _ := em["fields"].([]any)
	if len(fields) > maxEmbedFields {
		return 0, fmt.Errorf("fields: must be %d or fewer in length", maxEmbedFields)
	}
	for i, f := range fields {
		fm, _ := f.(map[string]any)
		name, _ := fm["name"].(string)
		value, _ := fm["value"].(string)
		if name == "" || value == "" {
			return 0, fmt.Errorf("fields.%d: name and value are required", i)
		}
		if err := limit(fmt.Sprintf("fields.%d.name", i), name, maxFieldName); err != nil {
			return 0, err
		}
		if err := limit(fmt.Sprintf("fields.%d.value", i), value, maxFieldValue); err != nil {
			return 0, err
		}
	}
	return total, nil
}
