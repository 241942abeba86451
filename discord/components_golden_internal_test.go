package discord

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"

	"footnote/answer"
	"footnote/bot"
)

// TestAnswerMessageGolden pins the last message of an answer as Discord
// receives it (content, embeds, buttons), the README's example.
func TestAnswerMessageGolden(t *testing.T) {
	c := newComponents([]byte("golden-secret"), nil, 10)
	c.newKey = func() string { return "k7Qx2mB9pLw4" }
	a := answer.Answer{
		Question: "Who led Ukraine's delegation?", Answered: true, Mode: answer.ModeExtractive,
		Text: "**Rustem Umerov** — In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov [1].",
		Citations: []answer.Citation{
			{N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Russia-Ukraine peace talks collapse amid new demands",
				Quote: "In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov, while the Russian team was headed by presidential aide Vladimir Medinsky."},
			{N: 2, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Quote: "Umerov said Kyiv was ready for a full ceasefire."},
		},
	}
	msgs := renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, DefaultQuoteRunes)
	c.attach(msgs, &a, "800", "700")
	last := msgs[len(msgs)-1]
	payload := &discordgo.WebhookEdit{Content: &last.Content, Embeds: &last.Embeds, Components: &last.Components, AllowedMentions: noMentions()}
	got, err := json.MarshalIndent(payload, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenInternal(t, filepath.Join("testdata", "answer_message.golden"), string(got)+"\n")
}
