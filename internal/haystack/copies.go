package haystack

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Copy is a planted wire copy: Name reprints Of.
type Copy struct {
	Name, Of string
	// Kind says how the copy differs: "reprint" (a new headline), "edited"
	// (words changed, the last paragraph cut), "partial" (a new intro,
	// about a third of the paragraphs dropped).
	Kind string
}

// PlantCopies returns docs with a copy of every every-th doc appended,
// the way outlets reprint agency stories, and the list of copies. It is
// deterministic in seed. Copies are named "c<index>_<of>".
func PlantCopies(docs []Doc, every int, seed uint64) ([]Doc, []Copy) {
	if every <= 0 {
		return docs, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0xC0FE))
	kinds := []string{"reprint", "edited", "partial"}
	out := append([]Doc(nil), docs...)
	var copies []Copy
	for i := 0; i < len(docs); i += every {
		d := docs[i]
		kind := kinds[len(copies)%len(kinds)]
		text := copyText(d.Text, kind, rng)
		name := fmt.Sprintf("c%05d_%s", len(copies), d.Name)
		out = append(out, Doc{Name: name, Topic: d.Topic, Text: text})
		copies = append(copies, Copy{Name: name, Of: d.Name, Kind: kind})
	}
	return out, copies
}

// edits are the small changes a copy desk makes.
var edits = [][2]string{
	{" said ", " told reporters "}, {" on Monday", " on Monday morning"}, {" percent", "%"},
	{" the ", " the "}, {" officials", " authorities"}, {" about ", " around "},
}

// copyText rewrites an article's text as a copy of the given kind.
func copyText(text, kind string, rng *rand.Rand) string {
	marker, body, _ := strings.Cut(text, "\n\n")
	paras := strings.Split(body, "\n\n")
	headline := "Wire: " + strings.TrimSpace(firstWords(marker, 8))
	switch kind {
	case "edited":
		for i := range paras {
			for _, e := range edits {
				if rng.IntN(2) == 0 {
					paras[i] = strings.Replace(paras[i], e[0], e[1], 1)
				}
			}
		}
		if len(paras) > 2 {
			paras = paras[:len(paras)-1]
		}
	case "partial":
		kept := paras[:0:0]
		for i, p := range paras {
			if i == 0 || rng.IntN(3) != 0 {
				kept = append(kept, p)
			}
		}
		paras = append([]string{"Our correspondent adds that the story below was first reported by the agency earlier in the day and has been updated since."}, kept...)
	}
	return headline + "\n\n" + strings.Join(paras, "\n\n") + "\n"
}

// firstWords returns the first n words of s's first line after its date
// marker.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > 2 && f[0] == "date" {
		f = f[2:]
	}
	return strings.Join(f[:min(n, len(f))], " ")
}
