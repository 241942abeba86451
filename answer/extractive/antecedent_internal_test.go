package extractive

import "testing"

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
