package eval_test

import (
	"strings"
	"testing"

	"footnote/answer"
	"footnote/eval"
)

func TestGrade(t *testing.T) {
	answerable := eval.Case{ID: "c", Expect: eval.Expect{
		Answered:   true,
		AnswerAny:  []string{"Dolmabahce", "Istanbul"},
		SourcesAny: []string{"000_a.txt", "003_b.txt"},
	}}
	multi := eval.Case{ID: "m", Expect: eval.Expect{
		Answered:  true,
		AnswerAll: [][]string{{"Umerov"}, {"Medinsky", "Medinskiy"}},
	}}
	none := eval.Case{ID: "n", Expect: eval.Expect{Answered: false}}
	cite := func(src string) []answer.Citation { return []answer.Citation{{N: 1, Source: src}} }

	tests := []struct {
		name    string
		c       eval.Case
		a       answer.Answer
		correct bool
		reason  string
	}{
		{"accent and case folded", answerable, answer.Answer{Answered: true, Text: "At the DOLMABAHÇE Palace [1]", Citations: cite("000_a.txt")}, true, ""},
		{"source in sub-directory", answerable, answer.Answer{Answered: true, Text: "In Istanbul [1]", Citations: cite("news/003_b.txt")}, true, ""},
		{"wrong source", answerable, answer.Answer{Answered: true, Text: "In Istanbul [1]", Citations: cite("004_c.txt")}, false, "no citation of"},
		{"no citation", answerable, answer.Answer{Answered: true, Text: "In Istanbul"}, false, "no citation of"},
		{"phrase missing", answerable, answer.Answer{Answered: true, Text: "In Ankara [1]", Citations: cite("000_a.txt")}, false, `lacks any of "Dolmabahce" | "Istanbul"`},
		{"declined answerable", answerable, answer.Answer{Answered: false, Text: "The articles don't say."}, false, "declined"},
		{"all groups present", multi, answer.Answer{Answered: true, Text: "Rustem Umerov and Vladimir Medinskiy"}, true, ""},
		{"one group missing", multi, answer.Answer{Answered: true, Text: "Rustem Umerov"}, false, `"Medinsky" | "Medinskiy"`},
		{"unanswerable declined", none, answer.Answer{Answered: false}, true, ""},
		{"unanswerable answered", none, answer.Answer{Answered: true, Text: "Argentina"}, false, "no answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			correct, reasons := eval.Grade(tt.c, tt.a)
			if correct != tt.correct {
				t.Fatalf("correct = %v, want %v (reasons %v)", correct, tt.correct, reasons)
			}
			if tt.correct && len(reasons) > 0 {
				t.Errorf("correct answer has reasons %v", reasons)
			}
			if !tt.correct && !strings.Contains(strings.Join(reasons, "; "), tt.reason) {
				t.Errorf("reasons %v, want one containing %q", reasons, tt.reason)
			}
		})
	}
}

func TestGradeNormalisesTypography(t *testing.T) {
	tests := []struct {
		phrase, text string
	}{
		{"30-day", "a full, 30‑day ceasefire"},   // non-breaking hyphen
		{"30-day", "a full, 30–day ceasefire"},   // en dash
		{"don't say", "The articles don’t say."}, // curly apostrophe
		{"two hours", "about\ntwo   hours"},
		{"Zelenskyy", "ZELENSKYY"},
		{"Turkiye", "Türkiye"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			c := eval.Case{Expect: eval.Expect{Answered: true, AnswerAny: []string{tt.phrase}}}
			if ok, reasons := eval.Grade(c, answer.Answer{Answered: true, Text: tt.text}); !ok {
				t.Errorf("%q not found in %q: %v", tt.phrase, tt.text, reasons)
			}
		})
	}
}
