package lexicon_test

import (
	"testing"

	"footnote/lexicon"
)

func TestSiblingsAndOpposed(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		a, b              string
		siblings, opposed bool
	}{
		// Rivals under one class: a question about one is not answered by
		// a sentence about the other.
		{"lyon", "montreal", true, false},
		{"warsaw", "vilnius", true, false},
		{"physicist", "chemist", true, false},
		{"may", "june", true, false},
		{"france", "germany", true, false},
		{"oxygen", "nitrogen", true, false},
		// Adjectives stand for the nouns they derive from.
		{"spanish", "scottish", true, false},
		// Indirect antonyms: commend is to praise, the antonym of criticize.
		{"commend", "criticize", false, true},
		{"criticize", "commend", false, true},
		{"lack", "possess", false, true},
		{"increase", "reduce", false, true},
		// Paraphrases, kinds and derivations are not rivals.
		{"talks", "negotiations", false, false},
		{"said", "told", false, false},
		{"meeting", "conference", false, false},
		{"war", "battle", false, false},
		{"spanish", "spain", false, false},
		{"city", "city", false, false},
		// Direct antonyms are the antonym relation's, not siblings.
		{"north", "south", false, true},
		// Unknown words relate to nothing.
		{"umerov", "fidan", false, false},
		{"", "paris", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			a, b := l.Term(tt.a), l.Term(tt.b)
			if got := l.Siblings(&a, &b); got != tt.siblings {
				t.Errorf("Siblings(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.siblings)
			}
			if got := l.Opposed(&a, &b); got != tt.opposed {
				t.Errorf("Opposed(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.opposed)
			}
		})
	}
}

func TestSiblingsDoesNotAllocate(t *testing.T) {
	l := lexicon.Default()
	a, b := l.Term("physicist"), l.Term("chemist")
	if n := testing.AllocsPerRun(100, func() { l.Siblings(&a, &b); l.Opposed(&a, &b) }); n != 0 {
		t.Errorf("Siblings and Opposed allocate %v times per call", n)
	}
}
