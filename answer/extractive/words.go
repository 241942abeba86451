package extractive

import (
	"strings"

	"footnote/lexicon"
	"footnote/wordvec"
)

// wordKnowledge is what the engine needs from WordNet and the word
// vectors: base forms, how two words relate, classes, and how close two
// words' meanings are. *lexicon.Lexicon and *wordvec.Vectors provide it
// through wordnet; the closed classes (stopwords, question words, months,
// number words) are lexicon's package functions.
type wordKnowledge interface {
	// Term resolves a lowercase word to its lemmas once, for Relate.
	Term(word string) lexicon.Term
	// Relate reports how b (a sentence word) may stand for a (a question
	// word): SameLemma, Synonym, Derivation, Antonym or Hyponym as
	// RelateTerms would say, Unrelated for everything else (see
	// lexicon.RelateMatch).
	Relate(a, b *lexicon.Term) lexicon.Relation
	// Lemma returns the most likely base form of word ("led" → "lead").
	Lemma(word string) string
	// Rival reports whether b (a sentence word) is a rival of a (a
	// question word): both directly under one WordNet class, as Warsaw and
	// Vilnius or physicist and chemist, or opposed, as commend and criticize
	// (see lexicon.Lexicon.Siblings and Opposed).
	Rival(a, b *lexicon.Term) bool
	// Collocation returns the longest multi-word lemma the leading words
	// spell and how many words it takes, or "", 0 (see
	// lexicon.Lexicon.Collocation).
	Collocation(words []string) (lemma string, n int)
	// Known reports whether WordNet knows word (in some inflection).
	Known(word string) bool
	// IsA reports whether word names a kind or an instance of class
	// ("istanbul" is a "city").
	IsA(word, class string) bool
	// Supersense returns the WordNet class of t's most likely sense
	// (noun.act for "job", noun.location for "city"), false when WordNet
	// does not know it.
	Supersense(t *lexicon.Term) (lexicon.Supersense, bool)
	// Senses returns how many senses word has in part of speech pos, 0
	// when it is no word of that part (see lexicon.Lexicon.Senses).
	Senses(word string, pos lexicon.POS) int
	// Vec returns word's row in the word vectors, or -1.
	Vec(word string) int32
	// Cosine returns the cosine similarity of two rows (0 for -1).
	Cosine(a, b int32) float32
	// AddVec adds weight times row id's unit vector to acc.
	AddVec(acc []float32, id int32, weight float32)
}

// wordnet is wordKnowledge over the embedded WordNet lexicon and GloVe
// vectors.
type wordnet struct {
	l *lexicon.Lexicon
	v *wordvec.Vectors
}

var _ wordKnowledge = wordnet{}

func newLexicon() wordKnowledge { return wordnet{lexicon.Default(), wordvec.Default()} }

// vecDim is the word vectors' dimension.
const vecDim = 100

func (w wordnet) Supersense(t *lexicon.Term) (lexicon.Supersense, bool) {
	return w.l.PrimarySupersense(t)
}
func (w wordnet) Senses(word string, pos lexicon.POS) int        { return w.l.Senses(word, pos) }
func (w wordnet) Vec(word string) int32                          { return w.v.ID(word) }
func (w wordnet) Cosine(a, b int32) float32                      { return w.v.Cosine(a, b) }
func (w wordnet) AddVec(acc []float32, id int32, weight float32) { w.v.AddTo(acc, id, weight) }

func (w wordnet) Term(word string) lexicon.Term              { return w.l.Term(word) }
func (w wordnet) Collocation(words []string) (string, int)   { return w.l.Collocation(words) }
func (w wordnet) Relate(a, b *lexicon.Term) lexicon.Relation { return w.l.RelateMatch(a, b) }
func (w wordnet) Rival(a, b *lexicon.Term) bool {
	return w.l.Siblings(a, b) || w.l.Opposed(a, b)
}
func (w wordnet) IsA(word, class string) bool { return w.l.IsA(word, class) }
func (w wordnet) Lemma(word string) string {
	if ls := w.l.Lemmas(word); len(ls) > 0 {
		return ls[0]
	}
	return word
}

// isTimeUnit reports whether lemma is a unit of time in WordNet ("hour",
// "week").
func isTimeUnit(lex wordKnowledge, lemma string) bool {
	return lemma != "" && lex.IsA(lemma, "time unit")
}

// isCurrency reports whether lemma is a unit of money ("dollar", "euro").
func isCurrency(lex wordKnowledge, lemma string) bool {
	return lemma != "" && lex.IsA(lemma, "monetary unit")
}

// isNumberWord reports whether w spells a number ("twelve", "million").
func isNumberWord(w string) bool {
	_, ok := lexicon.NumberWordValue(w)
	return ok
}

// isQuantityWord reports whether w states an amount without a figure: a
// plural magnitude ("dozens", "thousands") or a fraction ("half", "fifth").
func isQuantityWord(w string) bool {
	if _, ok := lexicon.FractionValue(w); ok {
		return true
	}
	return lexicon.IsVagueQuantity(w) && strings.HasSuffix(w, "s") && !lexicon.IsStopword(w)
}

func isMonth(w string) bool {
	_, ok := lexicon.MonthNumber(w)
	return ok
}

func isWeekday(w string) bool {
	_, ok := lexicon.WeekdayNumber(w)
	return ok
}

func (w wordnet) Known(word string) bool { return w.l.Term(word).Known() }
