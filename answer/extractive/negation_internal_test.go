package extractive

import (
	"slices"
	"testing"
)

// TestNegatesMatch checks that a negation counts for the words it stands
// just before, not for matched words elsewhere in the sentence.
func TestNegatesMatch(t *testing.T) {
	lex := newLexicon()
	for _, tt := range []struct {
		text    string
		matched []string // the sentence words the question matches
		want    bool
	}{
		{"The plans for the harbour were not fully approved.", []string{"approved"}, true},
		{"The council did not approve the budget.", []string{"approve", "budget"}, true},
		{"The council never approved the budget.", []string{"approved"}, true},
		{"The council approved the budget, though not the bridge.", []string{"approved", "budget"}, false},
		{"Nobody doubts the council approved the budget in May.", []string{"approved", "budget"}, false},
		{"The council approved the budget.", []string{"approved", "budget"}, false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			s := &sentence{text: tt.text, toks: tokenize(tt.text, lex)}
			var matched []int
			for i, tok := range s.toks {
				if slices.Contains(tt.matched, tok.norm) {
					matched = append(matched, i)
				}
			}
			if len(matched) != len(tt.matched) {
				t.Fatalf("matched %d of the words %q", len(matched), tt.matched)
			}
			if got := negatesMatch(s, matched); got != tt.want {
				t.Errorf("negatesMatch = %v, want %v", got, tt.want)
			}
		})
	}
}
