package bot_test

import (
	"strings"
	"testing"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
)

// goldenAnswers are the answers both renderers' golden files pin (the
// Discord ones in discord/testdata use the same shapes).
func goldenAnswers() []struct {
	name string
	a    answer.Answer
} {
	longQuote := "The first direct peace talks between Russia and Ukraine since the early weeks of Moscow's 2022 invasion " +
		"concluded on Friday after less than two hours, according to reports from the Turkish Foreign Ministry, " +
		"which hosted the delegations in the Dolmabahce palace."
	return []struct {
		name string
		a    answer.Answer
	}{
		{"answered", answer.Answer{
			Text: "The talks lasted less than two hours [1].", Answered: true, Mode: answer.ModeExtractive,
			Citations: []answer.Citation{{N: 1, Source: "004_c2f305a5063d9f21.txt",
				Title: "Russia-Ukraine peace talks collapse amid new demands", Date: "2025-05-16", Quote: longQuote}},
		}},
		{"declined", answer.Answer{Text: "The articles don't say who won the 2030 World Cup.", Mode: answer.ModeExtractive,
			Citations: []answer.Citation{{N: 1, Source: "x.txt", Quote: "hidden"}}}},
		{"conflict", answer.Answer{
			Text:     "The sources differ: one says less than two hours [1], another says about ninety minutes [2].",
			Answered: true, Mode: answer.ModeGenerative,
			Citations: []answer.Citation{
				{N: 2, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul",
					Quote: "The Russians and the Ukrainians sat face to face for about ninety minutes."},
				{N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Russia-Ukraine peace talks collapse amid new demands",
					Quote: "concluded on Friday\nafter less than two hours"},
			},
		}},
		{"fallback_note", answer.Answer{
			Text: "The talks were held in Istanbul [1].", Answered: true, Mode: answer.ModeExtractive,
			Note: "The language model was unavailable,\nso this answer is extractive.",
			Citations: []answer.Citation{{N: 1, Source: "000_2a32f4e3c815aa48.txt", Title: "*Breaking* talks_in `Istanbul` @everyone",
				Quote: "sat face to face for less than two hours Friday in Istanbul"}},
		}},
		{"unsupported_claim", answer.Answer{
			Text: "The talks were held in Istanbul [1] and lasted a week.", Answered: true, Mode: answer.ModeGenerative,
			Claims: []answer.Claim{
				{Text: "The talks were held in Istanbul.", Citations: []int{1}, Supported: true},
				{Text: "The talks lasted a week.", Supported: false},
			},
			Check:     &answer.CheckStats{},
			Citations: []answer.Citation{{N: 1, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Quote: "in Istanbul"}},
		}},
	}
}

func TestTerminalGolden(t *testing.T) {
	for _, tt := range goldenAnswers() {
		for _, color := range []bool{false, true} {
			name := "terminal_" + tt.name
			if color {
				name += "_color"
			}
			t.Run(name, func(t *testing.T) {
				got := bot.RenderTerminal(bot.Reply{Kind: bot.ReplyAnswer, Answer: &tt.a}, color)
				checkGolden(t, name, got+"\n")
				if !color && strings.Contains(got, "\x1b[") {
					t.Error("plain output has ANSI codes")
				}
				if strings.Contains(got, "\u200b") || strings.Contains(got, `\_`) || strings.Contains(got, "**") {
					t.Error("terminal output has Discord escapes or markdown")
				}
			})
		}
	}
	arts := []corpus.Article{
		{Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Date: "2025-05-16", Size: 5321},
		{Source: "sub/notes.md", Size: 812},
	}
	checkGolden(t, "terminal_sources", bot.RenderTerminal(bot.Reply{Kind: bot.ReplySources, Sources: arts}, false)+"\n")
	checkGolden(t, "terminal_error_color", bot.RenderTerminal(bot.Reply{Kind: bot.ReplyError,
		Text: "I don't know the command `/nope`. Try `/ask <question>`, **or** `/help`."}, true)+"\n")
}

func TestQuoteAroundKeepsTheFact(t *testing.T) {
	quote := "Presidential aide Vladimir Medinsky, who led the delegation in Istanbul on Friday morning after a long night of " +
		"preparations, said that Russia was satisfied with the result and ready to continue the contacts."
	got := bot.QuoteAround(quote, "Russia was satisfied with the result [1].", 90)
	if !strings.Contains(got, "satisfied with the result") {
		t.Errorf("QuoteAround = %q, want the stretch the answer cites", got)
	}
	if len(got) > 90+2*len("…") {
		t.Errorf("QuoteAround = %q (%d bytes), want about 90", got, len(got))
	}
	for _, w := range strings.Fields(strings.Trim(got, "…")) {
		if !strings.Contains(quote, w) {
			t.Errorf("word %q is cut (not in the quote)", w)
		}
	}
	if got := bot.QuoteAround("short", "x", 90); got != "short" {
		t.Errorf("a short quote changed: %q", got)
	}
}

func TestIsQuit(t *testing.T) {
	for _, s := range []string{"/quit", "exit", " QUIT ", "/exit"} {
		if !bot.IsQuit(s) {
			t.Errorf("IsQuit(%q) = false", s)
		}
	}
	if bot.IsQuit("quit smoking?") {
		t.Error("a question is not a quit")
	}
}
