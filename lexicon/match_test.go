package lexicon_test

import (
	"strings"
	"testing"

	"footnote/lexicon"
)

// TestRelateMatchAgreesWithRelateTerms checks RelateMatch against
// RelateTerms on every ordered pair of a word list that holds each kind of
// relation: the same answer where RelateTerms says SameLemma, Synonym,
// Derivation, Antonym or Hyponym, Unrelated elsewhere.
func TestRelateMatchAgreesWithRelateTerms(t *testing.T) {
	l := lexicon.Default()
	words := strings.Fields("sat sitting UN backing support negotiators negotiate mediator mediation Ukrainian Ukraine " +
		"won lost Bosporus strait NATO alliance conclude end France Germany ceasefire truce Umerov talks meeting " +
		"city Istanbul killed died snore sleep buy pay person president minister leader led lead headed head " +
		"delegation delegate army soldier troops war peace attack attacked hour week year month dollar euro money " +
		"price cost rise fall increase decrease hot cold river water building structure church cathedral " +
		"animal dog cat bird university school student teacher king queen country nation state government " +
		"walk run move travel company organization group team play game music song writer author book")
	terms := make([]lexicon.Term, len(words))
	for i, w := range words {
		terms[i] = l.Term(strings.ToLower(w))
	}
	kinds := map[lexicon.Relation]int{}
	for i := range terms {
		for j := range terms {
			full := l.RelateTerms(&terms[i], &terms[j])
			want := full
			switch full {
			case lexicon.Hypernym, lexicon.Coordinate, lexicon.Entailment:
				want = lexicon.Unrelated
			}
			if got := l.RelateMatch(&terms[i], &terms[j]); got != want {
				t.Errorf("RelateMatch(%q, %q) = %v; RelateTerms says %v", words[i], words[j], got, full)
			}
			kinds[full]++
		}
	}
	for r := lexicon.SameLemma; r <= lexicon.Entailment; r++ {
		if kinds[r] == 0 {
			t.Errorf("no pair of kind %v: the test covers too little", r)
		}
	}
}
