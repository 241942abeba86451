package main

import (
	"context"
	"errors"
	"fmt"

	"log/slog"
	"sync"
	"time"

	"footnote/corpus"
	"footnote/feeds"
	"footnote/live"
	"footnote/llm"
	"footnote/retrieval"
)

// liveIndex serves ix through a live index and returns it with the
// function that rebuilds it from the corpus directory: only added or
// changed files are read again (cache) and only their chunks embedded
// (the index file keeps the others' vectors). When the corpus is left
// empty the live index becomes empty too, so a deleted file is never cited
// again.
func (a *app) liveIndex(cfg Config, client *llm.Client, ix *retrieval.Index, cache *corpus.Cache) (*live.Index, reloadFunc) {
	li := live.NewIndex(ix)
	reload := func(ctx context.Context) (retrieval.Stats, []corpus.Article, error) {
		next, sources, err := a.openIndex(ctx, cfg, client, engineOptions{cache: cache})
		if errors.Is(err, corpus.ErrEmpty) {
			next, err = retrieval.Open(ctx, retrieval.Options{Embedder: embedderFor(cfg, client)}, func(func(corpus.Article, error) bool) {})
		}
		if err != nil {
			return retrieval.Stats{}, nil, err
		}
		li.Swap(next)
		return next.Stats(), sources, nil
	}
	return li, reload
}

// reloadFunc rebuilds a live index, returning its figures and the
// articles' metadata.
type reloadFunc func(ctx context.Context) (retrieval.Stats, []corpus.Article, error)

// startNews starts watching the corpus directory (when eng's index is
// live; setSources, when set, then receives the new article list after
// each re-index) and, with feeds, polling FOOTNOTE_FEEDS. The returned
// function stops both and waits for them.
func (a *app) startNews(ctx context.Context, cfg Config, eng *engine, logger *slog.Logger, feeds bool, setSources func([]corpus.Article)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { a.watchCorpus(ctx, cfg, eng, logger, setSources) })
	if feeds && len(cfg.News.Feeds) > 0 {
		wg.Go(func() { a.pollFeeds(ctx, cfg, logger) })
	}
	return func() {
		cancel()
		wg.Wait()
	}
}

// watchCorpus re-indexes eng's live index whenever the corpus directory
// changes, until ctx ends. It does nothing for an index that is not live.
func (a *app) watchCorpus(ctx context.Context, cfg Config, eng *engine, logger *slog.Logger, setSources func([]corpus.Article)) {
	if eng.reload == nil {
		return
	}
	err := live.Watch(ctx, cfg.CorpusDir, live.WatchOptions{
		Debounce: cfg.News.Debounce,
		Reload: func(ctx context.Context) error {
			start := time.Now()
			st, sources, err := eng.reload(ctx)
			if err != nil {
				return fmt.Errorf("re-index %s: %w", cfg.CorpusDir, err)
			}
			if setSources != nil {
				setSources(sources)
			}
			logger.Info("corpus re-indexed", "articles", st.Articles, "chunks", st.Chunks, "embedded", st.Embedded, "removed", st.Removed, "took", time.Since(start).Round(time.Millisecond))
			return nil
		},
		OnError: func(err error) { logger.Warn("live corpus", "err", err) },
	})
	if err != nil {
		logger.Warn("the corpus directory is not watched; restart to pick up new files", "err", err)
	}
}

const fetchUsage = `Usage: footnote fetch [--corpus DIR] FEED_URL...

Reads each RSS or Atom feed and saves its new items into the corpus
directory (--corpus or FOOTNOTE_CORPUS_DIR): each item's page is fetched
(20 s timeout, 4 MiB cap, one request per host per second, an identifying
User-Agent), its article text extracted, and written as
DATE_TITLE.txt with its title, date and URL in front matter. Items saved
before (by GUID or URL, recorded in the directory's hidden
.footnote-feeds-seen file) are skipped, so running it again fetches only
what is new. "footnote serve" polls FOOTNOTE_FEEDS the same way every
FOOTNOTE_FEED_INTERVAL.
`

func (a *app) cmdFetch(ctx context.Context, args []string) error {
	cfg, urls, err := a.setup(a.newCommand("fetch", fetchUsage), args, -1)
	if err != nil {
		return err
	}
	if len(urls) == 0 {
		urls = cfg.News.Feeds
	}
	if len(urls) == 0 {
		return usageError{"no feed URL given (and FOOTNOTE_FEEDS is empty)"}
	}
	if cfg.CorpusDir == "" {
		return usageError{"no corpus directory to save into: give --corpus DIR or set FOOTNOTE_CORPUS_DIR"}
	}
	for _, u := range urls {
		if err := feeds.CheckURL(u); err != nil {
			return usageError{fmt.Sprintf("feed URL %q %v", u, err)}
		}
	}
	f, err := feeds.New(feeds.Options{Dir: cfg.CorpusDir, OnWarning: func(u, msg string) { a.notice(fmt.Sprintf("%s: %s", u, msg)) }})
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := f.FetchAll(ctx, urls)
	for _, name := range res.Saved {
		fmt.Fprintf(a.stdout, "saved %s\n", name)
	}
	took := time.Since(start)
	fmt.Fprintf(a.stdout, "%s read: %s, %d saved, %d already saved, %d failed in %s\n",
		count(res.Feeds, "feed", "feeds"), count(res.Items, "item", "items"), len(res.Saved), res.Seen, res.Failed, took.Round(time.Millisecond))
	if err != nil {
		return err
	}
	for _, e := range res.FeedErr {
		a.notice(oneLine(e.Error()))
	}
	if len(res.FeedErr) > 0 {
		return exitErr{exitError}
	}
	return nil
}

// pollFeeds fetches cfg.News.Feeds into the corpus directory now and every
// FeedInterval until ctx ends; the corpus watcher then indexes the new
// files.
func (a *app) pollFeeds(ctx context.Context, cfg Config, logger *slog.Logger) {
	f, err := feeds.New(feeds.Options{Dir: cfg.CorpusDir, OnWarning: func(u, msg string) { logger.Warn("feed item skipped", "url", u, "why", msg) }})
	if err != nil {
		logger.Error("feeds are not polled", "err", err)
		return
	}
	for {
		res, err := f.FetchAll(ctx, cfg.News.Feeds)
		if err != nil {
			return // ctx ended
		}
		for _, e := range res.FeedErr {
			logger.Warn("feed not read", "err", e)
		}
		logger.Info("feeds polled", "feeds", res.Feeds, "items", res.Items, "saved", len(res.Saved), "seen", res.Seen, "failed", res.Failed)
		select {
		case <-ctx.Done():
			return
		case <-time.After(cfg.News.FeedInterval):
		}
	}
}
