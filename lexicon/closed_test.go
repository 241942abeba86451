package lexicon_test

import (
	"strings"
	"testing"
	"time"

	"footnote/lexicon"
)

func TestClosedClassPredicates(t *testing.T) {
	tests := []struct {
		name     string
		fn       func(string) bool
		yes, not []string
	}{
		{"IsStopword", lexicon.IsStopword, []string{"the", "and", "dont", "whats", "s"}, []string{"us", "talks", "well", "istanbul", ""}},
		{"IsQuestionWord", lexicon.IsQuestionWord, []string{"who", "what", "when", "where", "which", "why", "how", "whose", "whom", "whats"}, []string{"the", "did", "that"}},
		{"IsAuxiliary", lexicon.IsAuxiliary, []string{"is", "was", "did", "does", "has", "will", "could", "didnt"}, []string{"who", "talk"}},
		{"IsPronoun", lexicon.IsPronoun, []string{"he", "them", "itself", "this", "nobody"}, []string{"who", "the"}},
		{"IsSingularDemonstrative", lexicon.IsSingularDemonstrative, []string{"this", "that"}, []string{"these", "those", "the", "it"}},
		{"IsProForm", lexicon.IsProForm, []string{"one", "ones"}, []string{"two", "once", "none", "it"}},
		{"IsPersonalPronoun", lexicon.IsPersonalPronoun, []string{"he", "she", "his", "her", "himself"}, []string{"they", "it", "its", "i", "we"}},
		{"IsBackReference", lexicon.IsBackReference, []string{"he", "she", "they", "its", "her"}, []string{"i", "you", "we", "us"}},
		{"IsNegation", lexicon.IsNegation, []string{"not", "never", "no", "didnt", "without", "nobody"}, []string{"now", "note"}},
		{"IsVagueQuantity", lexicon.IsVagueQuantity, []string{"dozens", "hundreds", "several", "many", "few"}, []string{"dozen", "twelve", "the"}},
		{"IsApproximator", lexicon.IsApproximator, []string{"over", "nearly", "about", "around", "almost", "roughly", "more", "than"}, []string{"exactly", "the"}},
		{"IsTitleAbbreviation", lexicon.IsTitleAbbreviation, []string{"mr", "dr", "gen", "approx", "e.g"}, []string{"no", "inc", "the"}},
		{"IsNumberAbbreviation", lexicon.IsNumberAbbreviation, []string{"no", "vol", "jan", "sept"}, []string{"may", "mr"}},
		{"IsNameEndAbbreviation", lexicon.IsNameEndAbbreviation, []string{"inc", "ltd", "jr", "al"}, []string{"mr", "no"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.yes {
				if !tt.fn(w) {
					t.Errorf("%s(%q) = false", tt.name, w)
				}
			}
			for _, w := range tt.not {
				if tt.fn(w) {
					t.Errorf("%s(%q) = true", tt.name, w)
				}
			}
		})
	}
}

func TestStartsFollowUp(t *testing.T) {
	tests := []struct {
		words []string
		want  bool
	}{
		{[]string{"and", "russia"}, true},
		{[]string{"what", "about", "kyiv"}, true},
		{[]string{"same", "for", "turkey"}, true},
		{[]string{"then"}, true},
		{[]string{"what", "happened"}, false},
		{[]string{"andrew", "said"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := lexicon.StartsFollowUp(tt.words); got != tt.want {
			t.Errorf("StartsFollowUp(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

func TestMonthAndWeekday(t *testing.T) {
	months := map[string]time.Month{"january": 1, "jan": 1, "sept": 9, "september": 9, "may": 5, "dec": 12}
	for w, want := range months {
		if got, ok := lexicon.MonthNumber(w); !ok || got != want {
			t.Errorf("MonthNumber(%q) = %v, %v; want %v", w, got, ok, want)
		}
	}
	if _, ok := lexicon.MonthNumber("monday"); ok {
		t.Error(`MonthNumber("monday") ok`)
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		w := d.String()
		lower := string(w[0]+'a'-'A') + w[1:]
		if got, ok := lexicon.WeekdayNumber(lower); !ok || got != d {
			t.Errorf("WeekdayNumber(%q) = %v, %v", lower, got, ok)
		}
	}
	if _, ok := lexicon.WeekdayNumber("sat"); ok {
		t.Error(`WeekdayNumber("sat") ok; "sat" is a verb far more often`)
	}
}

func TestNumberWords(t *testing.T) {
	cardinals := map[string]int64{"zero": 0, "one": 1, "twelve": 12, "nineteen": 19, "twenty": 20,
		"forty-two": 42, "ninety": 90, "ninety-nine": 99, "hundred": 100, "thousand": 1000,
		"million": 1e6, "billion": 1e9, "dozen": 12, "score": 20}
	for w, want := range cardinals {
		if got, ok := lexicon.NumberWordValue(w); !ok || got != want {
			t.Errorf("NumberWordValue(%q) = %d, %v; want %d", w, got, ok, want)
		}
	}
	for _, w := range []string{"dozens", "twenty-", "forty-zero", "first", "none", ""} {
		if v, ok := lexicon.NumberWordValue(w); ok {
			t.Errorf("NumberWordValue(%q) = %d, want not a number", w, v)
		}
	}
	for n := range 100 {
		if got, ok := lexicon.NumberWordValue(lexicon.NumberWord(n)); !ok || got != int64(n) {
			t.Errorf("NumberWord(%d) = %q does not read back", n, lexicon.NumberWord(n))
		}
	}
	if got := lexicon.NumberWord(150); got != "150" {
		t.Errorf("NumberWord(150) = %q", got)
	}

	ordinals := map[string]int64{"first": 1, "second": 2, "third": 3, "twelfth": 12, "twentieth": 20,
		"twenty-first": 21, "ninetieth": 90, "hundredth": 100, "21st": 21, "3rd": 3, "100th": 100}
	for w, want := range ordinals {
		if got, ok := lexicon.OrdinalValue(w); !ok || got != want {
			t.Errorf("OrdinalValue(%q) = %d, %v; want %d", w, got, ok, want)
		}
	}
	for _, w := range []string{"one", "last", "th", "0th", "firsts"} {
		if v, ok := lexicon.OrdinalValue(w); ok {
			t.Errorf("OrdinalValue(%q) = %d, want not an ordinal", w, v)
		}
	}

	fractions := map[string]float64{"half": 0.5, "halves": 0.5, "third": 1.0 / 3, "thirds": 1.0 / 3,
		"quarter": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "hundredth": 0.01}
	for w, want := range fractions {
		if got, ok := lexicon.FractionValue(w); !ok || got != want {
			t.Errorf("FractionValue(%q) = %v, %v; want %v", w, got, ok, want)
		}
	}
	for _, w := range []string{"second", "first", "one", "whole"} {
		if v, ok := lexicon.FractionValue(w); ok {
			t.Errorf("FractionValue(%q) = %v, want not a fraction", w, v)
		}
	}
}

func TestMonthWordsAllParse(t *testing.T) {
	words := lexicon.MonthWords()
	if len(words) < 12 {
		t.Fatalf("MonthWords() = %q", words)
	}
	for _, w := range words {
		if _, ok := lexicon.MonthNumber(w); !ok {
			t.Errorf("MonthWords holds %q, which MonthNumber rejects", w)
		}
	}
	words[0] = "changed"
	if lexicon.MonthWords()[0] != "january" {
		t.Error("MonthWords shares its slice")
	}
}

func TestQuestionWordTypo(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"wat", "what", true},
		{"hw", "how", true},
		{"wich", "which", true},
		{"wher", "where", true},
		{"whta", "what", true},
		{"whoo", "who", true},
		{"what", "", false},
		{"whats", "", false},
		{"war", "", false},
		{"x", "", false},
		{"wherever", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := lexicon.QuestionWordTypo(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("QuestionWordTypo(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestCausalMarkerAt(t *testing.T) {
	tests := []struct {
		text string
		at   int
		want int
	}{
		{"it failed because the talks stalled", 2, 1},
		{"delayed due to the storm", 1, 2},
		{"they met in order to agree", 2, 3},
		{"prices rose as a result of the war", 2, 3},
		{"the fire was caused by a spark", 3, 2},
		{"she left so that he could stay", 2, 2},
		{"he is due on monday", 2, 0},
		{"in the order of events", 0, 0},
		{"as a rule they win", 0, 0},
		{"so far so good", 0, 0},
		{"it ends in", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := lexicon.CausalMarkerAt(strings.Fields(tt.text), tt.at); got != tt.want {
				t.Errorf("CausalMarkerAt(%q, %d) = %d, want %d", tt.text, tt.at, got, tt.want)
			}
		})
	}
}
