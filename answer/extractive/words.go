package extractive

// wordKnowledge is what the engine needs to know about English words: base
// forms, related words, classes and the closed classes. The embedded
// WordNet lexicon (package lexicon) provides it.
type wordKnowledge interface {
	// Lemma returns the base form of a lowercase word ("led" → "lead"), or
	// the word itself when it has none.
	Lemma(word string) string
	// Related returns lemmas that can stand for lemma in a question:
	// synonyms and derivations ("negotiate" → "negotiator", "talk").
	Related(lemma string) []string
	// Antonyms returns lemmas of opposite meaning.
	Antonyms(lemma string) []string
	// IsA reports whether word (a lemma or a multi-word name, lowercase)
	// is a kind or an instance of class ("istanbul" is a "city").
	IsA(word, class string) bool
	// IsTimeUnit and IsCurrency report units of time and money.
	IsTimeUnit(lemma string) bool
	IsCurrency(lemma string) bool
	// Closed classes.
	IsStopword(word string) bool
	IsQuestionWord(word string) bool
	IsAuxiliary(word string) bool
	IsDegreeAdjective(word string) bool
	IsMonth(word string) bool
	IsWeekday(word string) bool
	IsNumberWord(word string) bool
	IsQuantity(word string) bool
	IsNegation(word string) bool
	IsPronoun(word string) bool
}
