package lexicon_test

import (
	"testing"

	"footnote/lexicon"
)

func TestSupersenses(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word    string
		primary lexicon.Supersense
		has     []lexicon.Supersense
		not     []lexicon.Supersense
	}{
		{"Istanbul", lexicon.NounLocation, nil, []lexicon.Supersense{lexicon.NounPerson}},
		{"Albania", lexicon.NounLocation, nil, nil},
		{"minister", lexicon.NounPerson, nil, nil},
		{"negotiators", lexicon.NounPerson, nil, nil},
		{"Monday", lexicon.NounTime, nil, nil},
		{"NATO", lexicon.NounGroup, nil, nil},
		{"dozen", lexicon.NounQuantity, nil, nil},
		{"said", lexicon.VerbCommunication, nil, nil},
		{"talks", lexicon.VerbCommunication, []lexicon.Supersense{lexicon.NounCommunication}, nil}, // "talk" is most often a verb
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			term := l.Term(tt.word)
			got, ok := l.PrimarySupersense(&term)
			if !ok || got != tt.primary {
				t.Errorf("PrimarySupersense(%q) = %v, %v; want %v", tt.word, got, ok, tt.primary)
			}
			set := l.Supersenses(&term)
			if !set.Has(tt.primary) {
				t.Errorf("Supersenses(%q) lacks its primary %v", tt.word, tt.primary)
			}
			for _, s := range tt.has {
				if !set.Has(s) {
					t.Errorf("Supersenses(%q) lacks %v", tt.word, s)
				}
			}
			for _, s := range tt.not {
				if set.Has(s) {
					t.Errorf("Supersenses(%q) has %v", tt.word, s)
				}
			}
		})
	}
	unknown := l.Term("Umerov")
	if _, ok := l.PrimarySupersense(&unknown); ok || l.Supersenses(&unknown) != 0 {
		t.Error("an unknown word has supersenses")
	}
	if lexicon.NounPerson.String() != "noun.person" || lexicon.AdjPpl.String() != "adj.ppl" || lexicon.Supersense(99).String() != "Supersense(99)" {
		t.Error("Supersense.String names are off")
	}
}

func TestSenses(t *testing.T) {
	l := lexicon.Default()
	if n := l.Senses("run", lexicon.Verb); n < 40 {
		t.Errorf("Senses(run, verb) = %d, want WordNet's 41", n)
	}
	if n := l.Senses("Bosporus", lexicon.Noun); n != 1 {
		t.Errorf("Senses(Bosporus, noun) = %d, want 1", n)
	}
	if n := l.Senses("Bosporus", lexicon.Verb); n != 0 {
		t.Errorf("Senses(Bosporus, verb) = %d, want 0", n)
	}
	if n := l.Senses("negotiators", lexicon.Noun); n != 1 {
		t.Errorf("Senses(negotiators, noun) = %d, want 1", n)
	}
}
