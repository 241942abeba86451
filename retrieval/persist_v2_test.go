package retrieval

import (
	"compress/gzip"
	"context"
	"encoding/gob"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"footnote/corpus"
	"footnote/neardup"
)

// openDefault opens the default articles, edited by edit when set, with
// the index file in dir.
func openDefault(t *testing.T, dir string, notices *[]string, edit func([]corpus.Article) []corpus.Article) *Index {
	t.Helper()
	ctx := context.Background()
	var arts []corpus.Article
	for a, err := range corpus.Articles(ctx, corpus.Default(), corpus.WalkOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	if edit != nil {
		arts = edit(arts)
	}
	opts := Options{Embedder: NewLocalEmbedder(0), Dir: dir}
	if notices != nil {
		opts.Notice = func(m string) { *notices = append(*notices, m) }
	}
	ix, err := Open(ctx, opts, sliceSeq(arts))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// sameResults fails unless a and b rank every probe query alike, passage by
// passage with their scores.
func sameResults(t *testing.T, a, b *Index) {
	t.Helper()
	for _, q := range append(sharedQuestions(t), "delegaton", "prisoner exchange") {
		ra, err := a.Search(context.Background(), q, 8)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.Search(context.Background(), q, 8)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ra, rb) {
			t.Fatalf("%q ranks differently:\n%v\n%v", q, ra, rb)
		}
	}
}

func TestRestartDecodesLexiconAndCodes(t *testing.T) {
	dir := t.TempDir()
	first := openDefault(t, dir, nil, nil)
	if first.lexDecoded || first.scan.fromFile.Load() != 0 {
		t.Fatal("a fresh build claims to have decoded its lexicon or codes")
	}
	second := openDefault(t, dir, nil, nil)
	if !second.lexDecoded || int(second.scan.fromFile.Load()) != second.Len() {
		t.Fatalf("restart: lexicon decoded %v, %d of %d rows' codes from the file", second.lexDecoded, second.scan.fromFile.Load(), second.Len())
	}
	if !slices.Equal(first.scan.codes, second.scan.codes) || !slices.Equal(first.scan.scale, second.scan.scale) || !slices.Equal(first.scan.qerr, second.scan.qerr) {
		t.Error("decoded codes differ from the ones built")
	}
	if second.bm25.sumLen != first.bm25.sumLen || !slices.Equal(second.bm25.docLen, first.bm25.docLen) || len(second.bm25.post) != len(first.bm25.post) {
		t.Error("decoded BM25 statistics differ from the ones built")
	}
	for _, w := range []string{"delegaton", "negotiatons", "ukrane"} {
		c1, ok1 := first.bm25.Correct(w)
		c2, ok2 := second.bm25.Correct(w)
		if c1 != c2 || ok1 != ok2 {
			t.Errorf("Correct(%q) = %q %v after restart, %q %v before", w, c2, ok2, c1, ok1)
		}
	}
	sameResults(t, first, second)
}

func TestChangedArticleRebuildsLexiconLikeFresh(t *testing.T) {
	dir := t.TempDir()
	openDefault(t, dir, nil, nil)
	edit := func(arts []corpus.Article) []corpus.Article {
		arts[1].Text += "\n\nA late paragraph about a harbour ferry timetable."
		return append(arts[:3:3], arts[4:]...) // and one article removed
	}
	updated := openDefault(t, dir, nil, edit)
	if updated.lexDecoded {
		t.Error("lexicon decoded although an article changed")
	}
	if updated.scan.fromFile.Load() == 0 {
		t.Error("no stored codes reused for the unchanged articles")
	}
	fresh := openDefault(t, "", nil, edit)
	sameResults(t, updated, fresh)
	if !slices.Equal(updated.scan.codes, fresh.scan.codes) {
		t.Error("codes after the update differ from a fresh build's")
	}
	again := openDefault(t, dir, nil, edit)
	if !again.lexDecoded {
		t.Error("the updated file's lexicon was not decoded on the next start")
	}
	sameResults(t, again, fresh)
}

// writeFormat1 rewrites the index file at path as format 1 wrote it: no
// codes, no lexicon.
func writeFormat1(t *testing.T, path string) {
	t.Helper()
	s, err := loadSnapshot(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	err = writeAtomic(path, func(w io.Writer) error {
		gz := gzip.NewWriter(w)
		enc := gob.NewEncoder(gz)
		h := s.header
		h.Version = 1
		if err := enc.Encode(h); err != nil {
			return err
		}
		for _, st := range s.articles {
			as := articleState{info: st.info, hash: st.hash}
			sa, _ := toStored(as, st.recs, h.Dim, nil)
			if err := enc.Encode(sa); err != nil {
				return err
			}
		}
		return gz.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// withWireCopy adds a lightly edited copy of the first article under
// another name, so the index has wire copies to find.
func withWireCopy(arts []corpus.Article) []corpus.Article {
	c := arts[0]
	c.Source = "wire/copy-of-" + c.Source
	c.Text = strings.Replace(c.Text, ".", ", officials said.", 1)
	return append(arts, c)
}

func TestRestartDecodesCopyTable(t *testing.T) {
	dir := t.TempDir()
	first := openDefault(t, dir, nil, withWireCopy)
	if len(first.dups) == 0 || first.copiesDecoded {
		t.Fatalf("fresh build: %d chunks with copies (decoded %v), want some computed", len(first.dups), first.copiesDecoded)
	}
	second := openDefault(t, dir, nil, withWireCopy)
	if !second.copiesDecoded || !reflect.DeepEqual(first.dups, second.dups) {
		t.Fatalf("restart: copy table decoded %v, equal %v", second.copiesDecoded, reflect.DeepEqual(first.dups, second.dups))
	}
	sameResults(t, first, second)
	edited := func(arts []corpus.Article) []corpus.Article {
		arts = withWireCopy(arts)
		arts[2].Text += "\n\nOne more paragraph."
		return arts
	}
	updated := openDefault(t, dir, nil, edited)
	fresh := openDefault(t, "", nil, edited)
	if updated.copiesDecoded || !reflect.DeepEqual(updated.dups, fresh.dups) {
		t.Errorf("after an edit: copy table decoded %v, equal to a fresh build's %v", updated.copiesDecoded, reflect.DeepEqual(updated.dups, fresh.dups))
	}
}

func TestCopiesFromStoredRejectsBadTables(t *testing.T) {
	ix := openDefault(t, "", nil, withWireCopy)
	arts := make([]articleState, len(ix.articles))
	for i, a := range ix.articles {
		arts[i] = articleState{info: a, first: ix.first[i]}
	}
	var o neardup.Options // openDefault's
	if len(ix.dups) == 0 {
		t.Fatal("no wire copies found")
	}
	good := storeCopies(ix.dups, ix.recs, arts, o)
	if d, err := copiesFromStored(good, ix.recs, arts, o); err != nil || !reflect.DeepEqual(d, ix.dups) {
		t.Fatalf("good table: %v, equal %v", err, reflect.DeepEqual(d, ix.dups))
	}
	tests := map[string]func(sc *storedCopies){
		"other fingerprint":    func(sc *storedCopies) { sc.Fingerprint = "x" },
		"counts short":         func(sc *storedCopies) { sc.GroupCounts = sc.GroupCounts[1:] },
		"chunk out of range":   func(sc *storedCopies) { sc.Chunks[0] = 1 << 30 },
		"article out of range": func(sc *storedCopies) { sc.AlsoIn[0] = 1 << 30 },
		"trailing groups":      func(sc *storedCopies) { sc.Groups = append(sc.Groups, 1) },
		"too many groups":      func(sc *storedCopies) { sc.GroupCounts[0] = 1 << 30 },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			sc := storeCopies(ix.dups, ix.recs, arts, o)
			edit(sc)
			if _, err := copiesFromStored(sc, ix.recs, arts, o); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestFormat1FileIsUpgraded(t *testing.T) {
	dir := t.TempDir()
	first := openDefault(t, dir, nil, nil)
	writeFormat1(t, first.Stats().Path)
	var notices []string
	up := openDefault(t, dir, &notices, nil)
	st := up.Stats()
	if st.Embedded != 0 || st.Reused != up.Len() || !st.Saved {
		t.Fatalf("upgrade stats %+v, want every vector reused and the file saved", st)
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "format 1") || !strings.Contains(notices[0], "format 2") {
		t.Errorf("notices %q, want one about rewriting format 1 as format 2", notices)
	}
	sameResults(t, first, up)
	notices = nil
	again := openDefault(t, dir, &notices, nil)
	if len(notices) != 0 || !again.lexDecoded || again.Stats().Saved {
		t.Errorf("after the upgrade: notices %q, lexicon decoded %v, saved %v", notices, again.lexDecoded, again.Stats().Saved)
	}
}

func TestBM25FromStoredRejectsBadLexicons(t *testing.T) {
	b := NewBM25()
	b.AddText("a", "the delegation met in Istanbul")
	b.AddText("b", "the delegations talked")
	good := b.stored()
	ids := []string{"a", "b"}
	if _, err := bm25FromStored(good, ids); err != nil {
		t.Fatalf("good lexicon refused: %v", err)
	}
	tests := []struct {
		name string
		edit func(sl *storedLexicon)
		ids  []string
	}{
		{"absent", func(sl *storedLexicon) { sl.Present = false }, ids},
		{"other chunk count", func(sl *storedLexicon) {}, []string{"a"}},
		{"postings count too big", func(sl *storedLexicon) { sl.Postings = 1 << 40 }, ids},
		{"negative postings", func(sl *storedLexicon) { sl.Postings = -1 }, ids},
		{"truncated lists", func(sl *storedLexicon) { sl.Lists = sl.Lists[:len(sl.Lists)-1] }, ids},
		{"trailing bytes", func(sl *storedLexicon) { sl.Lists = append(slices.Clone(sl.Lists), 1) }, ids},
		{"document out of range", func(sl *storedLexicon) { sl.Lists = slices.Clone(sl.Lists); sl.Lists[1] = 9 }, ids},
		{"duplicate term", func(sl *storedLexicon) { sl.Terms = slices.Clone(sl.Terms); sl.Terms[1] = sl.Terms[0] }, ids},
		{"word without term", func(sl *storedLexicon) { sl.WordTerms = slices.Clone(sl.WordTerms); sl.WordTerms[0] = 99 }, ids},
		{"words and terms differ in length", func(sl *storedLexicon) { sl.WordTerms = nil }, ids},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sl := good
			tt.edit(&sl)
			if lex, err := bm25FromStored(sl, tt.ids); err == nil {
				t.Errorf("accepted, decoded %d documents", lex.Len())
			}
		})
	}
}

func TestFilteredRetrieveScansOnlyMatchingChunks(t *testing.T) {
	ix := openDefault(t, "", nil, nil)
	src := ix.articles[2].Source
	res, err := ix.Retrieve(context.Background(), Query{Text: "talks delegation prisoners", K: 8, Sources: []string{src}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != min(8, ix.articles[2].Chunks) {
		t.Fatalf("%d passages from %s, want %d", len(res), src, min(8, ix.articles[2].Chunks))
	}
	for _, p := range res {
		if p.Source != src {
			t.Errorf("passage from %s, want only %s", p.Source, src)
		}
	}
}
