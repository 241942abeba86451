package extractive

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/retrieval"
)

// Patterns for the answer cues a sentence can carry.
var (
	// Months are matched capitalised only: "may" is mostly a verb.
	reMonth   = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?\s*\d{0,4}`)
	reYear    = regexp.MustCompile(`\b(1[89]|20)\d\d\b`)
	reWeekday = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b`)
	reClock   = regexp.MustCompile(`(?i)\b(\d{1,2}[:.]\d{2}|\d{3,4}\s*(gmt|utc)|\d{1,2}\s*(a\.?m\.?|p\.?m\.?)|gmt|utc|noon|midnight|o'clock)\b`)
	// "a second" is left out: in news it is nearly always the ordinal ("a
	// second round", "a second-level delegation"), not one second.
	reDuration = regexp.MustCompile(`(?i)\b(?:(?:\d+(?:[.,]\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|several|few)[\s-]+(?:second|minute|hour|day|week|month|year|decade)s?|(?:a|an|one)[\s-]+(?:minute|hour|day|week|month|year|decade)s?)\b`)
	reNumber   = regexp.MustCompile(`(?i)\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?)\b`)
	reShare    = regexp.MustCompile(`(?i)(\b(half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|thirds|quarters|fifths|percent|per cent)\b|\d\s*%|\bone in \w+\b)`)
	reQuote    = regexp.MustCompile(`["“”«»]\s*[^"“”«»]{3,}["“”«»]`)
	reReason   = regexp.MustCompile(`(?i)\b(because|due to|owing to|in order to|so that|so as to|aimed at|as a result|in response|reasons?|concerns?|fears?|feared|worr(y|ies|ied)|could use|would allow)\b`)
	rePrior    = regexp.MustCompile(`(?i)\b(former|formerly|previously|earlier|once|ex-|used to|had been|prior)\b`)
	rePlace    = regexp.MustCompile(`\b(?:in|at|to|from|near|inside|outside|on)\s+(?:the\s+)?((?:[A-Z][\p{L}'’-]+\s*)+)`)
)

// durationScore rates whether s says how long something lasted. A span
// used as an offset ("24 hours before the talks", "the first talks in three
// years", "two days ago") dates an event rather than measuring it, so it
// counts for little.
func durationScore(s string, qwords map[string]bool) float64 {
	best := 0.0
	for _, loc := range reDuration.FindAllStringIndex(s, -1) {
		if !addsWords(s[loc[0]:loc[1]], qwords) {
			continue
		}
		score := 1.0
		if isOffset(s[:loc[0]], s[loc[1]:]) {
			score = 0.3
		}
		best = max(best, score)
	}
	return best
}

// isOffset reports whether a duration between before and after is used
// as an offset in time rather than as a length.
func isOffset(before, after string) bool {
	next := strings.Fields(strings.ToLower(after))
	if len(next) > 0 {
		switch strings.Trim(next[0], ",.;:") {
		case "before", "after", "ago", "earlier", "later", "since", "prior":
			return true
		}
	}
	prev := strings.Fields(strings.ToLower(before))
	for len(prev) > 0 && isApproximator(prev[len(prev)-1]) {
		prev = prev[:len(prev)-1] // "in (more than) three years"
	}
	if len(prev) > 0 {
		switch prev[len(prev)-1] {
		case "in", "the": // "first talks in three years", "the 24 hours"
			return true
		}
	}
	return false
}

// isApproximator lists the words that may stand between a preposition and
// the figure it governs ("in more than three years", "after just over 90").
func isApproximator(w string) bool {
	switch w {
	case "over", "under", "than", "more", "less", "nearly", "almost", "about", "around", "just", "some", "roughly":
		return true
	}
	return false
}

// cueScore is how well sentence s carries the answer type t, in [0, 1].
// Matches made only of words the question already holds do not count: the
// answer must add something.
func cueScore(t answerType, s string, qwords map[string]bool) float64 {
	novel := func(matches []string) bool {
		for _, m := range matches {
			if addsWords(m, qwords) {
				return true
			}
		}
		return false
	}
	has := func(re *regexp.Regexp) bool { return novel(re.FindAllString(s, -1)) }
	switch t {
	case cuePerson:
		return personScore(s, qwords)
	case cueDate:
		switch {
		case has(reMonth) && has(reYear), has(reMonth):
			return 1
		case has(reYear):
			return 0.8
		case has(reClock):
			// "When do they meet?" is answered by a time of day too.
			return 0.6
		case has(reWeekday):
			return 0.5
		}
	case cueTime:
		if has(reClock) {
			return 1
		}
	case cuePlace:
		return placeScore(s, qwords)
	case cueDuration:
		return durationScore(s, qwords)
	case cueNumber:
		if has(reNumber) {
			return 1
		}
	case cueShare:
		if has(reShare) {
			return 1
		}
	case cueRole:
		if hasRoleNoun(s, qwords) {
			return 1
		}
	case cueQuote:
		if has(reQuote) {
			return 1
		}
	case cueReason:
		if has(reReason) {
			return 1
		}
	}
	return 0
}

// addsWords reports whether the phrase m holds a word the question lacks.
func addsWords(m string, qwords map[string]bool) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(m), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !qwords[w] {
			return true
		}
	}
	return false
}

// personScore rates how clearly s names a person the question does not:
// two capitalised words in a row ("Rustem Umerov") outside an organisation
// name score 1; a single new capitalised word ("Medinsky") 0.5.
func personScore(s string, qwords map[string]bool) float64 {
	best := 0.0
	for _, run := range capitalRuns(s) {
		novel := 0
		for _, w := range run {
			if !qwords[strings.ToLower(w)] && !isCommonCapital(w) {
				novel++
			}
		}
		switch {
		case novel == 0:
		case len(run) >= 2 && !isOrganisation(run[len(run)-1]):
			return 1
		case novel >= 1:
			best = max(best, 0.5)
		}
	}
	return best
}

// placeScore rates whether s says where: "in Istanbul", "at the Dolmabahce
// Palace", with a capitalised name the question does not hold.
func placeScore(s string, qwords map[string]bool) float64 {
	for _, m := range rePlace.FindAllStringSubmatch(s, -1) {
		for _, w := range strings.Fields(m[1]) {
			w = strings.Trim(w, "'’-")
			if !qwords[strings.ToLower(w)] && !isCommonCapital(w) {
				return 1
			}
		}
	}
	return 0
}

// holdsRoles reports whether s names every office in roles, by the word
// itself or a synonym ("NATO chief" for "head of NATO"), and not only as
// another country's office than the countries the question names.
func holdsRoles(s string, roles []string, countries []queryTerm) bool {
	words := retrieval.Words(s)
	for _, role := range roles {
		if !slices.ContainsFunc(words, func(w string) bool { return sameRole(w, role) }) {
			return false
		}
		if roleContradicted(s, role, countries) {
			return false
		}
	}
	return true
}

// sameRole reports whether two words name the same office.
func sameRole(a, b string) bool {
	if a == b || retrieval.Stem(a) == retrieval.Stem(b) {
		return true
	}
	for _, group := range roleSynonyms() {
		if slices.Contains(group, a) && slices.Contains(group, b) {
			return true
		}
	}
	return false
}

// roleSynonyms groups words news uses interchangeably for one office.
func roleSynonyms() [][]string {
	return [][]string{
		{"head", "chief", "leader", "chairman", "chairwoman", "chair"},
		{"spokesman", "spokeswoman", "spokesperson"},
		{"adviser", "advisor", "aide"},
		{"envoy", "representative", "emissary"},
		{"minister", "secretary"},
	}
}

// hasRoleNoun reports whether s names an office the question does not.
func hasRoleNoun(s string, qwords map[string]bool) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if isRoleNoun(w) && !qwords[w] {
			return true
		}
	}
	return false
}

// capitalRuns splits s into runs of consecutive capitalised words. The
// first word counts only when it opens a longer name (see opensName):
// "The" and "Talks" are capitalised by position, "Zhao Jia" by name.
func capitalRuns(s string) [][]string {
	var runs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if i == 0 && !opensName(fields) || w == "" || !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 2 {
			flush()
			continue
		}
		cur = append(cur, w)
		if strings.ContainsAny(f[len(f)-1:], ",.;:!?)\"”") {
			flush()
		}
	}
	flush()
	return runs
}

// opensName reports whether the first of fields is part of a name: it is
// followed by another capitalised word and is no function word.
func opensName(fields []string) bool {
	if len(fields) < 2 {
		return false
	}
	first := strings.TrimFunc(fields[0], func(r rune) bool { return !unicode.IsLetter(r) })
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(fields[1], func(r rune) bool { return !unicode.IsLetter(r) }))
	return unicode.IsUpper(next) && !strings.ContainsAny(fields[0], ",.;:") &&
		!retrieval.IsStopword(strings.ToLower(first)) && !isCommonCapital(first)
}

// isCommonCapital lists capitalised words that are not names: days,
// months, and words capitalised in headlines and titles.
func isCommonCapital(w string) bool {
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december",
		"the", "a", "an", "and", "of", "in", "on", "at", "but", "he", "she", "it",
		"they", "we", "i", "this", "that", "mr", "mrs", "ms", "dr":
		return true
	}
	return false
}

// isOrganisation reports whether a capitalised run ending in w names an
// institution rather than a person ("Foreign Ministry").
func isOrganisation(w string) bool {
	switch strings.ToLower(w) {
	case "ministry", "department", "office", "council", "union", "nations",
		"states", "kingdom", "palace", "war", "party", "agency", "news",
		"government", "parliament", "assembly", "committee", "commission",
		"organisation", "organization", "forces", "army", "bank", "court",
		"house", "summit", "conference", "affairs", "staff", "service", "services":
		return true
	}
	return false
}
