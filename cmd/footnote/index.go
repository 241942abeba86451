package main

import (
	"context"
	"fmt"
	"os"
	"time"
)

const indexUsage = `Usage: footnote index [--corpus DIR] [--store postgres://...]

Builds the search index over the corpus and persists it under
FOOTNOTE_INDEX_DIR (default: footnote's folder in the user's cache dir).
Unchanged articles are not embedded again; changed ones are re-embedded.

With --store (or FOOTNOTE_STORE) it syncs the shared PostgreSQL store
instead: only added or changed articles are embedded and written (one
transaction each), removed ones are deleted, and serving processes keep
answering meanwhile. Concurrent indexers of one store wait for each other.
`

func (a *app) cmdIndex(ctx context.Context, args []string) error {
	cfg, _, err := a.setup(a.newCommand("index", indexUsage), args, 0)
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
	fmt.Fprintf(a.stdout, "indexed %s, %s (%d embedded, %d reused) with %s in %s\nindex: %s\n",
		count(st.Articles, "article", "articles"), count(st.Chunks, "chunk", "chunks"), st.Embedded, st.Reused,
		st.EmbedderKey, time.Since(start).Round(time.Millisecond), st.Path)
	return nil
}
