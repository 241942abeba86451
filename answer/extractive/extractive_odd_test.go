package extractive_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
)

// TestExtractiveOddQuestions asks questions of odd shapes of the real index
// over the default articles, alone and as follow-ups: none may panic, each
// is either refused with a sentinel error or answered with a well-formed
// answer (markers match citations, spans lie inside the cited article).
func TestExtractiveOddQuestions(t *testing.T) {
	articles, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	var sentence string
	for _, a := range articles {
		text[a.Source] = a.Text
		if sentence == "" {
			if s, _, ok := strings.Cut(a.Text, ". "); ok {
				sentence = s + "."
			}
		}
	}
	questions := map[string]string{
		"only punctuation":   "?!.,;:-()[]{}\"'…—",
		"question mark":      "?",
		"only stopwords":     "the of and to a in is it that was for on are with as",
		"one word 500 runes": strings.Repeat("a", 500),
		"word repeated":      strings.TrimSpace(strings.Repeat("Zelensky ", 55)),
		"emoji":              "🇺🇦🤝🇷🇺 who? 🙂🙂🙂",
		"rtl":                "من قاد الوفد الأوكراني؟ מי הוביל את המשלחת?",
		"whole sentence":     sentence,
		"digits":             "2025 16 90 1000",
		"combining marks":    "Zele\u0301nsky\u200b?",
		"control chars":      "who\x00led\x07the\tdelegation\r\n?",
		"many parts":         strings.TrimSpace(strings.Repeat("who? and when? ", 30)),
		"and chain":          strings.Repeat("and ", 120),
	}
	e := extractive.New(openDefault(t), extractive.Options{})
	for name, q := range questions {
		for _, history := range [][]string{nil, {q}, {"Who led the Ukrainian delegation?"}} {
			t.Run(name+"/history"+strconv.Itoa(len(history)), func(t *testing.T) {
				ans, err := e.Answer(context.Background(), answer.Request{Question: q, History: answer.QuestionTurns(history)})
				checkWellFormed(t, q, ans, err)
				for _, c := range ans.Citations {
					body, ok := text[c.Source]
					if !ok || c.Start < 0 || c.End > len(body) || c.Start >= c.End {
						t.Errorf("citation %d span %d..%d outside %s", c.N, c.Start, c.End, c.Source)
					}
				}
			})
		}
	}
}
