package answer_test

import (
	"slices"
	"testing"

	"footnote/answer"
)

func TestAnswerNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"bold lead", "**Rustem Umerov** — In Istanbul, the delegation was led by Defence Minister Rustem Umerov. [1]", []string{"Rustem Umerov", "Istanbul", "Defence Minister Rustem Umerov"}},
		{"sentence openers are not names", "The talks ended. They lasted two hours.", nil},
		{"decline", "The articles don't say.", nil},
		{"run after comma", "Russia sent a team, headed by Vladimir Medinsky [2].", []string{"Vladimir Medinsky"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := answer.AnswerNames(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("AnswerNames(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSearchQueryUsesPreviousAnswer(t *testing.T) {
	history := []answer.Turn{{Question: "Who was the Russian negotiator?", Answer: "The Russian team was headed by presidential aide Vladimir Medinsky. [1]"}}
	tests := []struct {
		name, q string
		history []answer.Turn
		want    string
	}{
		{"standalone question untouched", "Where were the talks held?", history, "Where were the talks held?"},
		{"pronoun follow-up gets the answer's names", "What was his previous job?", history, "Who was the Russian negotiator? Russian Vladimir Medinsky What was his previous job?"},
		{"no history", "What was his previous job?", nil, "What was his previous job?"},
		{"declined turn adds only its question", "and Russia's?", []answer.Turn{{Question: "Who led Ukraine's delegation?"}}, "Who led Ukraine's delegation? and Russia's?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := answer.SearchQuery(tt.q, tt.history); got != tt.want {
				t.Errorf("SearchQuery(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}
