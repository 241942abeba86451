package discord_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/discord"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"empty", "", 10, nil},
		{"fits", "hello world", 20, []string{"hello world"}},
		{"exactly limit", "abcde", 5, []string{"abcde"}},
		{"paragraph preferred over line", "aaaa bbbb\n\ncccc\ndddd eeee", 20,
			[]string{"aaaa bbbb\n\n", "cccc\ndddd eeee"}},
		{"line preferred over sentence", "One two. Three\nfour five six seven", 20,
			[]string{"One two. Three\n", "four five six seven"}},
		{"sentence preferred over word", "One two three. Four five six", 20,
			[]string{"One two three. ", "Four five six"}},
		{"sentence with closing quote", `He said "stop." Then he left the room`, 22,
			[]string{`He said "stop." `, "Then he left the room"}},
		{"word", "alpha beta gamma delta", 12, []string{"alpha beta ", "gamma delta"}},
		{"hard cut without spaces", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"whitespace run stays with earlier piece", "aaaa   \n\n  bbbb", 12,
			[]string{"aaaa   \n\n  ", "bbbb"}},
		{"too-early paragraph loses to later word", "a\n\nbbb ccc ddd eee fff", 12,
			[]string{"a\n\nbbb ccc ", "ddd eee fff"}},
		{"runes not bytes", "ééééé ééééé", 6, []string{"ééééé ", "ééééé"}},
		{"emoji not split from modifier", "ab👍🏽cd", 3, []string{"ab", "👍🏽c", "d"}},
		{"combining mark kept with base", "abe\u0301", 3, []string{"ab", "e\u0301"}},
		{"CJK sentence end", "今天下雨。明天晴天。后天", 7, []string{"今天下雨。", "明天晴天。后天"}},
		{"only newlines", "\n\n\n\n\n", 2, []string{"\n\n", "\n\n", "\n"}},
		{"limit zero uses default", strings.Repeat("x", 2500), 0,
			[]string{strings.Repeat("x", 2000), strings.Repeat("x", 500)}},
		{"avoids cutting inside code fence", "intro text\n```\nline one\nline two\n```\nafter", 30,
			[]string{"intro text\n", "```\nline one\nline two\n```\n", "after"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := discord.Split(tt.in, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q, %d) =\n%q\nwant\n%q", tt.in, tt.limit, got, tt.want)
			}
			checkSplit(t, tt.in, tt.limit, got)
		})
	}
}

// checkSplit asserts Split's invariants: pieces rejoin to the input, none is
// empty or over the limit, and valid UTF-8 input gives valid pieces.
func checkSplit(t *testing.T, in string, limit int, pieces []string) {
	t.Helper()
	if limit <= 0 {
		limit = discord.MessageRunes
	}
	if joined := strings.Join(pieces, ""); joined != in {
		t.Fatalf("pieces do not rejoin to the input:\n got %q\nwant %q", joined, in)
	}
	valid := utf8.ValidString(in)
	for i, p := range pieces {
		if p == "" {
			t.Fatalf("piece %d is empty", i)
		}
		if n := utf8.RuneCountInString(p); n > limit {
			t.Fatalf("piece %d has %d runes, limit %d", i, n, limit)
		}
		if valid && !utf8.ValidString(p) {
			t.Fatalf("piece %d is not valid UTF-8: %q", i, p)
		}
	}
}

func FuzzSplit(f *testing.F) {
	seeds := []struct {
		s     string
		limit int
	}{
		{"", 10},
		{"hello world", 5},
		{strings.Repeat("Grüße aus Köln 🇩🇪👨‍👩‍👧‍👦 — ", 80), 2000},
		{strings.Repeat("👍🏽", 1100), 2000},
		{strings.Repeat("字", 2100), 2000},
		{strings.Repeat("x", 2100), 2000},
		{strings.Repeat("\n", 2100), 2000},
		{strings.Repeat("a\n", 50), 7},
		{"```go\nfunc main() {}\n```\n\nText after the fence. More text.", 12},
		{"e\u0301\u0301\u0301\u0301\u0301", 2},
		{"\xff\xfe invalid \xc3", 3},
		{"Sentence one. Sentence two! Sentence three? Yes.", 1},
	}
	for _, s := range seeds {
		f.Add(s.s, s.limit)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit > 3000 {
			limit %= 3000 // larger limits only test the no-split path
		}
		checkSplit(t, s, limit, discord.Split(s, limit))
	})
}
