package retrieval

import "footnote/lexicon"

// IsStopword reports whether a normalised word (see [Normalize]) is an
// English function word that carries no retrieval signal: articles,
// pronouns, auxiliaries, prepositions, question words and the apostrophe-less
// contractions [Words] produces ("dont", "isnt"). The list lives with the
// project's other closed-class words in [lexicon.IsStopword].
//
// "us" is deliberately NOT a stopword: [Words] turns "U.S." into "us", and the
// country matters far more in news than the pronoun does.
func IsStopword(word string) bool {
	return lexicon.IsStopword(word)
}
