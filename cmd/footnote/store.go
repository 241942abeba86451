package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"footnote/bot"
	"footnote/corpus"
	"footnote/llm"
	"footnote/pgstore"
	"footnote/retrieval"
)

// Compile-time checks that the store fits the interfaces it stands in for.
var (
	_ bot.HistoryStore = (*pgstore.History)(nil)
	_ bot.RateLimiter  = (*pgstore.Limits)(nil)
)

// embedderFor returns the configured embedder.
func embedderFor(cfg Config, client *llm.Client) retrieval.Embedder {
	if cfg.Embedder == embedderOpenAI {
		return client.Embedder()
	}
	return retrieval.NewLocalEmbedder(0)
}

// openStore connects to FOOTNOTE_STORE and applies pending migrations.
func openStore(ctx context.Context, cfg Config) (*pgstore.Store, error) {
	return pgstore.Open(ctx, pgstore.Options{
		DSN:              cfg.Store.URL,
		Schema:           cfg.Store.Schema,
		MaxConns:         cfg.Store.MaxConns,
		StatementTimeout: cfg.Store.StatementTimeout,
	})
}

// storeEngine fills e's retriever and sources from the store.
func storeEngine(ctx context.Context, cfg Config, emb retrieval.Embedder, e *engine) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	r, err := st.Retriever(ctx, emb)
	if err != nil {
		st.Close()
		return err
	}
	sources, err := st.Articles(ctx)
	if err != nil {
		st.Close()
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		st.Close()
		return err
	}
	e.store, e.retriever, e.sources = st, r, sources
	e.chunks, e.embedderKey = stats.Chunks, stats.EmbedderKey
	return nil
}

// sharedState points the conversation core's history and rate limits at
// the store, so replicas behave as one bot.
func sharedState(opts *bot.Options, e *engine, cfg Config) {
	if e.store == nil {
		return
	}
	opts.History = e.store.History(pgstore.HistoryOptions{TTL: cfg.Store.HistoryTTL, Keep: max(cfg.Bot.HistoryTurns, 1)})
	opts.Limits = e.store.Limits(cfg.Bot.RatePerMinute, cfg.Bot.Burst)
}

// syncStore is "footnote index" with a store: sync by content hash.
func (a *app) syncStore(ctx context.Context, cfg Config, client *llm.Client) error {
	fsys, _, err := corpusFS(cfg.CorpusDir)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	warn := func(source, msg string) { fmt.Fprintf(a.stderr, "footnote: %s: %s\n", source, msg) }
	var bar *progress
	if a.stderrWidth > 0 {
		if total, err := corpus.Count(fsys); err == nil {
			bar = newProgress(a.stderr, total, a.stderrWidth)
			defer bar.finish()
		}
	}
	emb := embedderFor(cfg, client)
	res, err := st.Sync(ctx, corpus.Articles(ctx, fsys, corpus.WalkOptions{OnWarning: warn}), pgstore.SyncOptions{
		Embedder: emb,
		Notice:   func(msg string) { fmt.Fprintf(a.stderr, "footnote: %s\n", msg) },
		Progress: func(s pgstore.SyncStats) { bar.update(retrieval.Progress{Articles: s.Articles, Embedded: s.Embedded}) },
	})
	if err != nil {
		return err
	}
	printSync(a.stdout, res, emb.Key(), time.Since(start), cfg.Store.Schema)
	return nil
}

// printSync reports a sync.
func printSync(w io.Writer, s pgstore.SyncStats, key string, took time.Duration, schema string) {
	fmt.Fprintf(w, "synced %s: %d added, %d changed, %d unchanged, %d removed; %s (%d embedded) with %s in %s\nstore: schema %s\n",
		count(s.Articles, "article", "articles"), s.Added, s.Changed, s.Unchanged, s.Removed,
		count(s.Chunks, "chunk", "chunks"), s.Embedded, key, took.Round(time.Millisecond), schema)
}

// storeName names where the index lives for logs: the schema of the store
// (never its URL, which may hold a password) or "embedded".
func (e *engine) storeName(cfg Config) string {
	if e.store == nil {
		return "embedded"
	}
	return "postgres schema " + cfg.Store.Schema
}
