package extractive

import (
	"math"
	"testing"

	"footnote/retrieval"
)

// TestSentencePredicates checks the tests a sentence's tokens answer:
// whether it opens by referring back, and whether it holds a causal
// connective.
func TestSentencePredicates(t *testing.T) {
	lex := newLexicon()
	for _, tt := range []struct {
		name string
		fn   func(*sentence) bool
		text string
		want bool
	}{
		{"refersBack", refersBack, "Its goal is to widen the choices people have.", true},
		{"refersBack", refersBack, "These foreign bodies are picked up as magma flows.", true},
		{"refersBack", refersBack, "The capabilities approach has one goal.", false},
		{"hasCausalMarker", hasCausalMarker, "The ferry was cancelled because of the storm.", true},
		{"hasCausalMarker", hasCausalMarker, "Owing to the strike, the port stayed shut.", true},
		{"hasCausalMarker", hasCausalMarker, "The council met in order to settle the budget.", true},
		{"hasCausalMarker", hasCausalMarker, "The council met in the old town hall.", false},
		{"hasCausalMarker", hasCausalMarker, "The mayor is due in Merrow on Monday.", false},
	} {
		t.Run(tt.name+"/"+tt.text, func(t *testing.T) {
			if got := tt.fn(&sentence{text: tt.text, toks: tokenize(tt.text, lex)}); got != tt.want {
				t.Errorf("%s = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestLocalWeights checks that a word every candidate holds weighs less
// than one a single candidate holds, and a word none holds most.
func TestLocalWeights(t *testing.T) {
	lex := newLexicon()
	word := func(w string) qterm {
		return qterm{norm: w, stem: retrieval.Stem(w), lemma: lex.Lemma(w), term: lex.Term(w), memo: newWordMemo(nil), vec: -1}
	}
	var cands []*candidate
	for _, text := range []string{
		"Oxygen dissolves in cold water.",
		"Oxygen makes up half the crust.",
		"Oxygen was named by Lavoisier.",
	} {
		cands = append(cands, &candidate{sent: &sentence{text: text, toks: tokenize(text, lex)}})
	}
	terms := []qterm{word("oxygen"), word("water"), word("helium")}
	w := localWeights(lex, terms, cands)
	want := []float64{math.Log(4 / 3.5), math.Log(4 / 1.5), math.Log(4 / 0.5)}
	for i := range want {
		if math.Abs(w[i]-want[i]) > 1e-12 {
			t.Errorf("weight of %q = %.4f, want %.4f", terms[i].norm, w[i], want[i])
		}
	}
	// The first candidate holds oxygen and water, the others oxygen only.
	_, _, hit := coverage(lex, terms, cands[0].sent)
	if got, want := localCoverage(w, hit), (want[0]+want[1])/(want[0]+want[1]+want[2]); math.Abs(got-want) > 1e-12 {
		t.Errorf("localCoverage = %.4f, want %.4f", got, want)
	}
	if got := localCoverage(nil, hit); got != 0 {
		t.Errorf("localCoverage without weights = %v, want 0", got)
	}
}

// TestAlignment checks that the question's words gather round the entity
// in their own clause: a clause boundary counts as clauseGap tokens.
func TestAlignment(t *testing.T) {
	e := &Engine{lex: newLexicon()}
	for _, tt := range []struct {
		name, question, sentence string
		near, far                int // the tokens of two one-word entities: near should align better
	}{
		{"own clause", "Who headed the Beta team?", "The Alpha team was led by Lind, while the Beta team was headed by Vey.", 14, 6},
		{"closer word", "Who chaired the talks?", "Vey chaired the talks and Lind watched.", 0, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := swapQuestion(e.lex, tt.question)
			s := &sentence{text: tt.sentence, toks: tokenize(tt.sentence, e.lex)}
			at := func(k int) float64 { return e.alignment(q, s, s.clauses(), &entity{first: k, last: k}) }
			if near, far := at(tt.near), at(tt.far); near <= far {
				t.Errorf("alignment of %q = %.3f, of %q = %.3f; want the first higher",
					s.toks[tt.near].norm, near, s.toks[tt.far].norm, far)
			}
		})
	}
}
