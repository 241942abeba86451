package discord

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"footnote/answer"
	"footnote/bot"
)

// FuzzInteractionTurn feeds interaction JSON, as the HTTP endpoint or the
// gateway decodes it, to interactionTurn: whatever decodes must give a
// Turn or "not ours", never a panic.
func FuzzInteractionTurn(f *testing.F) {
	f.Add([]byte(`{"id":"1","type":2,"data":{"name":"ask","options":[{"name":"question","type":3,"value":"who?"}]}}`))
	f.Add([]byte(`{"id":"1","type":2,"data":{"name":"ask","options":[null]}}`))
	f.Add([]byte(`{"id":"1","type":2,"data":{"name":"ask","options":[{"name":"question","value":7}]}}`))
	f.Add([]byte(`{"id":"1","type":2,"data":null,"member":{"user":null},"user":null}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"x"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(body, &i) != nil {
			return
		}
		turn, ok := interactionTurn(&i)
		if ok && turn.Input.Command == "" {
			t.Fatalf("accepted interaction without a command: %+v", turn)
		}
	})
}

// FuzzRenderDiscord checks that any answer renders within Discord's limits
// and without a panic: every message has content or embeds, content fits
// in one message, embeds fit their count, field and total limits.
func FuzzRenderDiscord(f *testing.F) {
	f.Add("The treaty was signed [1].", "", true, 1, "a.txt", "Title", "A quote.", 300)
	f.Add("", "note\n*x*", true, 0, "", "", "", 0)
	f.Add("@everyone", "", false, -3, "`a`", "@here", "<@1>", 1)
	f.Fuzz(func(t *testing.T, text, note string, answered bool, n int, source, title, quote string, quoteRunes int) {
		a := answer.Answer{Text: text, Note: note, Answered: answered}
		for k := range 30 { // enough citations to need several embeds
			a.Citations = append(a.Citations, answer.Citation{N: n + k, Source: source, Title: title, Quote: quote})
		}
		msgs := renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, quoteRunes)
		if len(msgs) == 0 {
			t.Fatal("no messages")
		}
		for k, m := range msgs {
			if m.Content == "" && len(m.Embeds) == 0 {
				t.Fatalf("message %d is empty", k)
			}
			if c := utf8.RuneCountInString(m.Content); c > MessageRunes {
				t.Fatalf("message %d has %d runes", k, c)
			}
			if len(m.Embeds) > discordEmbedsPerMessage {
				t.Fatalf("message %d has %d embeds", k, len(m.Embeds))
			}
			total := 0
			for _, e := range m.Embeds {
				total += embedSize(e)
				if len(e.Fields) > discordEmbedFields {
					t.Fatalf("embed with %d fields", len(e.Fields))
				}
				for _, fl := range e.Fields {
					if fl.Name == "" || fl.Value == "" ||
						utf8.RuneCountInString(fl.Name) > discordFieldName || utf8.RuneCountInString(fl.Value) > discordFieldValue {
						t.Fatalf("bad field %q / %q", fl.Name, fl.Value)
					}
				}
			}
			if total > discordEmbedTotal {
				t.Fatalf("message %d embeds total %d", k, total)
			}
		}
	})
}
