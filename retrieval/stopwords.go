package retrieval

// IsStopword reports whether a normalised word (see [Normalize]) is an
// English function word that carries no retrieval signal: articles,
// pronouns, auxiliaries, prepositions, question words and the apostrophe-less
// contractions [Words] produces ("dont", "isnt").
//
// "us" is deliberately NOT a stopword: [Words] turns "U.S." into "us", and the
// country matters far more in news than the pronoun does.
func IsStopword(word string) bool {
	// A switch compiles to a fast lookup without package-level mutable state.
	switch word {
	case "a", "about", "above", "after", "again", "against", "all", "am", "an",
		"and", "any", "are", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both",
		"but", "by",
		"can", "could",
		"did", "do", "does", "doing", "down", "during",
		"each", "either",
		"few", "for", "from", "further",
		"had", "has", "have", "having", "he", "her", "here", "hers", "herself",
		"him", "himself", "his", "how",
		"i", "if", "in", "into", "is", "it", "its", "itself",
		"just",
		"me", "might", "more", "most", "must", "my", "myself",
		"no", "nor", "not", "now",
		"of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
		"ourselves", "out", "over", "own",
		"same", "shall", "she", "should", "so", "some", "such",
		"than", "that", "the", "their", "theirs", "them", "themselves", "then",
		"there", "these", "they", "this", "those", "through", "to", "too",
		"under", "until", "up", "upon",
		"very",
		"was", "we", "were", "what", "whats", "when", "where", "which", "while",
		"who", "whom", "whose", "why", "will", "with", "would",
		"you", "your", "yours", "yourself", "yourselves",
		// Apostrophe-less contractions and their leftovers. Ambiguous ones
		// that are also content words ("ill", "wed", "id", "well") are kept.
		"s", "t", "d", "ll", "re", "ve", "m",
		"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
		"cant", "cannot", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent",
		"hadnt", "mustnt", "im", "ive", "youre", "youve", "youll", "hes", "shes",
		"theyre", "theyve", "theyll", "weve", "thats", "theres", "heres", "whos":
		return true
	}
	return false
}
