package bot_test

import (
	"strings"
	"testing"

	"footnote/answer"
	"footnote/bot"
)

func TestViewAnswerNewsFields(t *testing.T) {
	a := answer.Answer{
		Text: "The bridge reopened on Sunday. [1]", Answered: true, AsOf: "2025-06-09",
		Citations: []answer.Citation{
			{N: 1, Source: "b.md", Date: "2025-06-09", URL: "https://coast.example/bridge", AlsoIn: []string{"c.txt", "d.txt"}, Quote: "The bridge reopened on Sunday."},
			{N: 2, Source: "e.txt", URL: "javascript:alert(1)"},
		},
	}
	v := bot.ViewAnswer(a, 0)
	if v.AsOf != "as of 9 June 2025" || v.Sources[0].URL != "https://coast.example/bridge" || v.Sources[1].URL != "" {
		t.Errorf("view = %+v", v)
	}
	out := bot.TerminalAnswer(v, false)
	for _, want := range []string{"Sources (as of 9 June 2025)", "https://coast.example/bridge", "also in: c.txt, d.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "javascript") {
		t.Errorf("a non-web URL was shown:\n%s", out)
	}
}
