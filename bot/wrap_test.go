package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/bot"
)

func TestWrapFitsAndKeepsWords(t *testing.T) {
	a := answer.Answer{Text: "In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov, while the Russian team was headed by presidential aide Vladimir Medinsky. [1]",
		Answered: true, Citations: []answer.Citation{{N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Russia-Ukraine peace talks collapse amid new demands",
			Quote: "In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov, while the Russian team was headed by presidential aide Vladimir Medinsky."}}}
	for _, color := range []bool{false, true} {
		raw := bot.RenderTerminal(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, color)
		got := bot.Wrap(raw, 80)
		plain := strings.NewReplacer("\x1b[1m", "", "\x1b[2m", "", "\x1b[0m", "").Replace(got)
		for _, l := range strings.Split(plain, "\n") {
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("line of %d columns: %q", n, l)
			}
		}
		if strings.Join(strings.Fields(plain), " ") != strings.Join(strings.Fields(strings.NewReplacer("\x1b[1m", "", "\x1b[2m", "", "\x1b[0m", "").Replace(raw)), " ") {
			t.Errorf("wrapping changed the words:\n%s", plain)
		}
		if !strings.Contains(plain, "\n      ") {
			t.Errorf("continued source lines are not indented under their entry:\n%s", plain)
		}
	}
	if got := bot.Wrap("short", 80); got != "short" {
		t.Errorf("Wrap(short) = %q", got)
	}
	if got := bot.Wrap(strings.Repeat("x ", 100), 0); got != strings.Repeat("x ", 100) {
		t.Error("width 0 must not wrap")
	}
}

func TestWrapKeepsLeadingSpaces(t *testing.T) {
	got := bot.Wrap("  [1] file.txt — "+strings.Repeat("word ", 20), 40)
	lines := strings.Split(got, "\n")
	if !strings.HasPrefix(lines[0], "  [1] file.txt") || !strings.HasPrefix(lines[1], "      word") {
		t.Errorf("Wrap = %q", got)
	}
}
