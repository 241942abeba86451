package extractive

import (
	"strings"
	"testing"
)

// TestRelationCacheEqualsWordNet checks that remembered relations are
// WordNet's, pair by pair, also after generations have rolled over (a
// bound of 7 pairs makes them roll many times), and that the cache stays
// within two generations.
func TestRelationCacheEqualsWordNet(t *testing.T) {
	words := strings.Fields("led lead leader talks negotiations negotiate mediator mediate strait Bosporus city Istanbul " +
		"delegation delegate war peace hot cold agree disagree minister president hour week dollar money")
	lex := newLexicon()
	for _, bound := range []int{7, relationMemory} {
		c := newRelationCache(lex, bound)
		for round := range 3 {
			for _, a := range words {
				for _, b := range words {
					ta, tb := lex.Term(strings.ToLower(a)), lex.Term(strings.ToLower(b))
					if got, want := c.Relate(&ta, &tb), lex.Relate(&ta, &tb); got != want {
						t.Fatalf("bound %d round %d: Relate(%q, %q) = %v, WordNet says %v", bound, round, a, b, got, want)
					}
				}
			}
		}
		if n := len(c.cur) + len(c.prev); n > 2*bound {
			t.Errorf("bound %d: %d pairs kept, want at most %d", bound, n, 2*bound)
		}
	}
}
