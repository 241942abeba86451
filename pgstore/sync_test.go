package pgstore_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/corpus"
	"footnote/pgstore"
	"footnote/retrieval"
)

// article builds a small article whose text mentions word.
func article(source, title, date, word string) corpus.Article {
	text := title + "\n\n" + fmt.Sprintf("The committee discussed %s at length. Officials said the %s plan would take effect next spring, after a vote.", word, word)
	return corpus.Article{Source: source, Title: title, Date: date, URL: "https://news.example/" + source, Text: text, Size: int64(len(text))}
}

// checkMatchesFresh compares the store after a sync with a store and an
// embedded index built from scratch over the same articles: statistics,
// vocabulary and rankings must agree.
func checkMatchesFresh(t *testing.T, s *pgstore.Store, arts []corpus.Article, queries ...string) {
	t.Helper()
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(0)
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: emb}, seq(arts...))
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Chunks != ix.Len() || st.Articles != len(arts) {
		t.Errorf("store has %d articles, %d chunks; want %d, %d", st.Articles, st.Chunks, len(arts), ix.Len())
	}
	infos, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, a := range infos {
		got = append(got, a.Source+"|"+a.Title+"|"+a.Date)
	}
	for _, a := range arts {
		want = append(want, a.Source+"|"+a.Title+"|"+a.Date)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("articles %v, want %v", got, want)
	}
	r, err := s.Retriever(ctx, emb)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if g, w := r.Terms(q), ix.Terms(q); !reflect.DeepEqual(g, w) {
			t.Errorf("Terms(%q) = %+v, want %+v", q, g, w)
		}
		g, err := r.Retrieve(ctx, retrieval.Query{Text: q, K: 5})
		if err != nil {
			t.Fatal(err)
		}
		w, err := ix.Retrieve(ctx, retrieval.Query{Text: q, K: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("Retrieve(%q) = %v, want %v", q, ids(g), ids(w))
		}
	}
}

func TestSyncAddChangeDeleteRename(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(0)
	opts := pgstore.SyncOptions{Embedder: emb}
	a := article("a.txt", "Tariffs", "2025-03-01", "tariffs")
	b := article("b.txt", "Fisheries", "2025-03-02", "fisheries")
	c := article("c.txt", "Railways", "", "railways")
	queries := []string{"tariffs plan", "fisheries vote", "railways", "fisheris", "spring"}

	steps := []struct {
		name string
		arts []corpus.Article
		want pgstore.SyncStats
	}{
		{"add", []corpus.Article{a, b, c}, pgstore.SyncStats{Articles: 3, Added: 3}},
		{"unchanged", []corpus.Article{a, b, c}, pgstore.SyncStats{Articles: 3, Unchanged: 3}},
		{"change", []corpus.Article{a, article("b.txt", "Fisheries", "2025-03-02", "harbours"), c}, pgstore.SyncStats{Articles: 3, Changed: 1, Unchanged: 2}},
		{"delete", []corpus.Article{a, c}, pgstore.SyncStats{Articles: 2, Unchanged: 2, Removed: 1}},
		{"rename", []corpus.Article{a, article("d.txt", "Railways", "", "railways")}, pgstore.SyncStats{Articles: 2, Added: 1, Unchanged: 1, Removed: 1}},
	}
	for _, step := range steps {
		st, err := s.Sync(ctx, seq(step.arts...), opts)
		if err != nil {
			t.Fatalf("%s: Sync: %v", step.name, err)
		}
		st.Chunks, st.Embedded = 0, 0
		if st != step.want {
			t.Errorf("%s: stats %+v, want %+v", step.name, st, step.want)
		}
		checkMatchesFresh(t, s, step.arts, queries...)
	}
}

// A corpus read error stops the sync before anything is deleted.
func TestSyncReadErrorDeletesNothing(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	opts := pgstore.SyncOptions{Embedder: retrieval.NewLocalEmbedder(0)}
	a, b := article("a.txt", "A", "", "tariffs"), article("b.txt", "B", "", "fisheries")
	if _, err := s.Sync(ctx, seq(a, b), opts); err != nil {
		t.Fatal(err)
	}
	broken := func(yield func(corpus.Article, error) bool) {
		if yield(a, nil) {
			yield(corpus.Article{}, fmt.Errorf("disk on fire"))
		}
	}
	if _, err := s.Sync(ctx, broken, opts); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("Sync over a failing corpus: %v", err)
	}
	checkMatchesFresh(t, s, []corpus.Article{a, b}, "fisheries")
}

// Two indexers syncing the same corpus at once leave the store as one
// would: the advisory lock serialises them (on a real server; PGlite runs
// every connection in one backend session, where the lock is re-entrant,
// and there the per-article re-check under a row lock keeps it whole).
func TestTwoIndexersAtOnce(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	s1 := openStore(t, pgstore.Options{DSN: dsn, Schema: schema})
	s2 := openStore(t, pgstore.Options{DSN: dsn, Schema: schema})
	var arts []corpus.Article
	for i := range 12 {
		arts = append(arts, article(fmt.Sprintf("%02d.txt", i), fmt.Sprintf("Topic %d", i), "", fmt.Sprintf("topic%d", i)))
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []*pgstore.Store{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Sync(ctx, seq(arts...), pgstore.SyncOptions{Embedder: retrieval.NewLocalEmbedder(0), BatchSize: 2})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("indexer %d: %v", i, err)
		}
	}
	checkMatchesFresh(t, s1, arts, "topic3 committee", "vote")
}

// A reader keeps answering while an indexer rewrites every article, and
// never sees an article half written: every passage it gets belongs to a
// complete article of the old or the new corpus.
func TestReaderDuringSync(t *testing.T) {
	s := openStore(t, pgstore.Options{})
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(0)
	var v1, v2 []corpus.Article
	for i := range 20 {
		v1 = append(v1, article(fmt.Sprintf("%02d.txt", i), "Old", "", "tariffs"))
		v2 = append(v2, article(fmt.Sprintf("%02d.txt", i), "New", "", "tariffs"))
	}
	if _, err := s.Sync(ctx, seq(v1...), pgstore.SyncOptions{Embedder: emb}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Retriever(ctx, emb)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Sync(ctx, seq(v2...), pgstore.SyncOptions{Embedder: emb, BatchSize: 1})
		done <- err
	}()
	queries, syncing := 0, true
	for syncing {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("Sync: %v", err)
			}
			syncing = false
		default:
		}
		ps, err := r.Retrieve(ctx, retrieval.Query{Text: "tariffs plan vote", K: 40})
		if err != nil {
			t.Fatalf("Retrieve during the sync: %v", err)
		}
		queries++
		if len(ps) != 20 {
			t.Fatalf("query %d during the sync saw %d chunks, want 20 (one per article, old or new)", queries, len(ps))
		}
		for _, p := range ps {
			if p.Title != "Old" && p.Title != "New" {
				t.Fatalf("passage of a half-written article: %+v", p)
			}
		}
	}
	t.Logf("%d queries answered during the sync", queries)
}

// A serving process picks up what an indexer changed: after the refresh
// interval its vocabulary knows the new article's words and its results
// include the article.
func TestRetrieverSeesSync(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	reader := openStore(t, pgstore.Options{DSN: dsn, Schema: schema, VocabRefresh: 10 * time.Millisecond})
	indexer := openStore(t, pgstore.Options{DSN: dsn, Schema: schema})
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(0)
	a := article("a.txt", "Tariffs", "", "tariffs")
	if _, err := indexer.Sync(ctx, seq(a), pgstore.SyncOptions{Embedder: emb}); err != nil {
		t.Fatal(err)
	}
	r, err := reader.Retriever(ctx, emb)
	if err != nil {
		t.Fatal(err)
	}
	if ts := r.Terms("glaciers"); ts[0].Known {
		t.Fatalf("glaciers known before the sync: %+v", ts)
	}
	b := article("b.txt", "Glaciers", "", "glaciers")
	if _, err := indexer.Sync(ctx, seq(a, b), pgstore.SyncOptions{Embedder: emb}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	ps, err := r.Retrieve(ctx, retrieval.Query{Text: "glaciers", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Source != "b.txt" {
		t.Errorf("after the sync: %v, want b.txt", ids(ps))
	}
	if ts := r.Terms("glaciers"); !ts[0].Known {
		t.Errorf("glaciers unknown after the sync and the refresh: %+v", ts)
	}
}
