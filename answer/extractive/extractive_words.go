package extractive

import "strings"

// frameWords returns the words of a question that frame it rather than
// name its subject: frame words proper, the noun after "what" or "how" that
// names the answer type ("what share", "how long"), and the "place" of
// "take place".
func frameWords(words []string) map[string]bool {
	out := cueHeadWords(words)
	for i, w := range words {
		if isFrameWord(w) {
			out[w] = true
		}
		if w == "place" && i > 0 && isFrameWord(words[i-1]) {
			out[w] = true
		}
	}
	return out
}

// isFrameWord reports whether a question word frames the question ("what
// did X say", "what happened") rather than naming what it is about. Such
// words rarely appear in the answering sentence, so they weigh little.
func isFrameWord(w string) bool {
	switch w {
	case "say", "says", "said", "tell", "told", "describe", "described",
		"mention", "mentioned", "report", "reported", "happen", "happened",
		"happens", "occur", "occurred", "mean", "means", "meant", "think",
		"know", "known", "make", "made", "get", "got", "go", "went", "give",
		"announce", "announced", "according", "take", "took", "taken",
		"taking", "hold", "held", "holds", "happening", "do", "done", "exactly", "please", "actually",
		"really", "kind", "sort", "type", "thing", "things", "anything",
		"something", "also", "ever", "still", "now", "today", "currently",
		// Function words the index keeps; in a question they only
		// frame it. The prior words are matched by the prior cue.
		"since", "ago", "via", "per", "whether", "though", "although",
		"among", "within", "despite", "previous", "previously", "earlier",
		"prior", "formerly", "part", "member", "members":
		return true
	}
	return false
}

// mentionsPrior reports whether the question asks about an earlier state.
func mentionsPrior(words []string) bool {
	for _, w := range words {
		switch w {
		case "before", "previously", "formerly", "former", "earlier", "prior", "previous":
			return true
		}
	}
	return false
}

// isGenericRole reports whether an office noun fits anyone in office
// ("Which official ..."), so it does not narrow who the answer is.
func isGenericRole(w string) bool {
	switch w {
	case "official", "officials", "representative", "delegate", "diplomat":
		return true
	}
	return false
}

// looksLikeVerb reports whether an unknown word has the ending of an
// English past or participle verb form. Verbs carry the question's relation
// and are often paraphrased; nouns carry its topic, and an unknown noun
// ("population", "weather") is a sign the articles are about something else.
func looksLikeVerb(w string) bool {
	return (len(w) > 4 && strings.HasSuffix(w, "ed")) || (len(w) > 5 && strings.HasSuffix(w, "ing"))
}
