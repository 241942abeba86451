package extractive

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestSharedMemoGivesPrivateLevels checks that levels read from memos shared
// across questions (and goroutines, under -race) equal those of a private
// memo per question, also once the bound has made the memos start anew.
func TestSharedMemoGivesPrivateLevels(t *testing.T) {
	lex := newLexicon()
	text := "The Ukrainian delegation was led by Defence Minister Rustem Umerov, while negotiators met in Istanbul near the Bosporus strait for two hours of talks; prices rose and the army attacked."
	qwords := strings.Fields("lead negotiations strait city hour fall soldier meeting ukraine minister cost delegate")
	tok := func(w string) qterm {
		tk := newToken(w, 0, len(w), lex)
		return qterm{norm: tk.norm, stem: tk.stem, lemma: tk.lemma, term: lex.Term(tk.norm)}
	}
	want := map[string][]int8{}
	for _, w := range qwords {
		q := tok(w)
		s := &sentence{text: text, toks: tokenize(text, lex)}
		want[w] = q.match(lex, s).lv
	}
	for _, bound := range []int64{3, memoEntries} {
		m := newMemos(bound)
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for round := range 3 {
					for _, w := range qwords {
						q := tok(w)
						q.memo = m.of(q.norm)
						s := &sentence{text: text, toks: tokenize(text, lex)}
						got := q.match(lex, s).lv
						if !slices.Equal(got, want[w]) {
							t.Errorf("bound %d, goroutine %d, round %d: levels for %q = %v, want %v", bound, g, round, w, got, want[w])
						}
					}
				}
			})
		}
		wg.Wait()
		if bound == memoEntries && m.entries.Load() == 0 {
			t.Errorf("no levels remembered")
		}
	}
}
