package extractive_test

import (
	"context"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
)

// These tests run the extractive answerer on the five default articles with
// the real index, for behaviour the question sets only grade loosely.

func TestDefaultArticlesShowDisagreement(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, q := range []string{"How long did the talks last?"} {
		t.Run(q, func(t *testing.T) { checkDisagreement(t, ask(t, e, q)) })
	}
}

// checkDisagreement requires both durations, each with its own source.
func checkDisagreement(t *testing.T, ans answer.Answer) {
	t.Helper()
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
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, q := range []string{
		"Who led the Ukrainian and Russian delegations?",
		"How long did the talks in Istanbul last?",
		"What did Zelensky accuse Moscow of sending to the negotiating table?",
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
	e := extractive.New(openDefault(t), extractive.Options{})
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

// TestProbeQuestionSet runs questions written before the focus and
// follow-up rules, as a check in both directions: paraphrases and
// follow-ups the articles answer, and near-topic questions they do not.
func TestProbeQuestionSet(t *testing.T) {
	rep := runSet(t, "testdata/probe_qa.jsonl")
	if got, want := rep.Summary.Correct, 31; got < want {
		t.Errorf("probe set: %d/%d correct, want at least %d", got, rep.Summary.Total, want)
	}
}

// TestDefaultArticlesHistoryIsolation checks that a question standing on
// its own is answered the same whatever was asked before it.
func TestDefaultArticlesHistoryIsolation(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, q := range []string{
		"Who chaired the meeting?",
		"Who led Ukraine's delegation?",
		"What is the population of Brazil?",
		"How many Ukrainian children were abducted?",
	} {
		alone := ask(t, e, q)
		after := ask(t, e, q, "What is the capital of Peru?")
		if alone.Text != after.Text || alone.Answered != after.Answered {
			t.Errorf("%q after an unrelated question:\n%q\nalone:\n%q", q, after.Text, alone.Text)
		}
	}
}

// TestDefaultArticlesElliptical checks the forms a user types for a
// follow-up: a swapped modifier with a pro-form, a preposition, or a bare
// country, and a demonstrative for the whole earlier question.
func TestDefaultArticlesElliptical(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	tests := []struct {
		history, question, want string
	}{
		{"Who led Ukraine's delegation?", "and the Russian one?", "Medinsky"},
		{"Who led Ukraine's delegation?", "what about Russia?", "Medinsky"},
		{"Who led Ukraine's delegation?", "and Russia's?", "Medinsky"},
		{"Who led the Russian delegation?", "and for the US?", "Kellogg"},
		{"Did Russia annex Crimea?", "when did that happen?", "2014"},
	}
	for _, tt := range tests {
		ans := ask(t, e, tt.question, tt.history)
		if !ans.Answered || !strings.Contains(ans.Text, tt.want) {
			t.Errorf("after %q, %q answered %q, want %q", tt.history, tt.question, ans.Text, tt.want)
		}
	}
}

// TestDefaultArticlesNearMisses checks questions on the articles' topic
// that they do not answer: a sentence sharing words with the question is
// not enough when the thing asked for is missing or is about something
// else.
func TestDefaultArticlesNearMisses(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, q := range []string{
		"How many Ukrainian children were abducted?", // children mentioned, no number
		"When was the ceasefire signed?",             // "a sign of progress"
		"What is the name of the Turkish president?", // other countries' presidents
		"How many prisoners were exchanged?",
		"How many delegates did Russia send?",
	} {
		if ans := ask(t, e, q); ans.Answered {
			t.Errorf("%q answered %q, want a decline", q, ans.Text)
		}
	}
}

// A misspelt question word asks what the right one asks.
func TestDefaultArticlesQuestionWordTypos(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, tc := range []struct{ typo, right string }{
		{"hw long did the talks last", "how long did the talks last"},
		{"wat time did the talks start", "what time did the talks start"},
		{"wich delegation did Umerov lead", "which delegation did Umerov lead"},
	} {
		t.Run(tc.typo, func(t *testing.T) {
			got, want := ask(t, e, tc.typo), ask(t, e, tc.right)
			// A decline restates the question, typo and all; an answer must
			// be the same answer.
			if got.Answered != want.Answered || want.Answered && got.Text != want.Text {
				t.Errorf("%q answered %q\n%q answered %q", tc.typo, got.Text, tc.right, want.Text)
			}
		})
	}
}

// TestDefaultArticlesLeadInItsClause checks that the bold direct answer is
// the entity in the clause the question's words stand in, not the same
// kind of entity in the clause before it.
func TestDefaultArticlesLeadInItsClause(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	for _, tt := range []struct{ question, lead string }{
		{"Who headed the Russian delegation in Istanbul?", "**Vladimir Medinsky** — "},
	} {
		t.Run(tt.question, func(t *testing.T) {
			if ans := ask(t, e, tt.question); !strings.HasPrefix(ans.Text, tt.lead) {
				t.Errorf("%q answered %q, want it led by %q", tt.question, ans.Text, tt.lead)
			}
		})
	}
}
