package retrieval_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/corpus"
	"footnote/retrieval"
)

// checkChunks asserts the invariants every chunking must keep: exact spans,
// size limit, order, copied metadata, unique IDs, and every sentence of the
// article inside at least one chunk.
func checkChunks(t *testing.T, a corpus.Article, chunks []retrieval.Chunk, maxChars int) {
	t.Helper()
	ids := map[string]bool{}
	prevStart := -1
	for i, c := range chunks {
		if c.Start < 0 || c.End > len(a.Text) || c.Start >= c.End {
			t.Fatalf("chunk %d span [%d,%d) out of range (len %d)", i, c.Start, c.End, len(a.Text))
		}
		if a.Text[c.Start:c.End] != c.Text {
			t.Errorf("chunk %d text does not match its span", i)
		}
		if n := utf8.RuneCountInString(c.Text); n > maxChars {
			t.Errorf("chunk %d has %d chars, max %d", i, n, maxChars)
		}
		if c.Start <= prevStart {
			t.Errorf("chunk %d starts at %d, not after previous start %d", i, c.Start, prevStart)
		}
		prevStart = c.Start
		if c.Source != a.Source || c.Title != a.Title || c.Date != a.Date {
			t.Errorf("chunk %d metadata %q/%q/%q, want %q/%q/%q", i, c.Source, c.Title, c.Date, a.Source, a.Title, a.Date)
		}
		if !strings.HasPrefix(c.ID, a.Source+"#") || ids[c.ID] {
			t.Errorf("chunk %d id %q not prefixed by source or duplicated", i, c.ID)
		}
		ids[c.ID] = true
		if strings.TrimSpace(c.Text) != c.Text {
			t.Errorf("chunk %d not trimmed: %q", i, c.Text)
		}
	}
	for _, s := range retrieval.Sentences(a.Text) {
		if !spanCovered(chunks, s) && utf8.RuneCountInString(a.Text[s.Start:s.End]) <= maxChars {
			t.Errorf("sentence %q is in no chunk", a.Text[s.Start:s.End])
		}
	}
}

func spanCovered(chunks []retrieval.Chunk, s retrieval.Span) bool {
	for _, c := range chunks {
		if c.Start <= s.Start && s.End <= c.End {
			return true
		}
	}
	return false
}

func TestChunkArticleRealArticles(t *testing.T) {
	for _, a := range loadArticles(t) {
		for _, maxChars := range []int{200, 600, 1500} {
			t.Run(fmt.Sprintf("%s/max%d", a.Source, maxChars), func(t *testing.T) {
				chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: maxChars})
				if len(chunks) == 0 {
					t.Fatal("no chunks")
				}
				checkChunks(t, a, chunks, maxChars)
			})
		}
	}
}

func TestChunkArticleDefaults(t *testing.T) {
	a := loadArticles(t)[0]
	got := retrieval.ChunkArticle(a, retrieval.ChunkOptions{})
	want := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: retrieval.DefaultChunkChars, Overlap: retrieval.DefaultChunkOverlap})
	if len(got) != len(want) {
		t.Fatalf("zero options gave %d chunks, explicit defaults %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("chunk %d differs: %+v vs %+v", i, got[i], want[i])
		}
	}
	checkChunks(t, a, got, retrieval.DefaultChunkChars)
}

func TestChunkArticleDeterministicIDs(t *testing.T) {
	a := loadArticles(t)[1]
	first := retrieval.ChunkArticle(a, retrieval.ChunkOptions{})
	second := retrieval.ChunkArticle(a, retrieval.ChunkOptions{})
	for i := range first {
		if first[i].ID != second[i].ID {
			t.Errorf("chunk %d id %q then %q", i, first[i].ID, second[i].ID)
		}
	}
	// Changing the text of the first paragraph changes that chunk's ID only.
	edited := a
	edited.Text = strings.Replace(a.Text, "Istanbul", "Ankara", 1)
	changed := retrieval.ChunkArticle(edited, retrieval.ChunkOptions{})
	if changed[0].ID == first[0].ID {
		t.Errorf("edited chunk kept id %q", first[0].ID)
	}
	if changed[len(changed)-1].ID != first[len(first)-1].ID {
		t.Errorf("untouched last chunk changed id: %q vs %q", changed[len(changed)-1].ID, first[len(first)-1].ID)
	}
}

// paragraphText builds a single paragraph of n numbered sentences.
func paragraphText(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("Sentence number ")
		b.WriteString(strings.Repeat("x", i%7+3))
		b.WriteString(" ends here.")
	}
	return b.String()
}

func TestChunkArticleOverlap(t *testing.T) {
	a := corpus.Article{Source: "p.txt", Text: paragraphText(30)}
	tests := []struct {
		name     string
		overlap  int
		repeated bool
	}{
		{"default overlap repeats a sentence", 0, true},
		{"two sentences", 2, true},
		{"negative disables", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: 150, Overlap: tt.overlap})
			checkChunks(t, a, chunks, 150)
			if len(chunks) < 3 {
				t.Fatalf("want several chunks, got %d", len(chunks))
			}
			for i := 1; i < len(chunks); i++ {
				overlaps := chunks[i].Start < chunks[i-1].End
				if overlaps != tt.repeated {
					t.Errorf("chunk %d starts at %d, previous ends at %d: overlap %v, want %v",
						i, chunks[i].Start, chunks[i-1].End, overlaps, tt.repeated)
				}
			}
			if tt.overlap == 2 {
				prev := retrieval.Sentences(chunks[0].Text)
				next := retrieval.Sentences(chunks[1].Text)
				if chunks[0].Text[prev[len(prev)-2].Start:prev[len(prev)-2].End] != chunks[1].Text[next[0].Start:next[0].End] {
					t.Errorf("second chunk does not start with the last two sentences of the first")
				}
			}
		})
	}
}

func TestChunkArticleParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			"short paragraphs merge",
			"First short one.\n\nSecond short one.\n\nThird short one.",
			[]string{"First short one.\n\nSecond short one.\n\nThird short one."},
		},
		{
			"long paragraphs stay apart",
			strings.Repeat("Alpha beta gamma delta. ", 4) + "\n\n" + strings.Repeat("Epsilon zeta eta theta. ", 4),
			[]string{strings.TrimSpace(strings.Repeat("Alpha beta gamma delta. ", 4)), strings.TrimSpace(strings.Repeat("Epsilon zeta eta theta. ", 4))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := corpus.Article{Source: "x.txt", Text: tt.text}
			chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: 120})
			var got []string
			for _, c := range chunks {
				got = append(got, c.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("chunks\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestChunkArticleHugeSentence(t *testing.T) {
	text := strings.TrimSpace(strings.Repeat("word ", 5000)) + "."
	a := corpus.Article{Source: "huge.txt", Text: text}
	chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: 100})
	checkChunks(t, a, chunks, 100)
	if len(chunks) < 250 {
		t.Fatalf("got %d chunks for 25000 chars", len(chunks))
	}
	for i, c := range chunks {
		if strings.Contains(c.Text, "wo ") || strings.HasPrefix(c.Text, "rd") {
			t.Fatalf("chunk %d cuts a word: %q", i, c.Text)
		}
	}
	// A single word longer than the limit is cut mid-word rather than kept whole.
	long := corpus.Article{Source: "long.txt", Text: strings.Repeat("é", 250)}
	checkChunks(t, long, retrieval.ChunkArticle(long, retrieval.ChunkOptions{MaxChars: 100}), 100)
}

func TestChunkArticleEmpty(t *testing.T) {
	for _, text := range []string{"", "   \n\n  "} {
		if got := retrieval.ChunkArticle(corpus.Article{Source: "e.txt", Text: text}, retrieval.ChunkOptions{}); len(got) != 0 {
			t.Errorf("ChunkArticle(%q) = %d chunks, want none", text, len(got))
		}
	}
}

func TestChunkArticleFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/tricky_article.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := corpus.Article{Source: "tricky_article.txt", Title: "Tricky", Date: "2025-05-16", Text: string(raw)}
	chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: 300})
	checkChunks(t, a, chunks, 300)
	for _, c := range chunks {
		for _, bad := range []string{"Lt.\n", "U.S.\n"} {
			if strings.HasSuffix(c.Text, strings.TrimSpace(bad)) {
				t.Errorf("chunk ends on an abbreviation: %q", c.Text)
			}
		}
	}
}

func FuzzChunkArticle(f *testing.F) {
	f.Add("One. Two. Three.\n\nFour.", 10, 1)
	f.Add(strings.Repeat("long ", 100), 20, 2)
	f.Add("\xffbad\xfe bytes. More…", 5, 0)
	f.Add("U.S. Lt. Gen. “Quote.” 1.5", 1, -1)
	f.Fuzz(func(t *testing.T, text string, maxChars, overlap int) {
		maxChars = maxChars%500 + 1
		if maxChars <= 0 {
			maxChars += 500
		}
		overlap %= 4
		a := corpus.Article{Source: "f.txt", Text: text}
		chunks := retrieval.ChunkArticle(a, retrieval.ChunkOptions{MaxChars: maxChars, Overlap: overlap})
		prev := -1
		for i, c := range chunks {
			if c.Start <= prev || c.End > len(text) || c.Start >= c.End || text[c.Start:c.End] != c.Text {
				t.Fatalf("chunk %d bad span [%d,%d) (prev start %d, len %d)", i, c.Start, c.End, prev, len(text))
			}
			if utf8.ValidString(text) && !utf8.ValidString(c.Text) {
				t.Fatalf("chunk %d is not valid UTF-8: %q", i, c.Text)
			}
			if utf8.RuneCountInString(c.Text) > maxChars {
				t.Fatalf("chunk %d longer than %d: %q", i, maxChars, c.Text)
			}
			prev = c.Start
		}
	})
}
