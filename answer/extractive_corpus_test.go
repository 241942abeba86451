package answer_test

import (
	"context"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/corpus"
)

// These tests run the extractive answerer on the five default articles with
// the real index, for behaviour the question sets only grade loosely.

func TestDefaultArticlesShowDisagreement(t *testing.T) {
	e := answer.NewExtractive(openDefault(t), answer.ExtractiveOptions{})
	ans := ask(t, e, "How long did the talks in Istanbul last?")
	if !strings.HasPrefix(ans.Text, "Sources differ:\n") {
		t.Fatalf("no disagreement shown:\n%s", ans.Text)
	}
	for _, figure := range []string{"90 minutes", "two hours"} {
		if !strings.Contains(ans.Text, figure) {
			t.Errorf("answer lacks %q:\n%s", figure, ans.Text)
		}
	}
	sources := map[string]bool{}
	for _, c := range ans.Citations {
		sources[c.Source] = true
	}
	if len(sources) < 2 {
		t.Errorf("disagreeing accounts cite %d article(s), want 2: %+v", len(sources), ans.Citations)
	}
}

func TestDefaultArticlesCitationSpans(t *testing.T) {
	articles, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, a := range articles {
		text[a.Source] = a.Text
	}
	e := answer.NewExtractive(openDefault(t), answer.ExtractiveOptions{})
	for _, q := range []string{
		"Who led the Ukrainian and Russian delegations?",
		"How long did the talks in Istanbul last?",
		"What did Zelensky accuse Moscow of sending to the negotiating table?",
		"Which intelligence official was part of the Russian delegation?",
	} {
		ans := ask(t, e, q)
		if !ans.Answered || len(ans.Citations) == 0 {
			t.Errorf("%q not answered: %q", q, ans.Text)
			continue
		}
		for _, c := range ans.Citations {
			body, ok := text[c.Source]
			if !ok || c.Start < 0 || c.End > len(body) || c.Start >= c.End {
				t.Errorf("%q: citation %d span %d..%d outside %s", q, c.N, c.Start, c.End, c.Source)
				continue
			}
			if got := strings.Join(strings.Fields(body[c.Start:c.End]), " "); got != c.Quote {
				t.Errorf("%q: citation %d span holds %q, quote is %q", q, c.N, got, c.Quote)
			}
		}
	}
}

func TestDefaultArticlesConversation(t *testing.T) {
	e := answer.NewExtractive(openDefault(t), answer.ExtractiveOptions{})
	history := []string{"Who led Ukraine's delegation?"}
	tests := []struct {
		question string
		want     string
	}{
		{"And Russia's?", "Medinsky"},
		{"What about the Turkish foreign minister?", "Fidan"},
		{"What did he say about the ceasefire?", "Fidan"},
	}
	for _, tt := range tests {
		ans := ask(t, e, tt.question, history...)
		if !ans.Answered || !strings.Contains(ans.Text, tt.want) {
			t.Errorf("after %q, %q answered %q, want %q", history, tt.question, ans.Text, tt.want)
		}
		history = append(history, tt.question)
	}
}
