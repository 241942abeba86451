package retrieval

import (
	"context"
	"math"
	"slices"
	"testing"

	"footnote/corpus"
	"footnote/internal/haystack"
)

// The local embedder as first written (a map per count, a rune slice per
// word, stems memoised in a sync.Map): the memoised per-word features must
// give the same vectors bit for bit, so that stored indexes stay valid
// under the same embedder key.

func refEmbed(e *LocalEmbedder, text string) []float32 {

	v := make([]float32, e.dim)
	words := Words(text)
	content := make([]string, 0, len(words))
	for _, w := range words {
		if !IsStopword(w) {
			content = append(content, w)
		}
	}
	if len(content) == 0 {
		refAdd(v, hashFeature(kindEmpty, ""), 1)
		return v
	}

	// Counts keep first-occurrence order: float addition is not associative,
	// and map order would make the low bits differ from run to run.
	var words1, stems1 refCounter[string]
	var bigrams refCounter[[2]string]
	prev := ""
	for i, w := range content {
		s := stemWord(w)
		words1.add(w)
		stems1.add(s)
		if i > 0 {
			bigrams.add([2]string{prev, s})
		}
		prev = s
	}
	for i, s := range stems1.keys {
		refAdd(v, hashFeature(kindStem, s), weightStem*refSublinear(stems1.counts[i])*commonness(s))
	}
	for i, w := range words1.keys {
		if hasDigit(w) {
			continue // numbers match exactly or not at all
		}
		wt := refSublinear(words1.counts[i]) * commonness(stemWord(w))
		refAddGrams(e, v, w, weightGrams*wt)
		if sk := refSkeleton(w); len(sk) >= 2 {
			refAdd(v, hashFeature(kindSkeleton, sk), weightSkeleton*wt)
		}
	}
	for i, bg := range bigrams.keys {
		h := hashMore(hashMore(hashFeature(kindBigram, bg[0]), "\x00"), bg[1])
		refAdd(v, h, weightBigram*refSublinear(bigrams.counts[i]))
	}
	normalize(v)
	return v
}

func refAddGrams(e *LocalEmbedder, v []float32, word string, w float64) {
	rs := make([]rune, 0, len(word)+2)
	rs = append(rs, '<')
	rs = append(rs, []rune(word)...)
	rs = append(rs, '>')
	n := 0
	for _, size := range [2]int{3, 4} {
		if len(rs) >= size {
			n += len(rs) - size + 1
		}
	}
	if n == 0 {
		return
	}
	each := w / math.Sqrt(float64(n))
	for _, size := range [2]int{3, 4} {
		for i := 0; i+size <= len(rs); i++ {
			refAdd(v, hashRunes(kindGram, rs[i:i+size]), each)
		}
	}
}

func refSkeleton(word string) string {
	rs := []rune(word)
	if len(rs) < 4 {
		return ""
	}
	out := []rune{rs[0]}
	for _, r := range rs[1:] {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h':
			continue
		}
		if out[len(out)-1] != r {
			out = append(out, r)
		}
	}
	return string(out)
}

type refCounter[K comparable] struct {
	index  map[K]int
	keys   []K
	counts []int
}

func (c *refCounter[K]) add(k K) {
	if c.index == nil {
		c.index = map[K]int{}
	}
	if i, ok := c.index[k]; ok {
		c.counts[i]++
		return
	}
	c.index[k] = len(c.keys)
	c.keys = append(c.keys, k)
	c.counts = append(c.counts, 1)
}

func refAdd(v []float32, h uint64, w float64) {
	idx := (h & 0x7fffffffffffffff) % uint64(len(v))
	if h>>63 == 1 {
		w = -w
	}
	v[idx] += float32(w)
}

func refSublinear(tf int) float64 { return 1 + math.Log(float64(tf)) }

func TestLocalEmbedderMatchesReference(t *testing.T) {
	texts := []string{"", "the and of", "2022 1.5 0930", "Zelensky Zelenskyy zelensky's Kyiv Kiev", "a b c d",
		"talks talk talking talks talks negotiations negotiate", "Erdoğan İstanbul Straße ß", "日本語 テキスト", "x\xffy",
		"peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace peace"}
	gen, err := haystack.Generate(haystack.Options{Seed: 9, Docs: 80})
	if err != nil {
		t.Fatal(err)
	}
	for d := range gen {
		texts = append(texts, d.Text)
		for _, c := range ChunkArticle(corpus.Article{Source: d.Name, Text: d.Text}, ChunkOptions{}) {
			texts = append(texts, c.Text)
		}
	}
	for _, dim := range []int{0, 1, 7, 64, 512, 1536} {
		e := NewLocalEmbedder(dim)
		// Twice: the second pass reads the memoised features.
		for pass := range 2 {
			got, err := e.Embed(context.Background(), texts)
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range texts {
				if want := refEmbed(e, text); !slices.Equal(got[i], want) {
					t.Fatalf("dim %d pass %d: text %d (%.50q): vector differs from the reference", dim, pass, i, text)
				}
			}
		}
	}
}
