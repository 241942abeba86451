package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"footnote/corpus"
)

// TestCopyTableStaysBounded indexes 3,000 articles that all end with the
// same stock paragraph, plus one story reprinted by 40 outlets and one by
// 100: the stock paragraph (and the story printed more often than
// maxCopies times) marks no copies, the 40 reprints name each other, and
// no chunk names more than 2·maxCopies articles, so the table grows with
// the chunks and not with the square of the copies.
func TestCopyTableStaysBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 3,140 articles")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	words := make([]string, 2000)
	for i := range words {
		words[i] = fmt.Sprintf("w%dq", i)
	}
	para := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(ws, " ") + "."
	}
	const stock = "This article was produced by the newsroom and may be reproduced under the usual terms, with credit to the agency and a link to the original story."
	var arts []corpus.Article
	add := func(name, text string) {
		arts = append(arts, corpus.Article{Source: name, Title: name, Text: text, Size: int64(len(text))})
	}
	for i := range 3000 {
		add(fmt.Sprintf("a%04d.txt", i), para(8)+"\n\n"+para(40)+"\n\n"+para(40)+"\n\n"+stock)
	}
	story40 := para(40) + "\n\n" + para(40) + "\n\n" + para(40)
	for i := range 40 {
		add(fmt.Sprintf("r40_%02d.txt", i), fmt.Sprintf("Outlet %d headline\n\n", i)+story40)
	}
	story100 := para(40) + "\n\n" + para(40)
	for i := range 100 {
		add(fmt.Sprintf("r100_%03d.txt", i), fmt.Sprintf("Outlet %d title\n\n", i)+story100)
	}
	seq := func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
	ix, err := Open(context.Background(), Options{Embedder: NewLocalEmbedder(64)}, seq)
	if err != nil {
		t.Fatal(err)
	}
	total, most := 0, 0
	for id, d := range ix.dups {
		src := ix.chunks[id].Source
		total += len(d.alsoIn)
		most = max(most, len(d.alsoIn))
		switch {
		case strings.HasPrefix(src, "r40_"):
			if len(d.alsoIn) != 39 {
				t.Errorf("chunk %s of a story printed 40 times names %d other articles, want 39", id, len(d.alsoIn))
			}
		default:
			t.Errorf("chunk %s names %d articles (%.3q…): stock text or a story printed more than %d times must not mark copies", id, len(d.alsoIn), d.alsoIn, maxCopies)
		}
	}
	reprinted := 0
	for _, r := range ix.recs {
		if strings.HasPrefix(r.Source, "r40_") {
			reprinted++
			if ix.dups[r.ID] == nil {
				t.Errorf("chunk %s of a story printed 40 times has no copies", r.ID)
			}
		}
	}
	if most >= 2*maxCopies {
		t.Errorf("a chunk names %d articles, want fewer than %d", most, 2*maxCopies)
	}
	t.Logf("%d chunks, %d with copies, %d 'also in' entries in all, at most %d for one chunk", len(ix.recs), len(ix.dups), total, most)
	if reprinted == 0 {
		t.Fatal("no chunks of the reprinted story")
	}
}
