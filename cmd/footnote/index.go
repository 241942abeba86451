package main

import (
	"context"

	"fmt"
	"footnote/corpus"
	"footnote/live"
	"footnote/llm"
	"os"
	"time"
)

const indexUsage = `Usage: footnote index [--json] [--watch] [--corpus DIR] [--store postgres://...]

Builds the search index over the corpus and persists it under
FOOTNOTE_INDEX_DIR (default: footnote's folder in the user's cache dir),
one index per corpus. Unchanged articles are not embedded again; changed
ones are re-embedded. With --json the summary is one JSON object
({"articles", "chunks", "embedded", "reused", "embedder", "path",
"elapsed_ms"}). Ctrl-C keeps the articles embedded so far (the next run
resumes from there) and exits 130.

With --watch it then stays running and re-indexes the corpus directory
each time files are added, changed or removed, printing a line per
re-index, until Ctrl-C.

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
	watch := cmd.fs.Bool("watch", false, "keep running and re-index the corpus directory when it changes")
	cfg, _, err := a.setup(cmd, args, 0)
	if err != nil {
		return err
	}
	if *watch && (cfg.CorpusDir == "" || cfg.Store.URL != "") {
		return usageError{"--watch needs a corpus directory (--corpus or FOOTNOTE_CORPUS_DIR) and the embedded index"}
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
	var cache *corpus.Cache
	if *watch {
		cache = corpus.NewCache()
	}
	ix, _, err := a.openIndex(ctx, cfg, client, engineOptions{progress: true, mustSave: true, cache: cache})
	if err != nil && ctx.Err() != nil {
		a.notice("interrupted: run footnote index again to resume from the articles embedded so far")
		return exitErr{exitInterrupted}
	}
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
	fmt.Fprintf(a.stdout, "indexed %s, %s (%d embedded, %d reused) in %s\nembedder: %s\nindex: %s\n",
		count(st.Articles, "article", "articles"), count(st.Chunks, "chunk", "chunks"), st.Embedded, st.Reused,
		time.Since(start).Round(time.Millisecond), st.EmbedderKey, homeRelative(st.Path))
	if *watch {
		return a.indexWatch(ctx, cfg, client, cache)
	}
	return nil
}

// indexWatch re-indexes the corpus directory on every settled change
// until ctx ends (Ctrl-C), printing one line per re-index.
func (a *app) indexWatch(ctx context.Context, cfg Config, client *llm.Client, cache *corpus.Cache) error {
	fmt.Fprintf(a.stdout, "watching %s for changes (Ctrl-C to stop)\n", cfg.CorpusDir)
	return live.Watch(ctx, cfg.CorpusDir, live.WatchOptions{
		Debounce: cfg.News.Debounce,
		Reload: func(ctx context.Context) error {
			start := time.Now()
			ix, _, err := a.openIndex(ctx, cfg, client, engineOptions{mustSave: true, cache: cache})
			if err != nil {
				return err
			}
			st := ix.Stats()
			fmt.Fprintf(a.stdout, "re-indexed %s, %s (%d embedded, %d removed) in %s\n",
				count(st.Articles, "article", "articles"), count(st.Chunks, "chunk", "chunks"), st.Embedded, st.Removed, time.Since(start).Round(time.Millisecond))
			return nil
		},
		OnError: func(err error) { a.notice(oneLine(err.Error())) },
	})
}
