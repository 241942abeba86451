package retrieval

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"footnote/corpus"
	"footnote/internal/haystack"
	"footnote/neardup"
)

// TestWireCopiesOnHaystack measures wire-copy detection on the haystack
// with planted copies (reprints, edited copies, partial copies): a pair of
// articles is predicted when a chunk of one names the other in its
// copies. Precision and recall over article pairs are logged for several
// thresholds and held to a floor at the default one.
//
//	go test -run TestWireCopiesOnHaystack -v ./retrieval
func TestWireCopiesOnHaystack(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 440-article index")
	}
	gen, err := haystack.Generate(haystack.Options{Seed: 7, Docs: 400})
	if err != nil {
		t.Fatal(err)
	}
	docs := slices.Collect(gen)
	docs, copies := haystack.PlantCopies(docs, 10, 7)
	truth := map[[2]string]string{}
	for _, c := range copies {
		truth[pair(c.Name, c.Of)] = c.Kind
	}
	var arts []corpus.Article
	for _, d := range docs {
		a, err := corpus.Clean(d.Name, []byte(d.Text))
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	seq := func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
	ix, err := Open(context.Background(), Options{Embedder: NewLocalEmbedder(0), Dedupe: neardup.Options{Threshold: 2}}, seq)
	if err != nil {
		t.Fatal(err)
	}
	// Re-group the built index's articles at each threshold.
	var states []articleState
	for i, a := range arts {
		states = append(states, articleState{info: ix.articles[i], first: ix.first[i]})
		_ = a
	}
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
		pg := newParaGroups(neardup.Options{Threshold: th})
		for _, a := range arts {
			pg.add(a.Text)
		}
		dups := findCopies(states, ix.recs, pg)
		predicted := map[[2]string]bool{}
		for id, d := range dups {
			for _, other := range d.alsoIn {
				predicted[pair(ix.chunks[id].Source, other)] = true
			}
		}
		tp, byKind := 0, map[string]int{}
		for p := range predicted {
			if k, ok := truth[p]; ok {
				tp++
				byKind[k]++
			}
		}
		precision := float64(tp) / float64(max(1, len(predicted)))
		recall := float64(tp) / float64(len(truth))
		t.Logf("threshold %.1f: %d planted pairs, %d predicted, precision %.3f, recall %.3f (found: %s)", th, len(truth), len(predicted), precision, recall, kinds(byKind, copies))
		if th == neardup.DefaultThreshold && (precision < 0.95 || recall < 0.9) {
			t.Errorf("at the default threshold precision %.3f recall %.3f, want at least 0.95 and 0.9", precision, recall)
		}
	}
}

func pair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func kinds(found map[string]int, copies []haystack.Copy) string {
	total := map[string]int{}
	for _, c := range copies {
		total[c.Kind]++
	}
	s := ""
	for _, k := range []string{"reprint", "edited", "partial"} {
		s += fmt.Sprintf("%s %d/%d ", k, found[k], total[k])
	}
	return s
}
