package lexicon_test

import (
	"fmt"
	"strings"

	"footnote/lexicon"
)

func ExampleLexicon_Lemmas() {
	l := lexicon.Default()
	for _, w := range []string{"sat", "children", "better", "negotiators", "wrapped up"} {
		fmt.Println(w, "→", l.Lemmas(w)[0])
	}
	// Output:
	// sat → sit
	// children → child
	// better → good
	// negotiators → negotiator
	// wrapped up → wrap up
}

func ExampleLexicon_Related() {
	l := lexicon.Default()
	fmt.Println(l.Related("UN", "United Nations"))
	fmt.Println(l.Related("negotiators", "negotiate"))
	fmt.Println(l.Related("Bosporus", "strait"))
	// Output:
	// synonym
	// derivation
	// hypernym
}

func ExampleLexicon_Expand() {
	l := lexicon.Default()
	q := l.Expand("strait") // once per question term
	for _, w := range strings.Fields("the Bosporus is a narrow channel") {
		if lexicon.IsStopword(w) {
			continue
		}
		t := l.Term(w) // once per sentence token
		if r := q.Relate(&t); r != lexicon.Unrelated {
			fmt.Println(w, r)
		}
	}
	// Output:
	// Bosporus hyponym
	// narrow hyponym
	// channel hypernym
}

func ExampleParseQuantity() {
	q, n := lexicon.ParseQuantity(strings.Fields("more than 12000 people"))
	fmt.Println(q.Value, q.Hedged, n)
	// Output: 12000 true 3
}
