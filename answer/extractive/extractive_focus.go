package extractive

import (
	"slices"
	"strings"
	"unicode"

	"footnote/retrieval"
)

// This file holds the checks that an answer's words play the part the
// question gives them: a verb of the question is used as a verb ("signed",
// not "a sign of progress"), the figure a "how many" question asks for
// counts the thing it names ("four men", not a 30-day ceasefire in the same
// sentence), and an office is held in the country asked about ("Turkish
// president", not "Russian President Vladimir Putin"). Sharing words with
// the question is not enough; the words must be about the same thing.

// nounUseCredit is what a question verb earns from a sentence that holds
// its stem only as a noun ("when was it signed?" / "a sign of progress").
const nounUseCredit = 0.2

// plainWords splits text into lower-cased words, keeping digits, commas
// inside figures and hyphens ("12,000", "30-day"), with a flag per word
// for whether it was written capitalised.
func plainWords(text string) (words []string, capital []bool) {
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.ReplaceAll(w, ".", "") // "U.S." is "US"
		if w == "" {
			continue
		}
		r := []rune(w)[0]
		words = append(words, strings.ToLower(w))
		capital = append(capital, unicode.IsUpper(r))
	}
	return words, capital
}

// verbUses returns the words of question q used as verbs: the word right
// after "who" ("who chaired"), a past form in -ed after
// no determiner ("were abducted"), the word after a name that follows an
// auxiliary ("did Russia annex"), and the last word of a question that
// puts an auxiliary before its subject ("when will the war end?").
func verbUses(q string) map[string]bool {
	words, capital := plainWords(q)
	out := map[string]bool{}
	invertedAux := false
	for i, w := range words {
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		if isDoAux(w) && i > 0 && isWhWord(words[0]) {
			invertedAux = true
		}
		if retrieval.IsStopword(w) || isAuxiliary(w) || isFrameWord(w) || capital[i] && i > 0 {
			continue
		}
		switch {
		case prev == "who":
			out[w] = true
		case len(w) > 4 && strings.HasSuffix(w, "ed") && !isDeterminer(prev):
			out[w] = true
		case i >= 2 && capital[i-1] && isDoAux(words[i-2]):
			out[w] = true
		case i == len(words)-1 && invertedAux && !isDeterminer(prev) && (!retrieval.IsStopword(prev) || isDoAux(prev)):
			// "when will the war end?", not "what did he say about the
			// ceasefire?"
			out[w] = true
		}
	}
	return out
}

// isDoAux lists the auxiliaries that come before the subject of a
// question and leave the main verb bare ("did Russia annex").
func isDoAux(w string) bool {
	switch w {
	case "do", "does", "did", "will", "would", "can", "could", "should", "shall", "may", "might", "must":
		return true
	}
	return false
}

func isWhWord(w string) bool {
	switch w {
	case "who", "whom", "whose", "what", "when", "where", "which", "why", "how":
		return true
	}
	return false
}

// isDeterminer lists words that open a noun phrase: a word right after one
// is a noun (or an adjective), not a verb.
func isDeterminer(w string) bool {
	switch w {
	case "a", "an", "the", "this", "that", "these", "those", "its", "his", "her",
		"their", "our", "my", "your", "every", "each", "no", "any", "some",
		"another", "first", "rare":
		return true
	}
	return false
}

// onlyNounUse reports whether every word of text with the given stem is
// used as a noun: it follows a determiner ("a sign of progress", "an end
// to the war"). False when no word has the stem.
func onlyNounUse(stem, text string) bool {
	words, _ := plainWords(text)
	found := false
	for i, w := range words {
		if retrieval.Stem(w) != stem {
			continue
		}
		found = true
		// "In control of" keeps the sense of "control"; "a sign of"
		// does not keep "signed", so only a determiner marks a noun.
		if i == 0 || !isDeterminer(words[i-1]) || isEventNoun(w) {
			return false
		}
	}
	return found
}

// isEventNoun reports whether w is a noun made from a verb by a suffix that
// keeps the verb's sense: "a meeting" is the act of meeting, "the signing"
// the act of signing, "an announcement" the act of announcing, whereas a
// bare noun that merely shares the stem ("a sign of progress") is not.
func isEventNoun(w string) bool {
	for _, suf := range []string{"ing", "tion", "sion", "ment"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// countedNoun is the noun a "how many"/"how much" question counts ("how
// many Ukrainian children were ..." → "children"), or "" when the question
// names none ("how much did the EU pledge?"). Counted nouns are plural,
// so the first word of the phrase that looks plural is taken; otherwise
// its last word.
func countedNoun(words []string) string {
	for i, w := range words {
		if w != "how" || i+1 >= len(words) || (words[i+1] != "many" && words[i+1] != "much") {
			continue
		}
		var phrase []string
		for _, p := range words[i+2:] {
			if retrieval.IsStopword(p) || isAuxiliary(p) || len(phrase) == 3 {
				break
			}
			phrase = append(phrase, p)
		}
		for _, p := range phrase {
			if looksPlural(p) {
				return p
			}
		}
		if len(phrase) > 0 {
			return phrase[len(phrase)-1]
		}
	}
	return ""
}

// looksPlural reports whether w has the form of an English plural noun.
func looksPlural(w string) bool {
	switch w {
	case "men", "women", "children", "people", "police", "staff", "personnel", "troops":
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// countWindow is how many words before the counted noun a figure may stand
// ("over 12,000 Ukrainian civilian lives") and still count it.
const countWindow = 4

// countsNoun reports whether text gives a figure, new to the question,
// standing just before (or right after) a word for the counted noun t:
// "four men", "47 European nations", "civilians numbered 12,000".
func countsNoun(t queryTerm, text string, qwords map[string]bool) bool {
	words, _ := plainWords(text)
	for j, w := range words {
		if matchCredit(t, retrieval.Stem(w)) == 0 {
			continue
		}
		for k := max(0, j-countWindow); k <= min(len(words)-1, j+1); k++ {
			if k != j && isFigure(words[k]) && !qwords[words[k]] && !nounBetween(words, k, j) {
				return true
			}
		}
	}
	return false
}

// nounBetween reports whether a word between positions k and j (k before
// j) opens or is another noun phrase ("four days later the men"): the
// figure then counts that, not words[j].
func nounBetween(words []string, k, j int) bool {
	for i := k + 1; i < j; i++ {
		if isDeterminer(words[i]) || looksPlural(words[i]) {
			return true
		}
	}
	return false
}

// isFigure reports whether a single word is a number ("12,000", "four",
// "thousands", "55-year-old").
func isFigure(w string) bool {
	loc := reNumber.FindStringIndex(w)
	return loc != nil && loc[0] == 0
}

// roleContradicted reports whether every mention of role in text is
// qualified by a country other than the ones the question names for it
// ("Russian President Vladimir Putin" for "the Turkish president"). A
// mention with no country before it does not contradict.
func roleContradicted(text, role string, countries []queryTerm) bool {
	if len(countries) == 0 {
		return false
	}
	words, capital := plainWords(text)
	mentioned := false
	for i, w := range words {
		if !sameRole(w, role) {
			continue
		}
		mentioned = true
		if !otherCountryBefore(words, capital, i, countries) {
			return false
		}
	}
	return mentioned
}

// otherCountryBefore reports whether one of the two words before words[i]
// names a country that none of countries stands for.
func otherCountryBefore(words []string, capital []bool, i int, countries []queryTerm) bool {
	for k := max(0, i-2); k < i; k++ {
		if !isCountryWord(words[k], capital[k]) {
			continue
		}
		stem := retrieval.Stem(words[k])
		if !slices.ContainsFunc(countries, func(t queryTerm) bool { return matchCredit(t, stem) > 0 }) {
			return true
		}
	}
	return false
}

// isCountryWord reports whether w names a country or its people: a word
// of the country table, or a capitalised word with a nationality ending
// ("Albanian", "Lebanese").
func isCountryWord(w string, capital bool) bool {
	if w == "us" {
		return capital // the pronoun is not the country
	}
	if len(equivalentWords(retrieval.Stem(w))) > 0 {
		return true
	}
	if !capital || len(w) < 5 {
		return false
	}
	for _, suffix := range []string{"ian", "ean", "ese", "ish"} {
		if strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// dateWindow is how many words from the question's verb a date may stand
// and still date that event ("annexed by Russia in 2014").
const dateWindow = 8

// datesVerb reports whether a date or time the pattern re finds in text
// stands within dateWindow words of a word with one of the verb terms'
// stems used as a verb. A sentence that holds the verb and a date far from
// it dates something else ("will meet ... on Friday ... to end the war").
func datesVerb(text string, verbs []queryTerm, re func(string) bool) bool {
	words, _ := plainWords(text)
	for j, w := range words {
		stem := retrieval.Stem(w)
		if !slices.ContainsFunc(verbs, func(t queryTerm) bool { return t.stem == stem }) {
			continue
		}
		for k := max(0, j-dateWindow); k <= min(len(words)-1, j+dateWindow); k++ {
			if re(words[k]) {
				return true
			}
		}
	}
	return false
}

// isDateWord reports whether a single lower-cased word is part of a date or
// a time: a year, a month, a weekday, a clock time.
func isDateWord(w string) bool {
	switch w {
	case "january", "february", "march", "april", "june", "july", "august",
		"september", "october", "november", "december", "yesterday", "today", "tomorrow",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"gmt", "utc", "noon", "midnight":
		return true
	}
	return reYear.MatchString(w) || reClock.MatchString(w)
}

// verbTerms returns the question's own verbs the articles know.
func (qs *question) verbTerms() []queryTerm {
	var out []queryTerm
	for _, t := range qs.terms {
		if t.verb && t.known && !t.link && !t.frame {
			out = append(out, t)
		}
	}
	return out
}

// focusCut clears c's cue when the question asks when something happened
// and c holds the question's verb, but its date stands away from it: the
// date is of something else. (A sentence that lacks a verb of the question
// is not cut here: news often words the relation differently, "claimed
// 12,000 lives" for "killed".)
func focusCut(q question, c *candidate) {
	if q.cue != cueDate && q.cue != cueTime {
		return
	}
	verbs := q.verbTerms()
	if len(verbs) == 0 {
		return
	}
	for i, t := range q.terms {
		if t.verb && t.known && !t.link && !t.frame && c.credit[i] < 1 {
			return
		}
	}
	if !datesVerb(c.text, verbs, isDateWord) {
		c.cue = 0
	}
}
