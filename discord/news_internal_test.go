package discord

import (
	"strings"
	"testing"

	"footnote/answer"
)

func TestRenderAnswerNewsFields(t *testing.T) {
	a := answer.Answer{
		Text: "The bridge reopened on Sunday. [1]", Answered: true, AsOf: "2025-06-09",
		Citations: []answer.Citation{{N: 1, Source: "b.md", Date: "2025-06-09", URL: "https://coast.example/bridge", AlsoIn: []string{"c.txt"}, Quote: "The bridge reopened on Sunday."}},
	}
	msgs := renderAnswer(a, 0)
	if !strings.Contains(msgs[0].Content, "*As of 9 June 2025*") {
		t.Errorf("content %q lacks the as-of line", msgs[0].Content)
	}
	f := msgs[len(msgs)-1].Embeds[0].Fields[0]
	for _, want := range []string{"[link](https://coast.example/bridge)", "also in: `c.txt`", "2025-06-09"} {
		if !strings.Contains(f.Value, want) {
			t.Errorf("embed field %q lacks %q", f.Value, want)
		}
	}
}
