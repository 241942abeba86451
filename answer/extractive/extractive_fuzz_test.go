package extractive_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/answer/extractive"
)

// FuzzExtractive asks arbitrary questions, with an arbitrary earlier
// question, of the fixture articles: the answerer must never panic, and
// every answer must keep its shape (markers match citations, a decline
// cites nothing).
func FuzzExtractive(f *testing.F) {
	for _, seed := range [][2]string{
		{"Who led the Alpha delegation?", ""},
		{"And Beta's?", "Who led the Alpha delegation?"},
		{"Who led, and when, and why, and how?", "and?"},
		{"???", ""},
		{"Wher wat hwo", "it"},
		{"2019 March 90 minutes 12 percent", "they"},
		{"Кто возглавлял делегацию?", ""},
		{"\"unworkable\" “quote” – dash", "What about Lind’s?"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, q, prev string) {
		if !utf8.ValidString(q) || !utf8.ValidString(prev) {
			t.Skip()
		}
		e := extractive.New(newFixtureRetriever(t), extractive.Options{})
		ans, err := e.Answer(context.Background(), answer.Request{Question: q, History: answer.QuestionTurns([]string{prev})})
		checkWellFormed(t, q, ans, err)
	})
}

// checkWellFormed checks what every extractive reply must satisfy: only the
// input errors, declines cite nothing, answers cite something, and every
// citation's marker is in the text.
func checkWellFormed(t *testing.T, q string, ans answer.Answer, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, answer.ErrEmptyQuestion) && !errors.Is(err, answer.ErrQuestionTooLong) {
			t.Fatalf("Answer(%q): unexpected error %v", q, err)
		}
		return
	}
	if !ans.Answered && len(ans.Citations) != 0 {
		t.Fatalf("decline with citations: %+v", ans)
	}
	if ans.Answered && len(ans.Citations) == 0 {
		t.Fatalf("answer without citations: %q", ans.Text)
	}
	for _, c := range ans.Citations {
		if !strings.Contains(ans.Text, "["+strconv.Itoa(c.N)+"]") {
			t.Fatalf("marker [%d] missing from %q", c.N, ans.Text)
		}
	}
}
