package extractive

import (
	"slices"
	"strings"

	"footnote/retrieval"
)

// equivalents returns the stems a sentence may use for stem instead of it:
// the other names of the same country ("France" / "French", "Turkey" /
// "Turkish" / "Türkiye"). News writes a country as a noun in one sentence
// and as an adjective in the next, and stemming cannot join the two.
// Other pairs that share a long prefix ("Germany" / "German") get partial
// credit from prefixCredit; the commonest in news are listed for full credit.
func equivalents(stem string) []string {
	words := equivalentWords(stem)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = retrieval.Stem(w)
	}
	return stems
}

// equivalentWords returns the other words of the country group whose stems
// include stem, or nil.
func equivalentWords(stem string) []string {
	if stem == "" {
		return nil
	}
	for _, group := range countryNames() {
		for i, w := range group {
			// A stem keeps the first letters of its word, so most words
			// need no stemming to be ruled out.
			if w[0] == stem[0] && retrieval.Stem(w) == stem {
				return slices.Delete(slices.Clone(group), i, i+1)
			}
		}
	}
	return nil
}

// expandQuery appends to a search query the other names of the countries
// it mentions ("Ukrainian" → "ukraine"), so passages that use the noun are
// found for a question that uses the adjective.
func expandQuery(query string) string {
	var extra []string
	seen := map[string]bool{}
	for _, w := range retrieval.Words(query) {
		seen[w] = true
	}
	for _, w := range retrieval.Words(query) {
		for _, e := range equivalentWords(retrieval.Stem(w)) {
			if !seen[e] {
				seen[e] = true
				extra = append(extra, e)
			}
		}
	}
	if len(extra) == 0 {
		return query
	}
	return query + " " + strings.Join(extra, " ")
}

// countryNames lists, per country, the noun and adjective forms that do not
// share a prefix. It is a function, not a package variable, so the table
// cannot be changed at run time.
func countryNames() [][]string {
	return [][]string{
		{"france", "french"},
		{"turkey", "turkish", "turkiye", "turks"},
		{"us", "usa", "america", "american", "americans"},
		{"britain", "british", "uk", "briton", "britons"},
		{"china", "chinese"},
		{"netherlands", "dutch", "holland"},
		{"spain", "spanish"},
		{"switzerland", "swiss"},
		{"greece", "greek"},
		{"poland", "polish", "poles"},
		{"sweden", "swedish"},
		{"finland", "finnish"},
		{"denmark", "danish"},
		{"norway", "norwegian"},
		{"belgium", "belgian"},
		{"ireland", "irish"},
		{"israel", "israeli"},
		{"iran", "iranian"},
		{"iraq", "iraqi"},
		{"pakistan", "pakistani"},
		{"japan", "japanese"},
		{"vietnam", "vietnamese"},
		{"portugal", "portuguese"},
		{"hungary", "hungarian"},
		{"czechia", "czech"},
		{"ukraine", "ukrainian", "ukrainians"},
		{"russia", "russian", "russians"},
		{"kyiv", "kiev"},
	}
}
