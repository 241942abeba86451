package llm_test

import (
	"context"
	"strings"
	"testing"

	"footnote/corpus"
	"footnote/llm"
	"footnote/retrieval"
)

// openIndex opens the default corpus with the OpenAI embedder of a fresh
// client and server, persisting into dir, as one run of the program does.
func openIndex(t *testing.T, dir string, dims int) (*retrieval.Index, func() (requests, inputs int64)) {
	t.Helper()
	s := newServer(t)
	emb := newClient(t, s, func(c *llm.Config) { c.Dimensions = dims }).Embedder()
	ctx := context.Background()
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: emb, Dir: dir},
		corpus.Articles(ctx, corpus.Default(), corpus.WalkOptions{}))
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	return ix, func() (int64, int64) { return s.EmbeddingRequests(), s.EmbeddedInputs() }
}

func TestPersistedIndexEmbedsOnlyTheQuery(t *testing.T) {
	dir := t.TempDir()

	first, counts := openIndex(t, dir, 0)
	st := first.Stats()
	if _, inputs := counts(); st.Chunks == 0 || inputs != int64(st.Chunks) || !st.Saved {
		t.Fatalf("first open: %d chunks, %d texts embedded, saved=%v; want every chunk embedded once and saved", st.Chunks, inputs, st.Saved)
	}
	if st.EmbedderKey != "openai/text-embedding-3-small" {
		t.Errorf("index key = %q", st.EmbedderKey)
	}

	// A restart: new process, new client, same directory.
	second, counts := openIndex(t, dir, 0)
	if requests, _ := counts(); requests != 0 || second.Stats().Reused != st.Chunks {
		t.Fatalf("restart sent %d embedding requests and reused %d of %d chunks; want 0 and all",
			requests, second.Stats().Reused, st.Chunks)
	}
	passages, err := second.Search(context.Background(), "Who led Ukraine's delegation?", 5)
	if err != nil {
		t.Fatal(err)
	}
	if requests, inputs := counts(); requests != 1 || inputs != 1 {
		t.Errorf("search sent %d requests with %d texts, want exactly the query", requests, inputs)
	}
	if !anyContains(passages, "Umerov") {
		t.Errorf("no passage about Umerov in the top 5")
	}
}

func TestChangedDimensionRebuildsIndex(t *testing.T) {
	dir := t.TempDir()
	first, _ := openIndex(t, dir, 0)

	second, counts := openIndex(t, dir, 32)
	st := second.Stats()
	if _, inputs := counts(); inputs != int64(first.Stats().Chunks) || st.Dim != 32 || st.Reused != 0 {
		t.Errorf("after the dimension changed: embedded %d texts, dim %d, reused %d; want a full rebuild at dim 32",
			inputs, st.Dim, st.Reused)
	}
	if st.EmbedderKey != "openai/text-embedding-3-small/32" {
		t.Errorf("index key = %q", st.EmbedderKey)
	}
}

func anyContains(ps []retrieval.Passage, word string) bool {
	for _, p := range ps {
		if strings.Contains(p.Text, word) {
			return true
		}
	}
	return false
}
