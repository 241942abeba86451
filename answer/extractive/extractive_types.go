package extractive

// answerType is the kind of thing a question asks for, read off its
// question word ("how long" → a duration). A sentence that holds such a
// thing, beyond what the question already says, is more likely the answer.
type answerType int

const (
	cueNone     answerType = iota
	cuePerson              // who; which minister
	cueDate                // when; what year
	cueTime                // what time
	cuePlace               // where; which country
	cueDuration            // how long
	cueNumber              // how many, how much
	cueShare               // what share, what percentage
	cueRole                // what post, what position
	cueQuote               // how did X describe; what did X say
	cueReason              // why
)

// detectAnswerType reads the answer type off a question's normalised words.
func detectAnswerType(words []string) answerType {
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		case "who", "whom", "whose":
			return cuePerson
		case "when":
			return cueDate
		case "where":
			return cuePlace
		case "why":
			return cueReason
		case "how":
			return howType(next)
		case "what", "which":
			if t := headNounType(words[i+1:]); t != cueNone {
				return t
			}
			if saysVerb(words[i+1:]) {
				return cueQuote
			}
			return cueNone
		}
	}
	return cueNone
}

// howType maps the word after "how" to an answer type.
func howType(next string) answerType {
	switch next {
	case "long":
		return cueDuration
	case "many", "much", "old", "big", "large", "far":
		return cueNumber
	}
	return cueQuote // "how did Ukraine describe ..."
}

// headNounType is the answer type named by the noun after "what"/"which".
func headNounType(rest []string) answerType {
	_, t := headNoun(rest)
	return t
}

// headNoun looks at the few words after "what"/"which", up to the verb, for
// a noun that names the answer type ("which country", "what share", "what
// is the name of") and returns it with its type.
func headNoun(rest []string) (string, answerType) {
	if len(rest) > 0 && isCopula(rest[0]) {
		rest = rest[1:]
	}
	for i, w := range rest {
		if i >= 3 || isAuxiliary(w) || w == "of" {
			break
		}
		if w == "number" && i+1 < len(rest) && isFigure(rest[i+1]) {
			continue // "number one priority" ranks; it asks for no figure
		}
		if t := nounType(w); t != cueNone {
			return w, t
		}
	}
	return "", cueNone
}

// nounType maps a head noun to an answer type.
func nounType(w string) answerType {
	switch w {
	case "time", "hour":
		return cueTime
	case "year", "month", "day", "date":
		return cueDate
	case "country", "city", "town", "place", "venue", "location", "region", "capital", "where":
		return cuePlace
	case "share", "proportion", "percentage", "percent", "fraction", "part", "portion":
		return cueShare
	case "post", "position", "role", "job", "title", "office", "rank":
		return cueRole
	case "number", "amount", "figure", "toll", "total", "sum", "price", "cost":
		return cueNumber
	case "duration", "length", "period":
		return cueDuration
	}
	if isRoleNoun(w) || w == "person" || w == "people" || w == "man" || w == "woman" || w == "name" {
		return cuePerson
	}
	return cueNone
}

// cueHeadWords returns the question words that only name the answer type; they
// weigh as frame words when sentences are scored.
func cueHeadWords(words []string) map[string]bool {
	out := map[string]bool{}
	for i, w := range words {
		switch w {
		case "how":
			if i+1 < len(words) && howType(words[i+1]) != cueQuote {
				out[words[i+1]] = true
			}
		case "what", "which":
			// An office ("which minister") is content; "name",
			// "country" or "official" only says what kind of answer
			// is wanted.
			if n, t := headNoun(words[i+1:]); t != cueNone && (!isRoleNoun(n) || isGenericRole(n)) {
				out[n] = true
			}
		}
	}
	return out
}

// saysVerb reports whether a what-question asks what someone said.
func saysVerb(rest []string) bool {
	for _, w := range rest {
		switch w {
		case "say", "said", "tell", "told", "announce", "announced", "claim",
			"claimed", "call", "describe", "warn", "urge", "promise", "vow", "demand":
			return true
		}
	}
	return false
}

func isCopula(w string) bool {
	return w == "is" || w == "was" || w == "are" || w == "were"
}

func isAuxiliary(w string) bool {
	switch w {
	case "is", "are", "was", "were", "do", "does", "did", "has", "have", "had",
		"will", "would", "can", "could", "should", "be", "been":
		return true
	}
	return false
}

// isRoleNoun lists nouns that name a person by office.
func isRoleNoun(w string) bool {
	switch w {
	case "minister", "ministers", "official", "officials", "spokesman", "spokeswoman",
		"spokesperson", "leader", "leaders", "president", "chief", "head", "envoy",
		"negotiator", "negotiators", "aide", "adviser", "advisor", "director",
		"secretary", "ambassador", "general", "commander", "mayor", "governor",
		"chairman", "chairwoman", "deputy", "diplomat", "soldier", "journalist",
		"reporter", "representative", "delegate", "premier", "chancellor", "king",
		"queen", "prime":
		return true
	}
	return false
}
