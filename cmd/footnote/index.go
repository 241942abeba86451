package main

import (
	"context"
	"fmt"
	"os"
	"time"
)

const indexUsage = `Usage: footnote index [--json] [--corpus DIR] [--store postgres://...]

Builds the search index over the corpus and persists it under
FOOTNOTE_INDEX_DIR (default: footnote's folder in the user's cache dir),
one index per corpus. Unchanged articles are not embedded again; changed
ones are re-embedded. With --json the summary is one JSON object
({"articles", "chunks", "embedded", "reused", "embedder", "path",
"elapsed_ms"}).

With --store (or FOOTNOTE_STORE) it syncs the shared PostgreSQL store
instead: only added or changed articles are embedded and written (one
transaction each), removed ones are deleted, and serving processes keep
answering meanwhile. Concurrent indexers of one store wait for each other.
`

// jsonIndex is the summary "index --json" writes.
type jsonIndex struct {
	Articles  int    `json:"articles"`
	Chunks    int    `json:"chunks"`
	Embedded  int    `json:"embedded"`
	Reused    int    `json:"reused"`
	Embedder  string `json:"embedder"`
	Path      string `json:"path"`
	ElapsedMs int64  `json:"elapsed_ms"`
}

func (a *app) cmdIndex(ctx context.Context, args []string) error {
	cmd := a.newCommand("index", indexUsage)
	asJSON := cmd.fs.Bool("json", false, "write the summary as one JSON object")
	cfg, _, err := a.setup(cmd, args, 0)
	if err != nil {
		return err
	}
	client, err := newLLM(cfg, a.logger(cfg), a.notice)
	if err != nil {
		return err
	}
	if cfg.Store.URL != "" {
		return a.syncStore(ctx, cfg, client)
	}
	if cfg.IndexDir == "" {
		return fmt.Errorf("no index directory: set FOOTNOTE_INDEX_DIR")
	}
	start := time.Now()
	ix, _, err := a.openIndex(ctx, cfg, client, engineOptions{progress: true, mustSave: true})
	if err != nil {
		return err
	}
	st := ix.Stats()
	// Open reports a failed save as a notice and still answers from memory;
	// for this command, whose purpose is the file, that is a failure, even
	// when an older file is still there.
	if st.SaveErr != nil {
		return fmt.Errorf("index was built but not saved to %s: %w", st.Path, st.SaveErr)
	}
	if _, err := os.Stat(st.Path); err != nil {
		return fmt.Errorf("index was built but not saved to %s", st.Path)
	}
	if *asJSON {
		a.writeJSON(jsonIndex{Articles: st.Articles, Chunks: st.Chunks, Embedded: st.Embedded, Reused: st.Reused,
			Embedder: st.EmbedderKey, Path: st.Path, ElapsedMs: time.Since(start).Milliseconds()})
		return nil
	}
	fmt.Fprintf(a.stdout, "indexed %s, %s (%d embedded, %d reused) with %s in %s\nindex: %s\n",
		count(st.Articles, "article", "articles"), count(st.Chunks, "chunk", "chunks"), st.Embedded, st.Reused,
		st.EmbedderKey, time.Since(start).Round(time.Millisecond), st.Path)
	return nil
}
