package extractive

import (
	"slices"
	"testing"
)

func TestAntecedent(t *testing.T) {
	lex := newLexicon()
	analyse := func(texts ...string) []*sentence {
		var out []*sentence
		for _, s := range texts {
			out = append(out, &sentence{text: s, toks: tokenize(s, lex)})
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		sents []string
		want  int // index of the antecedent of the last sentence, -1 for none
	}{
		{"person named two back", []string{"Foreign Minister Hakan Fidan opened the session.", `"We must act now," he said.`, "He sat at the head of the table."}, 0},
		{"person named just before", []string{"The talks began.", "Minister Hakan Fidan opened them.", "She spoke next."}, 1},
		{"no name near", []string{"The talks began.", "They were short.", "the talks ended.", "It rained.", "He left."}, 3},
		{"not a personal pronoun", []string{"Minister Hakan Fidan opened the session.", "the talks were short.", "It ended at noon."}, 1},
		{"first sentence", []string{"He left."}, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sents := analyse(tt.sents...)
			got := antecedent(sents, len(sents)-1)
			want := (*sentence)(nil)
			if tt.want >= 0 {
				want = sents[tt.want]
			}
			if got != want {
				t.Errorf("antecedent = %v, want sentence %d", got, tt.want)
			}
		})
	}
}

func TestNotANameOf(t *testing.T) {
	e := &Engine{lex: newLexicon()}
	for _, tt := range []struct {
		text     string
		from, to int // the entity's tokens
		kind     kind
		want     bool
	}{
		{"The Ukrainian side spoke.", 1, 1, kindPlace, true},
		{"The talks were in Istanbul.", 4, 4, kindPlace, false},
		{"The talks were in New York.", 4, 5, kindPlace, false},
		{"The Ukrainian side spoke.", 1, 1, kindPerson, false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			s := &sentence{text: tt.text, toks: tokenize(tt.text, e.lex)}
			en := &entity{start: s.toks[tt.from].start, end: s.toks[tt.to].end, kind: tt.kind, first: tt.from, last: tt.to}
			if got := e.notANameOf(s, en); got != tt.want {
				t.Errorf("notANameOf(%q) = %v, want %v", tt.text[en.start:en.end], got, tt.want)
			}
		})
	}
}

func TestClauses(t *testing.T) {
	lex := newLexicon()
	for _, tt := range []struct {
		text string
		want []int
	}{
		{"Lind led one, while Vey headed the other.", []int{0, 0, 0, 1, 1, 1, 1, 1}},
		{"The talks (short ones) ended.", []int{0, 0, 1, 1, 2}},
		{"No breaks here.", []int{0, 0, 0}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			s := &sentence{text: tt.text, toks: tokenize(tt.text, lex)}
			if got := s.clauses(); !slices.Equal(got, tt.want) {
				t.Errorf("clauses = %v, want %v", got, tt.want)
			}
		})
	}
}
