package discord

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"footnote/answer"
	"footnote/bot"
	"footnote/internal/golden"
)

// TestEmbedsGolden pins the embed rendering of an answer (the shared model
// drawn as Discord embeds), as FormatAnswer's golden files pin the
// markdown. Regenerate with go test ./discord -run Golden -update.
func TestEmbedsGolden(t *testing.T) {
	a := answer.Answer{
		Text: "The talks lasted less than two hours [1] and were held in Istanbul [2].", Answered: true,
		Note: "Checked against the articles.",
		Citations: []answer.Citation{
			{N: 2, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Date: "2025-05-16",
				Quote: "The Russians and the Ukrainians sat face to face in Istanbul."},
			{N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Russia-Ukraine peace talks collapse amid new demands",
				Quote: "The first direct peace talks between Russia and Ukraine since the early weeks of Moscow's 2022 invasion " +
					"concluded on Friday after less than two hours, according to reports from the Turkish Foreign Ministry."},
		},
	}
	got, err := json.MarshalIndent(renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, 120), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenInternal(t, filepath.Join("testdata", "embeds_answered.golden"), string(got)+"\n")
}

// goldenInternal compares got with the file at path, or rewrites it when
// the external tests' -update flag is set.
func goldenInternal(t *testing.T, path, got string) {
	t.Helper()
	f := flag.Lookup("update")
	golden.Check(t, path, got, f != nil && f.Value.String() == "true")
}
