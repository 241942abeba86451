package generative

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"footnote/corpus"
	"footnote/lexicon"
	"footnote/retrieval"
)

// nilWeigher weighs every term 1, as an index without the terms would.
type nilWeigher struct{}

func (nilWeigher) Terms(string) []retrieval.Term { return nil }

// BenchmarkVerify10Passages is the cost of checking a four-claim answer
// against 10 passages of ~600 bytes cut from the default articles, with
// the engine's caches warm (the passages were seen before) and cold (every
// passage analysed anew).
func BenchmarkVerify10Passages(b *testing.B) {
	b.Run("warm", func(b *testing.B) { benchVerify(b, true) })
	b.Run("cold", func(b *testing.B) { benchVerify(b, false) })
}

func benchVerify(b *testing.B, warm bool) {
	articles, err := corpus.Load(b.Context(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var passages []retrieval.Passage
	for _, a := range articles {
		for off := 0; off+600 <= len(a.Text) && len(passages) < 10; off += 1500 {
			passages = append(passages, retrieval.Passage{Chunk: retrieval.Chunk{ID: fmt.Sprintf("%s#%d", a.Source, off), Source: a.Source, Text: a.Text[off : off+600], Start: off, End: off + 600}})
		}
	}
	if len(passages) < 10 {
		b.Fatalf("only %d passages", len(passages))
	}
	var text strings.Builder
	var cited []int
	for i := 0; i < 4; i++ {
		p := passages[i*2].Text
		sp := retrieval.Sentences(p)[1]
		fmt.Fprintf(&text, "%s [%d] ", strings.TrimRight(p[sp.Start:sp.End], "."), i+1)
		cited = append(cited, (i*2+3)%10+1) // mostly the wrong passage: markers move
	}
	r := filteredReply{text: text.String(), cited: cited}
	lex := lexicon.Default()
	lemmas, cache := newLemmaCache(lex), newPassageCache() // the engine's
	b.ReportAllocs()
	for b.Loop() {
		if !warm {
			lemmas, cache = newLemmaCache(lex), newPassageCache()
		}
		m := &matcher{w: nilWeigher{}, lex: lex, lemmas: lemmas, passages: cache} // one per answer, as Answer makes it
		c, err := verify(context.Background(), r, passages, m, UnsupportedMark)
		if err != nil || c.stats.Checked == 0 {
			b.Fatal("nothing checked")
		}
	}
}
