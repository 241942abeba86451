package generative

import (
	"strings"
	"testing"
	"unicode"

	"footnote/prompts"
)

// leakForms are ways a model may repeat its instructions that a plain
// comparison misses.
var leakForms = []struct {
	name string
	form func(string) string
}{
	{"verbatim", func(s string) string { return s }},
	{"upper case", strings.ToUpper},
	{"white space doubled", func(s string) string { return strings.ReplaceAll(s, " ", " \n ") }},
	{"zero-width space between words", func(s string) string { return strings.ReplaceAll(s, " ", "\u200b") }},
	{"no-break space and zero-width space", func(s string) string { return strings.ReplaceAll(s, " ", "\u00a0\u200b") }},
	{"dashes between letters", func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			if unicode.IsLetter(r) {
				b.WriteByte('-')
			}
		}
		return b.String()
	}},
	{"Cyrillic homoglyphs", strings.NewReplacer("a", "а", "e", "е", "o", "о", "p", "р", "c", "с").Replace},
	{"full-width letters", func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '!' && r <= '~' {
				return r - '!' + '！'
			}
			return r
		}, s)
	}},
	{"TAG characters between letters", func(s string) string { return strings.ReplaceAll(s, "e", "e\U000E0020") }},
}

// TestLeakGuardSkeletons feeds the system prompt back in each form: the
// guard must see every one, streamed or whole.
func TestLeakGuardSkeletons(t *testing.T) {
	msgs, err := prompts.Build("Who led?", nil, []prompts.Passage{{N: 1, Source: "a.txt", Text: "Umerov led the delegation."}})
	if err != nil {
		t.Fatal(err)
	}
	system := msgs[0].Content
	// A stretch of rules, without the quoted examples a good answer may
	// repeat.
	rules := system[:min(len(system), 300)]
	for _, lf := range leakForms {
		t.Run(lf.name, func(t *testing.T) {
			reply := "Sure. " + lf.form(rules)
			g := newLeakGuard(msgs, "Umerov led the delegation.")
			if !g.feed(reply) {
				t.Errorf("whole reply not caught: %q", reply)
			}
			g = newLeakGuard(msgs, "Umerov led the delegation.")
			caught := false
			for _, r := range reply {
				caught = g.feed(string(r)) || caught
			}
			if !caught {
				t.Errorf("streamed reply not caught: %q", reply)
			}
		})
	}
}
