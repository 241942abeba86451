package retrieval_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"footnote/corpus"
	"footnote/retrieval"
)

func TestOpenRestartEmbedsNothing(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	emb := newCounting(32)
	first := openIndex(t, retrieval.Options{Embedder: emb, Dir: dir}, arts)
	st := first.Stats()
	if st.Embedded != first.Len() || st.Reused != 0 || !st.Saved || filepath.Dir(st.Path) != dir {
		t.Fatalf("first open stats %+v, want all embedded and saved under %s", st, dir)
	}
	if _, err := os.Stat(st.Path); err != nil {
		t.Fatalf("index file: %v", err)
	}

	emb.reset()
	second := openIndex(t, retrieval.Options{Embedder: emb, Dir: dir}, arts)
	st2 := second.Stats()
	if calls, _, _, _ := emb.snapshot(); calls != 0 || st2.Embedded != 0 {
		t.Errorf("restart made %d Embed calls, Stats.Embedded %d; want none", calls, st2.Embedded)
	}
	if st2.Reused != first.Len() || st2.Chunks != first.Len() || st2.Saved || st2.Removed != 0 {
		t.Errorf("restart stats %+v, want every chunk reused and no save", st2)
	}
	if !slices.Equal(first.Articles(), second.Articles()) {
		t.Error("articles differ after restart")
	}
	for _, q := range []string{"who led Ukraine's delegation", "prisoner exchange"} {
		a, _ := first.Search(context.Background(), q, 5)
		b, _ := second.Search(context.Background(), q, 5)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q ranks differently after restart:\n%v\n%v", q, a, b)
		}
	}
}

func TestOpenSavesOnlyWhenChanged(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	opts := retrieval.Options{Embedder: newCounting(8), Dir: dir}
	path := openIndex(t, opts, arts).Stats().Path
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if openIndex(t, opts, arts).Stats().Saved {
		t.Error("unchanged corpus was saved again")
	}
	if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("index file touched: %v %v", fi.ModTime(), err)
	}
}

func TestOpenIncremental(t *testing.T) {
	base := defaultArticles(t)
	added := corpus.Article{
		Source: "005_new.txt", Title: "Grain corridor reopens",
		Text: "Grain corridor reopens\n\nShips left Odesa on Monday carrying wheat under a new agreement brokered in Ankara.",
	}
	changed := slices.Clone(base)
	changed[2].Text = strings.Replace(changed[2].Text, "Russian and Ukrainian negotiators", "Russian and Ukrainian negotiators (updated)", 1)
	if changed[2].Text == base[2].Text {
		t.Fatal("fixture: edit did not apply")
	}
	tests := []struct {
		name    string
		next    []corpus.Article
		touched *corpus.Article // the only article whose chunks may be embedded
		removed int             // chunks dropped from the file
	}{
		{"add", append(slices.Clone(base), added), &added, 0},
		{"change", changed, &changed[2], len(retrieval.ChunkArticle(base[2], retrieval.ChunkOptions{}))},
		{"remove", base[1:], nil, len(retrieval.ChunkArticle(base[0], retrieval.ChunkOptions{}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			emb := newCounting(16)
			opts := retrieval.Options{Embedder: emb, Dir: dir}
			openIndex(t, opts, base)
			emb.reset()

			ix := openIndex(t, opts, tt.next)
			_, texts, _, _ := emb.snapshot()
			st := ix.Stats()
			if tt.touched == nil && len(texts) != 0 {
				t.Errorf("removal embedded %d texts", len(texts))
			}
			if tt.touched != nil {
				n := len(retrieval.ChunkArticle(*tt.touched, retrieval.ChunkOptions{}))
				if len(texts) == 0 || len(texts) > n {
					t.Errorf("embedded %d texts, want 1..%d (the touched article's chunks)", len(texts), n)
				}
				for _, text := range texts {
					if !strings.Contains(tt.touched.Text, text) {
						t.Errorf("embedded a chunk of another article: %.60q", text)
					}
				}
			}
			if want := totalChunks(tt.next, retrieval.ChunkOptions{}); st.Chunks != want || st.Embedded+st.Reused != want {
				t.Errorf("stats %+v, want %d chunks, embedded + reused = chunks", st, want)
			}
			if st.Removed != tt.removed || !st.Saved || st.Articles != len(tt.next) {
				t.Errorf("stats %+v, want Removed %d, saved, %d articles", st, tt.removed, len(tt.next))
			}

			emb.reset()
			again := openIndex(t, opts, tt.next)
			if calls, _, _, _ := emb.snapshot(); calls != 0 || again.Stats().Saved {
				t.Errorf("third open made %d Embed calls (saved %v), want none", calls, again.Stats().Saved)
			}
		})
	}
}

func TestOpenEmbedderChanged(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	openIndex(t, retrieval.Options{Embedder: newCounting(16), Dir: dir}, arts)

	var notes noticeLog
	emb := newCounting(24)
	ix := openIndex(t, retrieval.Options{Embedder: emb, Dir: dir, Notice: notes.add}, arts)
	msgs := notes.all()
	if len(msgs) != 1 || !strings.Contains(msgs[0], "embedding model changed (local/hash-v1/16 → local/hash-v1/24)") {
		t.Errorf("notices %q, want one naming the old and new model", msgs)
	}
	if st := ix.Stats(); st.Embedded != ix.Len() || st.Dim != 24 || st.EmbedderKey != "local/hash-v1/24" {
		t.Errorf("stats %+v, want a full rebuild at dimension 24", st)
	}
	if _, err := ix.Search(context.Background(), "ceasefire", 3); err != nil {
		t.Errorf("search after rebuild: %v", err)
	}
	// Both files are kept: switching back costs nothing.
	emb16 := newCounting(16)
	if st := openIndex(t, retrieval.Options{Embedder: emb16, Dir: dir}, arts).Stats(); st.Embedded != 0 {
		t.Errorf("switching back embedded %d chunks, want 0", st.Embedded)
	}
}

// An embedder whose dimension changes without its key changing (a
// misconfigured provider) must not mix vectors: every chunk is re-embedded.
func TestOpenDimensionChangedUnderSameKey(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	old := newCounting(16)
	old.key = "remote/model-x"
	openIndex(t, retrieval.Options{Embedder: old, Dir: dir}, arts)

	changed := slices.Clone(arts)
	changed[0].Text += "\n\nA late paragraph about the talks."
	var notes noticeLog
	emb := newCounting(20)
	emb.key = "remote/model-x"
	ix := openIndex(t, retrieval.Options{Embedder: emb, Dir: dir, Notice: notes.add}, changed)
	if msgs := notes.all(); len(msgs) != 1 || !strings.Contains(msgs[0], "dimension changed (16 → 20)") {
		t.Errorf("notices %q, want one about the dimension", msgs)
	}
	if st := ix.Stats(); st.Dim != 20 || st.Embedded != ix.Len() || st.Reused != 0 {
		t.Errorf("stats %+v, want every chunk embedded at dimension 20", st)
	}
	if _, err := ix.Search(context.Background(), "late paragraph", 3); err != nil {
		t.Errorf("search: %v", err)
	}
}

func TestOpenCorruptFile(t *testing.T) {
	arts := defaultArticles(t)
	valid := func(t *testing.T) []byte {
		dir := t.TempDir()
		path := openIndex(t, retrieval.Options{Embedder: newCounting(8), Dir: dir}, arts).Stats().Path
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gz := func(payload []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(payload)
		w.Close()
		return buf.Bytes()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	tests := []struct {
		name    string
		content func(t *testing.T) []byte
		problem string // part of the notice
	}{
		{"empty file", func(*testing.T) []byte { return nil }, "empty"},
		{"random bytes", func(*testing.T) []byte { return random }, "invalid header"},
		{"truncated gzip", func(t *testing.T) []byte { b := valid(t); return b[:len(b)/2] }, "truncated"},
		{"gzip of garbage", func(*testing.T) []byte { return gz(random) }, "header"},
		{"flipped byte", func(t *testing.T) []byte { b := valid(t); b[len(b)-100] ^= 0xff; return b }, ""},
		{"trailing garbage", func(t *testing.T) []byte { return append(valid(t), "junk"...) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			content := tt.content(t)
			emb := newCounting(8)
			opts := retrieval.Options{Embedder: emb, Dir: dir}
			// The file name depends only on the embedder key; learn it from
			// an empty index in a scratch directory.
			scratch := openIndex(t, retrieval.Options{Embedder: emb, Dir: t.TempDir()}, nil)
			path := filepath.Join(dir, filepath.Base(scratch.Stats().Path))
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			var notes noticeLog
			opts.Notice = notes.add
			emb.reset()
			ix := openIndex(t, opts, arts)
			msgs := notes.all()
			if len(msgs) != 1 || !strings.Contains(msgs[0], path) || !strings.Contains(msgs[0], "corrupt") || !strings.Contains(msgs[0], tt.problem) {
				t.Errorf("notices %q, want one naming %s as corrupt (%q)", msgs, path, tt.problem)
			}
			if st := ix.Stats(); st.Embedded != ix.Len() || !st.Saved {
				t.Errorf("stats %+v, want a full rebuild, saved", st)
			}
			emb.reset()
			if st := openIndex(t, opts, arts).Stats(); st.Embedded != 0 {
				t.Errorf("after the rebuild, a restart embedded %d chunks", st.Embedded)
			}
		})
	}
}

// A process killed while saving leaves a temp file next to the index; the
// index itself is either the old complete file or absent, never torn. The
// temp file of a dead writer is removed at once, however young
// (persist_lock_test.go: one a live writer holds is kept).
func TestOpenAfterKillMidWrite(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	emb := newCounting(8)
	opts := retrieval.Options{Embedder: emb, Dir: dir}
	path := openIndex(t, opts, arts).Stats().Path
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(path)
	fresh := filepath.Join(dir, "."+base+".123.tmp")
	stale := filepath.Join(dir, "."+base+".456.tmp")
	for _, p := range []string{fresh, stale} {
		if err := os.WriteFile(p, full[:len(full)/3], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-48 * time.Hour)
	os.Chtimes(stale, long, long)

	emb.reset()
	var notes noticeLog
	opts.Notice = notes.add
	ix := openIndex(t, opts, arts)
	if st := ix.Stats(); st.Embedded != 0 || len(notes.all()) != 0 {
		t.Errorf("with a half-written temp file: stats %+v, notices %q; want the old index reused silently", st, notes.all())
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temp file still there: %v", err)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a dead writer's recent temp file is still there: %v", err)
	}
}

func TestOpenChunkingChanged(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	emb := newCounting(8)
	openIndex(t, retrieval.Options{Embedder: emb, Dir: dir}, arts)

	var notes noticeLog
	small := retrieval.ChunkOptions{MaxChars: 250}
	emb.reset()
	ix := openIndex(t, retrieval.Options{Embedder: emb, Dir: dir, Chunking: small, Notice: notes.add}, arts)
	if msgs := notes.all(); len(msgs) != 1 || !strings.Contains(msgs[0], "chunking changed") {
		t.Errorf("notices %q, want one about chunking", msgs)
	}
	_, texts, _, _ := emb.snapshot()
	if want := totalChunks(arts, small); ix.Len() != want || len(texts) != ix.Stats().Embedded || ix.Stats().Embedded+ix.Stats().Reused != want {
		t.Errorf("Len %d, stats %+v, %d texts embedded; want %d chunks, each embedded or reused", ix.Len(), ix.Stats(), len(texts), want)
	}
}

// An index directory that cannot be written is a notice, not a failure:
// the index in memory is complete.
func TestOpenUnwritableDir(t *testing.T) {
	arts := defaultArticles(t)
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var notes noticeLog
	ix := openIndex(t, retrieval.Options{Embedder: newCounting(8), Dir: notDir, Notice: notes.add}, arts)
	msgs := notes.all()
	if ix.Stats().Saved || len(msgs) == 0 || !strings.Contains(msgs[len(msgs)-1], "cannot save index file") {
		t.Errorf("saved %v, notices %q; want a save failure notice", ix.Stats().Saved, msgs)
	}
	for _, m := range msgs {
		if strings.Contains(m, "corrupt") {
			t.Errorf("an unreadable directory is not a corrupt file: %q", m)
		}
	}
	if ps, err := ix.Search(context.Background(), "ceasefire", 3); err != nil || len(ps) == 0 {
		t.Errorf("search: %v, %d passages", err, len(ps))
	}
}

// Spelling out the default chunking options is no change.
func TestOpenExplicitDefaultChunking(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	openIndex(t, retrieval.Options{Embedder: newCounting(8), Dir: dir}, arts)
	var notes noticeLog
	explicit := retrieval.ChunkOptions{MaxChars: retrieval.DefaultChunkChars, Overlap: retrieval.DefaultChunkOverlap}
	ix := openIndex(t, retrieval.Options{Embedder: newCounting(8), Dir: dir, Chunking: explicit, Notice: notes.add}, arts)
	if st := ix.Stats(); st.Embedded != 0 || st.Saved || len(notes.all()) != 0 {
		t.Errorf("stats %+v, notices %q; want nothing embedded, saved or noticed", st, notes.all())
	}
}
