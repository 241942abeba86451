package extractive

import (
	"slices"
	"testing"
)

func TestCollocations(t *testing.T) {
	lex := newLexicon()
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"The United Nations met.", []string{"united nations"}},
		{"Prime ministers took part in the talks.", []string{"prime minister", "take part"}},
		{"A 30-day cease-fire.", []string{"cease fire"}},
		{"The talks ended.", nil},
	} {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, c := range collocations(tokenize(tt.text, lex), lex) {
				got = append(got, c.tok.norm)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("collocations = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCollocationsMatch checks that a multi-word lemma stands for a
// question word through WordNet, on either side.
func TestCollocationsMatch(t *testing.T) {
	lex := newLexicon()
	sent := func(text string) *sentence {
		s := &sentence{text: text, toks: tokenize(text, lex)}
		s.colls = collocations(s.toks, lex)
		return s
	}
	word := func(w string) qterm {
		return qterm{norm: w, stem: w, lemma: lex.Lemma(w), term: lex.Term(w), memo: newWordMemo(nil), vec: -1}
	}
	for _, tt := range []struct {
		name     string
		q        qterm
		coll     string // the question's multi-word lemma holding q, if any
		sentence string
		want     int8
	}{
		{"sentence lemma", word("un"), "", "The United Nations met.", 1},
		{"question lemma", word("take"), "take part", "Both participated.", 1},
		{"no lemma", word("take"), "", "Both participated.", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			if tt.coll != "" {
				c := word(tt.coll)
				q.coll = &c
			}
			if got := q.match(lex, sent(tt.sentence)).best; got != tt.want {
				t.Errorf("best level = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestNameInAnotherForm checks that a name the index never saw counts as
// held by the candidates (coverage's hit, which the unknown-name block
// reads) when a sentence holds another form of it.
func TestNameInAnotherForm(t *testing.T) {
	lex := newLexicon()
	var sents []*sentence
	for _, text := range []string{"The United Nations counted the dead.", "China's foreign ministry spoke."} {
		s := &sentence{text: text, toks: tokenize(text, lex)}
		s.colls = collocations(s.toks, lex)
		sents = append(sents, s)
	}
	for _, tt := range []struct {
		word string
		want bool
	}{{"un", true}, {"chinese", true}, {"zubkov", false}} {
		t.Run(tt.word, func(t *testing.T) {
			q := qterm{norm: tt.word, stem: tt.word, lemma: lex.Lemma(tt.word), term: lex.Term(tt.word), memo: newWordMemo(nil), vec: -1, name: true}
			_, _, hit := coverage(lex, []qterm{q}, sents...)
			if got := hit[0] > 0; got != tt.want {
				t.Errorf("%q held by the sentences = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}
