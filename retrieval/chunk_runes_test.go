package retrieval

import (
	"testing"

	"footnote/internal/haystack"
)

// checkUnitRunes compares unitRunes' counts with counting the text for
// every pair of units of text (up to 60 units apart).
func checkUnitRunes(t *testing.T, text string, maxChars int) {
	t.Helper()
	units := chunkUnits(text, maxChars)
	rc := newUnitRunes(text, units)
	for i := range units {
		for j := i; j < len(units) && j < i+60; j++ {
			if got, want := rc.count(i, j), runeLen(text, units[i].start, units[j].end); got != want {
				t.Fatalf("units %d..%d of %.40q: %d runes, want %d", i, j, text, got, want)
			}
		}
	}
}

var unitRunesEdgeCases = []string{
	"", "One. Two. Three.", "Ünïcödé sentences. Ещё одно предложение. 日本語の文です。次の文。",
	"Bad \xff bytes. More \xfe\xfd here. End.", "A long sentence without a break that goes on and on and on and on and on and on and on and on and on.",
	"Para one.\n\nPara two has two sentences. Here.\n\nThree.",
}

func TestUnitRunesMatchCounting(t *testing.T) {
	texts := append([]string(nil), unitRunesEdgeCases...)
	gen, err := haystack.Generate(haystack.Options{Seed: 13, Docs: 40})
	if err != nil {
		t.Fatal(err)
	}
	for d := range gen {
		texts = append(texts, d.Text)
	}
	for _, text := range texts {
		for _, maxChars := range []int{20, 100, 1200} {
			checkUnitRunes(t, text, maxChars)
		}
	}
}

func FuzzUnitRunes(f *testing.F) {
	for _, s := range unitRunesEdgeCases {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, text string, maxChars int) {
		checkUnitRunes(t, text, 1+int(uint(maxChars)%2000))
	})
}
