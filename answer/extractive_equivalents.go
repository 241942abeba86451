package answer

import (
	"slices"

	"footnote/retrieval"
)

// equivalents returns the stems a sentence may use for stem instead of it:
// the other names of the same country ("France" / "French", "Turkey" /
// "Turkish" / "Türkiye"). News writes a country as a noun in one sentence
// and as an adjective in the next, and stemming cannot join the two.
// Other pairs that share a long prefix ("Germany" / "German") get partial
// credit from prefixCredit; the commonest in news are listed for full credit.
func equivalents(stem string) []string {
	for _, group := range countryNames() {
		stems := make([]string, len(group))
		for i, w := range group {
			stems[i] = retrieval.Stem(w)
		}
		if i := slices.Index(stems, stem); i >= 0 {
			return slices.Delete(stems, i, i+1)
		}
	}
	return nil
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
