package eval_test

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"

	"footnote/answer/extractive"
	"footnote/corpus"
	"footnote/eval"
	"footnote/internal/haystack"
	"footnote/retrieval"
)

// haystackDocs is the size of the haystack in the normal test run: big
// enough that the five articles are 0.3% of the corpus, small enough to
// index quickly under -race.
const haystackDocs = 1500

// minCorrect is the bar of the shared question set in a haystack, just
// under what the learned offline engine scores there (15/20; 18 without
// the haystack): questions that name nothing ("Where were the talks
// held?") are ambiguous among other stories' talks.
const minCorrect = 14

// TestSharedQuestionSetInHaystack buries the five default articles among
// generated news on other beats, which shares their vocabulary
// (delegations, talks, ministers, ceasefires), and requires the offline
// engine to answer the shared question set as well as it does without it.
func TestSharedQuestionSetInHaystack(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a haystack of 1,500 articles")
	}
	fsys, _, err := haystack.MapFS(corpus.Default(), haystack.Options{Seed: 1, Docs: haystackDocs})
	if err != nil {
		t.Fatal(err)
	}
	rep := runInHaystack(t, fsys, "")
	if rep.Summary.Correct < minCorrect {
		t.Errorf("in a haystack of %d articles: %d/%d correct, want at least %d", haystackDocs, rep.Summary.Correct, rep.Summary.Total, minCorrect)
	}
}

// TestSharedQuestionSetInHaystack10MB is the full-scale variant: the five
// articles among about 10 MB of haystack on disk, indexed into a
// persistent index which is then reopened, as footnote index and footnote
// ask do. It runs only with FOOTNOTE_SCALE=1 (it takes seconds, and
// minutes under -race).
func TestSharedQuestionSetInHaystack10MB(t *testing.T) {
	if os.Getenv("FOOTNOTE_SCALE") != "1" {
		t.Skip("set FOOTNOTE_SCALE=1 to run the 10 MB haystack")
	}
	dir := t.TempDir()
	sum, err := haystack.Write(dir, haystack.Options{Seed: 1, Bytes: 10 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if err := copyDefaultArticles(dir); err != nil {
		t.Fatal(err)
	}
	t.Logf("haystack: %d files, %.1f MB", sum.Files, float64(sum.Bytes)/(1<<20))
	indexDir := t.TempDir()
	first := openIndex(t, os.DirFS(dir), indexDir)
	if st := first.Stats(); !st.Saved || st.Embedded != st.Chunks {
		t.Fatalf("first open: %+v, want every chunk embedded and the file saved", st)
	}
	rep := runInHaystack(t, os.DirFS(dir), indexDir)
	if rep.Summary.Correct < minCorrect {
		t.Errorf("in a 10 MB haystack: %d/%d correct, want at least %d", rep.Summary.Correct, rep.Summary.Total, minCorrect)
	}
	t.Logf("latency after load: p50 %.1f ms, p95 %.1f ms", rep.Summary.P50Ms, rep.Summary.P95Ms)
}

// runInHaystack opens the index over fsys (persisted in indexDir when set),
// answers the shared question set with the extractive engine and logs the
// table.
func runInHaystack(t *testing.T, fsys fs.FS, indexDir string) eval.Report {
	t.Helper()
	ix := openIndex(t, fsys, indexDir)
	if indexDir != "" {
		if st := ix.Stats(); st.Embedded != 0 {
			t.Fatalf("reopen embedded %d chunks, want all reused", st.Embedded)
		}
	}
	rep, err := eval.Run(context.Background(), loadSharedSet(t), extractive.New(ix, extractive.Options{}), ix, eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d chunks in %d articles\n%s", ix.Len(), len(ix.Articles()), b.String())
	return rep
}

// openIndex indexes fsys with the offline embedder.
func openIndex(t testing.TB, fsys fs.FS, indexDir string) *retrieval.Index {
	t.Helper()
	ctx := context.Background()
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0), Dir: indexDir},
		corpus.Articles(ctx, fsys, corpus.WalkOptions{}))
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	return ix
}

// copyDefaultArticles writes the five default articles into dir.
func copyDefaultArticles(dir string) error {
	return os.CopyFS(dir, corpus.Default())
}
