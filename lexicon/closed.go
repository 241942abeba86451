package lexicon

import (
	"strconv"
	"strings"
	"time"
)

// This file is footnote's one home for closed-class English words: every
// fixed list of function words, question words, calendar names, number
// words and quantity hedges in the project lives here, behind functions (a
// switch compiles to a fast lookup and leaves no mutable package state).
// All functions take a lower-case word without punctuation, the form
// retrieval.Normalize and retrieval.Words produce.

// IsStopword reports whether word is an English function word that carries
// no retrieval signal: articles, pronouns, auxiliaries, prepositions,
// question words and the apostrophe-less contractions retrieval.Words
// produces ("dont", "isnt").
//
// "us" is deliberately NOT a stopword: retrieval.Words turns "U.S." into
// "us", and the country matters far more in news than the pronoun does.
func IsStopword(word string) bool {
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

// IsQuestionWord reports whether word is an interrogative (wh-) word:
// who, whom, whose, what, which, when, where, why, how, and their
// contracted forms ("whats", "whos", "wheres", "hows").
func IsQuestionWord(word string) bool {
	switch word {
	case "who", "whom", "whose", "what", "which", "when", "where", "why", "how",
		"whats", "whos", "wheres", "whens", "hows", "whatever", "whichever",
		"whoever", "whenever", "wherever", "whither", "whence":
		return true
	}
	return false
}

// QuestionWordTypo returns the question word that word misspells by one
// edit (a letter added, dropped, changed, or two swapped: "wat", "hw",
// "wich", "wher"), and false when it is a question word already or none
// is that close. Callers should ask it only of words the dictionary does
// not know ("wen" is a word).
func QuestionWordTypo(word string) (string, bool) {
	if len(word) < 2 || len(word) > 6 || IsQuestionWord(word) {
		return "", false
	}
	// A dropped or doubled letter first ("wher" is "where", not "when"),
	// then a changed or swapped one.
	for _, sameLength := range []bool{false, true} {
		for _, q := range []string{"what", "who", "which", "when", "where", "why", "how"} {
			if (len(q) == len(word)) == sameLength && oneEdit(word, q) {
				return q, true
			}
		}
	}
	return "", false
}

// oneEdit reports whether a and b (ASCII) differ by exactly one insertion,
// deletion, substitution or transposition of adjacent letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// IsAuxiliary reports whether word is an auxiliary or modal verb form,
// including the negated contractions ("didnt", "wont").
func IsAuxiliary(word string) bool {
	switch word {
	case "am", "is", "are", "was", "were", "be", "been", "being",
		"do", "does", "did", "done", "doing",
		"have", "has", "had", "having",
		"will", "would", "shall", "should", "can", "could", "may", "might",
		"must", "ought", "cannot",
		"isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "havent",
		"hasnt", "hadnt", "wont", "wouldnt", "shouldnt", "cant", "couldnt",
		"mustnt", "mightnt", "shant":
		return true
	}
	return false
}

// IsCopula reports whether word is a form of "be", including its negated
// contractions.
func IsCopula(word string) bool {
	switch word {
	case "am", "is", "are", "was", "were", "be", "been", "being", "isnt", "arent", "wasnt", "werent":
		return true
	}
	return false
}

// TakesBareVerb reports whether word is an auxiliary that takes a verb's
// bare form: a form of "do" or a modal ("did … recommend", "can … veto").
func TakesBareVerb(word string) bool {
	switch word {
	case "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
		"must", "dont", "doesnt", "didnt", "wont", "wouldnt", "shouldnt", "cant", "couldnt":
		return true
	}
	return false
}

// IsPronoun reports whether word is a personal, possessive, reflexive,
// demonstrative or indefinite pronoun.
func IsPronoun(word string) bool {
	switch word {
	case "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
		"you", "your", "yours", "yourself", "yourselves",
		"he", "him", "his", "himself", "she", "her", "hers", "herself",
		"it", "its", "itself", "they", "them", "their", "theirs", "themselves",
		"this", "that", "these", "those",
		"someone", "somebody", "something", "anyone", "anybody", "anything",
		"everyone", "everybody", "everything", "noone", "nobody", "nothing":
		return true
	}
	return false
}

// IsBackReference reports whether word is a third-person pronoun that
// points at someone or something named earlier in a conversation
// ("What did he say?").
func IsBackReference(word string) bool {
	switch word {
	case "he", "she", "him", "his", "her", "hers",
		"they", "them", "their", "it", "its":
		return true
	}
	return false
}

// IsSingularDemonstrative reports whether word is "this" or "that", which
// can stand for a whole earlier statement ("when was that decided?").
func IsSingularDemonstrative(word string) bool {
	return word == "this" || word == "that"
}

// IsProForm reports whether word is "one" or "ones" standing for a noun
// said before ("the Russian one").
func IsProForm(word string) bool {
	return word == "one" || word == "ones"
}

// IsPersonalPronoun reports whether word is a third-person singular
// pronoun for a person ("he", "her"): it stands for someone named before.
func IsPersonalPronoun(word string) bool {
	switch word {
	case "he", "him", "his", "himself", "she", "her", "hers", "herself":
		return true
	}
	return false
}

// followUpOpener reports the number of leading words that open a question
// continuing the previous one ("and", "what about", "same for"), or 0.
func followUpOpener(words []string) int {
	if len(words) == 0 {
		return 0
	}
	switch words[0] {
	case "and", "but", "also", "then":
		return 1
	}
	if len(words) < 2 {
		return 0
	}
	switch words[0] + " " + words[1] {
	case "what about", "how about", "what of", "same for":
		return 2
	}
	return 0
}

// StartsFollowUp reports whether a question, as lower-case words, opens like
// a continuation of the previous one: "and", "but", "also", "then", "what
// about", "how about", "what of", "same for".
func StartsFollowUp(words []string) bool {
	return followUpOpener(words) > 0
}

// MonthNumber returns the month a month name or its usual abbreviation
// ("sept", "oct") names. "may" and "march" are also ordinary words; callers
// that care check capitalisation or context.
func MonthNumber(word string) (time.Month, bool) {
	switch word {
	case "january", "jan":
		return time.January, true
	case "february", "feb":
		return time.February, true
	case "march", "mar":
		return time.March, true
	case "april", "apr":
		return time.April, true
	case "may":
		return time.May, true
	case "june", "jun":
		return time.June, true
	case "july", "jul":
		return time.July, true
	case "august", "aug":
		return time.August, true
	case "september", "sep", "sept":
		return time.September, true
	case "october", "oct":
		return time.October, true
	case "november", "nov":
		return time.November, true
	case "december", "dec":
		return time.December, true
	}
	return 0, false
}

// MonthWords returns every word [MonthNumber] recognises, in a new slice,
// full names first: for building a date pattern.
func MonthWords() []string {
	return []string{"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
		"nov", "dec"}
}

// WeekdayNumber returns the day a weekday name names. Abbreviations are not
// recognised: "sat", "sun" and "wed" are ordinary words far more often.
func WeekdayNumber(word string) (time.Weekday, bool) {
	switch word {
	case "sunday":
		return time.Sunday, true
	case "monday":
		return time.Monday, true
	case "tuesday":
		return time.Tuesday, true
	case "wednesday":
		return time.Wednesday, true
	case "thursday":
		return time.Thursday, true
	case "friday":
		return time.Friday, true
	case "saturday":
		return time.Saturday, true
	}
	return 0, false
}

// units returns the number words below twenty, by value. (Tables are
// returned by value from functions so that no package state is mutable.)
func units() [20]string {
	return [20]string{"zero", "one", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
		"fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
}

// tens returns the multiples of ten from twenty, by value/10.
func tens() [10]string {
	return [10]string{2: "twenty", 3: "thirty", 4: "forty", 5: "fifty",
		6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
}

// NumberWordValue returns the value of a cardinal number word: "zero" to
// "nineteen", the tens "twenty" to "ninety", the hyphen-joined compounds
// ("twenty-one"), "hundred", "thousand", "million", "billion", "trillion",
// "dozen" (12) and "score" (20).
func NumberWordValue(word string) (int64, bool) {
	switch word {
	case "hundred":
		return 100, true
	case "thousand":
		return 1_000, true
	case "million":
		return 1_000_000, true
	case "billion":
		return 1_000_000_000, true
	case "trillion":
		return 1_000_000_000_000, true
	case "dozen":
		return 12, true
	case "score":
		return 20, true
	case "nought":
		return 0, true
	}
	for i, u := range units() {
		if word == u {
			return int64(i), true
		}
	}
	t, u, hyphen := strings.Cut(word, "-")
	for i, w := range tens() {
		if w != "" && t == w {
			if !hyphen {
				return int64(10 * i), true
			}
			for j := 1; j < 10; j++ {
				if u == units()[j] {
					return int64(10*i + j), true
				}
			}
		}
	}
	return 0, false
}

// NumberWord returns the English word for 0 <= n < 100 ("seven",
// "forty-two"), or the decimal digits for other n.
func NumberWord(n int) string {
	u, t := units(), tens()
	switch {
	case n >= 0 && n < 20:
		return u[n]
	case n >= 20 && n < 100:
		if n%10 == 0 {
			return t[n/10]
		}
		return t[n/10] + "-" + u[n%10]
	}
	return strconv.Itoa(n)
}

// ordinals returns the ordinal words below twenty, by value.
func ordinals() [20]string {
	return [20]string{1: "first", 2: "second", 3: "third", 4: "fourth",
		5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
		11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
		15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth",
		19: "nineteenth"}
}

// OrdinalValue returns the value of an ordinal: "first" to "nineteenth",
// the tens ("twentieth", "ninetieth") and hyphen compounds ("twenty-first"),
// "hundredth", "thousandth", "millionth", and digit forms ("21st", "3rd").
func OrdinalValue(word string) (int64, bool) {
	for i, o := range ordinals() {
		if o != "" && word == o {
			return int64(i), true
		}
	}
	switch word {
	case "hundredth":
		return 100, true
	case "thousandth":
		return 1_000, true
	case "millionth":
		return 1_000_000, true
	}
	if n := len(word); n >= 3 {
		switch word[n-2:] {
		case "st", "nd", "rd", "th":
			if v, err := strconv.ParseInt(word[:n-2], 10, 64); err == nil && v > 0 {
				return v, true
			}
		}
	}
	t, u, hyphen := strings.Cut(word, "-")
	for i, w := range tens() {
		if w == "" {
			continue
		}
		if !hyphen && word == strings.TrimSuffix(w, "y")+"ieth" {
			return int64(10 * i), true
		}
		if hyphen && t == w {
			for j := 1; j < 10; j++ {
				if u == ordinals()[j] {
					return int64(10*i + j), true
				}
			}
		}
	}
	return 0, false
}

// FractionValue returns the value of a fraction word, singular or plural:
// "half" 1/2, "third" 1/3, "quarter" 1/4, "fifth" 1/5 … "tenth",
// "hundredth". ("second" is not a fraction in English.)
func FractionValue(word string) (float64, bool) {
	switch word {
	case "half", "halves":
		return 0.5, true
	case "quarter", "quarters":
		return 0.25, true
	}
	w := strings.TrimSuffix(word, "s")
	ord := ordinals()
	for i := 3; i < len(ord); i++ {
		if w == ord[i] {
			return 1 / float64(i), true
		}
	}
	switch w {
	case "hundredth":
		return 0.01, true
	case "thousandth":
		return 0.001, true
	}
	return 0, false
}

// IsNegation reports whether word negates what follows or what it
// modifies: not, no, never, none, nobody, nothing, neither, nor, nowhere,
// without, and the negated contractions ("didnt", "cant").
func IsNegation(word string) bool {
	switch word {
	case "not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
		"nowhere", "without", "cannot", "nt", "noone",
		"isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "havent",
		"hasnt", "hadnt", "wont", "wouldnt", "shouldnt", "cant", "couldnt",
		"mustnt", "mightnt", "shant", "aint":
		return true
	}
	return false
}

// CausalMarkerAt reports how many words, from words[i], make a connective
// that gives a cause, a reason or a purpose ("because", "due to", "in
// order to", "as a result of", "caused by"), or 0 when none starts there.
// words are lower-case.
func CausalMarkerAt(words []string, i int) int {
	next := func(k int) string {
		if i+k < len(words) {
			return words[i+k]
		}
		return ""
	}
	switch words[i] {
	case "because", "therefore", "hence", "consequently", "thereby":
		return 1
	case "due", "owing", "thanks":
		if next(1) == "to" {
			return 2
		}
	case "so":
		switch {
		case next(1) == "that":
			return 2
		case next(1) == "as" && next(2) == "to":
			return 3
		}
	case "in":
		if next(1) == "order" && next(2) == "to" || next(1) == "response" && next(2) == "to" {
			return 3
		}
	case "as":
		if next(1) == "a" && next(2) == "result" {
			return 3
		}
	case "caused", "prompted", "driven", "motivated":
		if next(1) == "by" {
			return 2
		}
	case "for":
		if next(1) == "fear" {
			return 2
		}
	case "reason", "reasons", "purpose", "motive", "motives":
		return 1
	}
	return 0
}

// IsVagueQuantity reports whether word states an amount without a figure:
// plural magnitude words ("dozens", "hundreds", "thousands", "millions",
// "scores") and quantifiers ("several", "many", "much", "few", "numerous",
// "countless", "multiple", "various", "some", "handful", "couple").
func IsVagueQuantity(word string) bool {
	switch word {
	case "dozens", "hundreds", "thousands", "millions", "billions", "trillions",
		"scores", "tens",
		"several", "many", "much", "few", "numerous", "countless", "multiple",
		"various", "some", "handful", "couple", "lots", "plenty":
		return true
	}
	return false
}

// IsApproximator reports whether word hedges or bounds a figure that
// follows it: "over 12,000", "more than", "nearly", "about", "around",
// "almost", "roughly", "approximately", "some", "up to", "at least",
// "fewer than", "under", "below", "above", "exceeding", "estimated".
func IsApproximator(word string) bool {
	switch word {
	case "over", "more", "than", "nearly", "about", "around", "almost",
		"roughly", "approximately", "some", "up", "least", "most", "fewer",
		"less", "under", "below", "above", "exceeding", "estimated", "upwards",
		"circa", "approx", "barely", "just", "only", "close", "nigh":
		return true
	}
	return false
}

// IsTitleAbbreviation reports whether w (lower-case, without its full stop)
// is an abbreviation that always precedes a name or a word ("Mr.", "Gen.",
// "approx."), so its full stop never ends a sentence.
func IsTitleAbbreviation(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "fr",
		"lt", "gen", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm",
		"cmdr", "brig", "cdr", "gov", "sen", "rep", "pres", "supt", "insp",
		"det", "mt", "ft", "vs", "v", "cf", "approx", "ca", "esp", "e.g", "i.e", "viz":
		return true
	}
	return false
}

// IsNumberAbbreviation reports whether w (lower-case, without its full
// stop) is an abbreviation that precedes a number ("No. 5", "Jan. 6").
func IsNumberAbbreviation(w string) bool {
	switch w {
	case "no", "nos", "vol", "fig", "p", "pp", "art", "sec", "ch", "para",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// IsNameEndAbbreviation reports whether w (lower-case, without its full
// stop) is an abbreviation that ends a name and often, but not always, a
// sentence ("Apple Inc.", "Main St.", "King Jr.", "et al.").
func IsNameEndAbbreviation(w string) bool {
	switch w {
	case "inc", "ltd", "corp", "co", "bros", "plc", "etc", "st", "jr", "sr", "al":
		return true
	}
	return false
}

// HedgeLength returns how many leading words hedge or bound a figure that
// follows: "more than", "fewer than", "less than", "up to", "at least", "at
// most", "as many as", "as much as", "close to", "just over", "well over",
// "nearly", "about", "around", "almost", "roughly", "approximately",
// "some", "over", "under", "above", "below", "upwards of", "an estimated",
// "no fewer than", "in excess of"; 0 when they don't. It does not check that
// a figure follows.
func HedgeLength(words []string) int {
	at := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	w0, w1, w2 := at(0), at(1), at(2)
	switch {
	case w0 == "as" && (w1 == "many" || w1 == "much") && w2 == "as":
		return 3
	case w0 == "no" && (w1 == "fewer" || w1 == "less" || w1 == "more") && w2 == "than":
		return 3
	case w0 == "in" && w1 == "excess" && w2 == "of":
		return 3
	}
	switch w0 + " " + w1 {
	case "more than", "fewer than", "less than", "up to", "at least",
		"at most", "close to", "just over", "just under", "well over",
		"well under", "upwards of", "an estimated":
		return 2
	}
	switch w0 {
	case "over", "nearly", "about", "around", "almost", "roughly",
		"approximately", "approx", "circa", "some", "under", "above",
		"below", "estimated", "exceeding", "barely", "only", "just":
		return 1
	}
	return 0
}

// VagueQuantityValue returns a conservative figure for a word that states
// an amount without one: the least it usually means ("dozens" 24,
// "hundreds" 200, "several" 3, "a couple" 2, "a handful" 5). Words with no
// sensible floor ("many", "numerous") report 0 and true.
func VagueQuantityValue(word string) (float64, bool) {
	switch word {
	case "dozens":
		return 24, true
	case "scores":
		return 40, true
	case "tens":
		return 20, true
	case "hundreds":
		return 200, true
	case "thousands":
		return 2_000, true
	case "millions":
		return 2e6, true
	case "billions":
		return 2e9, true
	case "trillions":
		return 2e12, true
	case "several", "few":
		return 3, true
	case "couple":
		return 2, true
	case "handful":
		return 5, true
	}
	if IsVagueQuantity(word) {
		return 0, true
	}
	return 0, false
}

// quantityArticle reports whether w stands for "one" before a magnitude or
// fraction ("a hundred", "a fifth", "an eighth").
func quantityArticle(w string) bool { return w == "a" || w == "an" }

// quantityJoiner reports whether w may join number words ("one hundred and
// five") or a vague magnitude to its unit ("dozens of", "tens of thousands").
func quantityJoiner(w string) (and, of bool) { return w == "and", w == "of" }

// percentLength returns how many leading words say "percent": "percent",
// "per cent", "pct"; 0 otherwise.
func percentLength(words []string) int {
	if len(words) >= 1 && (words[0] == "percent" || words[0] == "pct") {
		return 1
	}
	if len(words) >= 2 && words[0] == "per" && words[1] == "cent" {
		return 2
	}
	return 0
}

// magnitudeSuffix returns the multiplier of a figure's short scale suffix
// ("1.2bn", "3tn", "5k"): bn, tn, k. "m" is left out: it is also metres.
func magnitudeSuffix(s string) (string, float64) {
	for _, m := range [...]struct {
		suf string
		mul float64
	}{{"bn", 1e9}, {"tn", 1e12}, {"k", 1e3}} {
		if len(s) > len(m.suf) && s[len(s)-len(m.suf):] == m.suf {
			return s[:len(s)-len(m.suf)], m.mul
		}
	}
	return s, 1
}

// IsRecencyWord reports whether word asks for the newest state of things:
// "latest", "newest", "recent", "recently", "now", "currently", "current",
// "today", "still", "yet", "anymore", "lately", "nowadays". Answer engines
// read it as a wish for newer articles (a recency prior), never as a
// phrase to match.
func IsRecencyWord(word string) bool {
	switch word {
	case "latest", "newest", "recent", "recently", "most-recent", "now",
		"currently", "current", "today", "tonight", "still", "yet", "anymore",
		"lately", "nowadays", "presently", "update", "updates":
		return true
	}
	return false
}
