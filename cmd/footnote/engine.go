package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/answer/generative"
	"footnote/corpus"
	"footnote/llm"
	"footnote/neardup"
	"footnote/pgstore"
	"footnote/retrieval"
)

// Compile-time checks that the concrete types fit the engine's interfaces.
var (
	_ answer.Retriever     = (*retrieval.Index)(nil)
	_ answer.Retriever     = (*pgstore.Retriever)(nil)
	_ retrieval.Embedder   = (*llm.Embedder)(nil)
	_ generative.ChatModel = (*llm.Client)(nil)
)

// engine is everything a command needs to answer questions.
type engine struct {
	// retriever is the embedded index or the store's retriever.
	retriever answer.Retriever
	// chunks and embedderKey describe the index for the start-up log.
	chunks      int
	embedderKey string
	// store is the shared PostgreSQL store, nil for the embedded index.
	store    *pgstore.Store
	answerer answer.Answerer
	// sources is the articles' metadata (Text empty) for /sources.
	sources []corpus.Article
	// mode is what answers report: extractive or generative.
	mode string
	// reload rebuilds the live index from the corpus directory; nil when
	// the index is not live.
	reload reloadFunc
}

// engineOptions are per-command choices on top of Config.
type engineOptions struct {
	// progress draws a progress bar on stderr while indexing.
	progress bool
	// mustSave makes an unusable index directory an error (footnote
	// index) instead of a notice.
	mustSave bool
	// watch serves a live index that [engine.reload] rebuilds when the
	// corpus directory changes (serve and chat).
	watch bool
	// cache, when set, lets the corpus walk reuse unchanged articles.
	cache *corpus.Cache
}

// corpusFS returns the corpus to read: the embedded default, or dir.
func corpusFS(dir string) (fs.FS, string, error) {
	if dir == "" {
		return corpus.Default(), "embedded corpus", nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, "", fmt.Errorf("corpus directory %s: %w", dir, unwrapPath(err))
	}
	if !fi.IsDir() {
		return nil, "", fmt.Errorf("corpus directory %s: not a directory", dir)
	}
	return os.DirFS(dir), dir, nil
}

// corpusLabel names a corpus for messages.
func corpusLabel(dir string) string {
	if dir == "" {
		return "the built-in articles"
	}
	return dir
}

// newLLM returns the OpenAI-compatible client, or nil when none is configured.
func newLLM(cfg Config, logger *slog.Logger, say func(string)) (*llm.Client, error) {
	if !cfg.OpenAI.Configured() {
		return nil, nil
	}
	c, err := llm.New(llm.Config{
		APIKey:         cfg.OpenAI.APIKey,
		BaseURL:        cfg.OpenAI.BaseURL,
		ChatModel:      cfg.OpenAI.ChatModel,
		EmbeddingModel: cfg.OpenAI.EmbeddingModel,
		Dimensions:     cfg.OpenAI.Dimensions,
		Timeout:        cfg.OpenAI.Timeout,
		MaxRetries:     cfg.OpenAI.MaxRetries,
		MaxTokens:      cfg.OpenAI.MaxTokens,
		MaxReplyBytes:  cfg.OpenAI.MaxReplyBytes,
		OnBreakerOpen:  breakerNotice(cfg, say),
		OnRetry: func(e llm.RetryEvent) {
			// llm errors are key-safe by construction.
			logger.Warn("llm retry", "op", e.Op, "attempt", e.Attempt, "wait", e.Wait, "err", e.Err)
		},
	})
	if err != nil {
		return nil, fmt.Errorf("openai client: %w", err)
	}
	return c, nil
}

// openIndex loads (or builds and persists) the index over the corpus and
// returns it with the articles' metadata.
func (a *app) openIndex(ctx context.Context, cfg Config, client *llm.Client, opts engineOptions) (*retrieval.Index, []corpus.Article, error) {
	fsys, _, err := corpusFS(cfg.CorpusDir)
	if err != nil {
		return nil, nil, err
	}
	emb := embedderFor(cfg, client)
	var bar *progress
	if opts.progress && a.stderrWidth > 0 {
		total, err := corpus.Count(fsys)
		if err == nil {
			bar = newProgress(a.stderr, total, a.stderrWidth)
			defer bar.finish()
		}
	}
	notice := func(msg string) { fmt.Fprintf(a.stderr, "footnote: %s\n", msg) }
	dir := ""
	if cfg.IndexDir != "" {
		d, fresh, err := prepareIndexDir(cfg.IndexDir, cfg.CorpusDir, time.Now(), notice)
		switch {
		case err != nil && opts.mustSave:
			return nil, nil, err
		case err != nil:
			notice(oneLine(err.Error()) + ": answering without saving the index")
		case fresh:
			dir = d
			notice(fmt.Sprintf("no index yet for %s: building it", corpusLabel(cfg.CorpusDir)))
		default:
			dir = d
		}
	}
	var sources []corpus.Article
	warn := func(source, msg string) { fmt.Fprintf(a.stderr, "footnote: %s: %s\n", source, msg) }
	articles := collectMeta(corpus.Articles(ctx, fsys, corpus.WalkOptions{OnWarning: warn, Cache: opts.cache}), &sources)
	ix, err := retrieval.Open(ctx, retrieval.Options{
		Embedder: emb,
		Dir:      dir,
		Dedupe:   neardup.Options{Threshold: cfg.News.DedupeThreshold},
		Progress: bar.update,
		Notice:   notice,
	}, articles)
	switch {
	case errors.Is(err, llm.ErrUnavailable) || errors.Is(err, llm.ErrTimeout) || errors.Is(err, llm.ErrUnauthorized):
		return nil, nil, fmt.Errorf("%w (LLM server %s)", err, llmWhere(cfg))
	case err != nil:
		return nil, nil, err // retrieval.Open names what failed
	}
	return ix, sources, nil
}

// collectMeta passes articles through while appending their metadata
// (without the text) to *dst, so the corpus is read once.
func collectMeta(seq iter.Seq2[corpus.Article, error], dst *[]corpus.Article) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for art, err := range seq {
			if err == nil {
				meta := art
				meta.Text = ""
				*dst = append(*dst, meta)
			}
			if !yield(art, err) {
				return
			}
		}
	}
}

// newEngine builds the index and the configured answerer.
func (a *app) newEngine(ctx context.Context, cfg Config, opts engineOptions) (*engine, error) {
	client, err := newLLM(cfg, a.logger(cfg), a.notice)
	if err != nil {
		return nil, err
	}
	e := &engine{mode: answer.ModeExtractive}
	if cfg.Store.URL != "" {
		if err := storeEngine(ctx, cfg, embedderFor(cfg, client), e); err != nil {
			return nil, err
		}
	} else {
		if opts.watch && cfg.CorpusDir != "" && cfg.News.Watch {
			if cfg.IndexDir == "" && cfg.Embedder == embedderOpenAI {
				// Without the index file every change would embed the whole corpus again.
				a.notice("not watching the corpus directory: FOOTNOTE_INDEX_DIR is empty, so each change would re-embed every article")
			} else {
				opts.cache = corpus.NewCache()
			}
		}
		ix, sources, err := a.openIndex(ctx, cfg, client, opts)
		if err != nil {
			return nil, err
		}
		e.retriever, e.sources, e.chunks, e.embedderKey = ix, sources, ix.Len(), ix.Stats().EmbedderKey
		if opts.cache != nil {
			e.retriever, e.reload = a.liveIndex(cfg, client, ix, opts.cache)
		}
	}
	// Through an embeddings outage both engines answer from BM25 alone
	// and say so.
	lex := answer.NewLexicalFallback(e.retriever)
	offline := extractive.New(lex.Retriever(), extractive.Options{MaxQuestionRunes: cfg.Bot.MaxQuestionRunes})
	e.answerer = lex.Answerer(offline)
	if cfg.Generative {
		rejected := new(atomic.Bool)
		chat := keyWatch{next: client, rejected: rejected}
		gen := generative.New(lex.Retriever(), chat, offline, generative.Options{MaxQuestionRunes: cfg.Bot.MaxQuestionRunes, Unsupported: cfg.Unsupported})
		e.answerer = keyCheck{next: lex.Answerer(gen), rejected: rejected, where: llmWhere(cfg)}
		e.mode = answer.ModeGenerative
	}
	return e, nil
}

// notice prints a one-line notice on stderr.
func (a *app) notice(msg string) { fmt.Fprintf(a.stderr, "footnote: %s\n", msg) }

// config loads the settings for a command, and warns once about
// variables that look like settings but are none.
func (a *app) config() (Config, error) {
	if a.envErr != nil {
		return Config{}, a.envErr
	}
	cfg, err := loadConfig(a.lookup)
	if err != nil {
		return Config{}, err
	}
	if a.settingNames != nil {
		for _, n := range unknownSettings(a.settingNames()) {
			a.notice(fmt.Sprintf("unknown setting %s is ignored (a typo? see .env.example)", n))
		}
	}
	return cfg, nil
}

// logger returns the structured logger for stderr at the configured level.
func (a *app) logger(cfg Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // validated in loadConfig
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
}
