package lexicon_test

import (
	"strings"
	"testing"

	"footnote/lexicon"
)

// FuzzLexicon feeds arbitrary text to every entry point that takes words:
// none may panic, and Lemmas always returns something for a non-blank word.
func FuzzLexicon(f *testing.F) {
	for _, s := range []string{"sat", "Kyiv's", "wrap_up", "cease-fire", "'s", "-", "__", "  ", "ÄÖÜ straße",
		"more than 12000", "a fifth", "1.2.3bn", "9999999999999999999999999", strings.Repeat("ies", 60),
		strings.Repeat("united nations ", 20), "s'", "’s", "\x00\xff"} {
		f.Add(s, "strait")
	}
	l := lexicon.Default()
	f.Fuzz(func(t *testing.T, a, b string) {
		if got := l.Lemmas(a); strings.TrimSpace(strings.NewReplacer("_", " ", "-", " ").Replace(a)) != "" && len(got) == 0 {
			t.Errorf("Lemmas(%q) is empty", a)
		}
		l.Lemma(a, lexicon.Verb)
		l.Related(a, b)
		l.IsA(a, b)
		l.PartOf(a, b)
		l.Synonyms(a)
		l.Hypernyms(a)
		l.Has(a)
		l.HasPrefix(a)
		ta := l.Term(a)
		l.Supersenses(&ta)
		l.PrimarySupersense(&ta)
		l.Senses(a, lexicon.Noun)
		words := strings.Fields(a + " " + b)
		l.Collocation(words)
		lexicon.ParseQuantity(words)
		lexicon.HedgeLength(words)
		lexicon.NumberWordValue(a)
		lexicon.OrdinalValue(a)
		lexicon.FractionValue(a)
	})
}
