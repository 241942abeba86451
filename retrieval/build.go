package retrieval

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"footnote/corpus"
)

// Open builds the index over articles, reusing the vectors stored in
// opts.Dir (when set) for chunks whose text is unchanged and embedding only
// the rest. Articles are streamed, read on a goroutine of their own a few
// dozen ahead of the indexer: each is chunked as it arrives and its
// chunks are embedded in batches of opts.BatchSize, at most
// opts.Concurrency calls at a time. A stored index that cannot be used
// (another embedder, a corrupt file) is rebuilt with a notice. When anything
// changed, the index file is saved atomically.
//
// The article iterator runs on a goroutine of its own; Open returns only
// after it has stopped. An error from the article iterator, the embedder or
// ctx fails Open. When ctx ends it, the articles embedded so far are saved
// first (with a notice), so the next Open resumes instead of starting over.
func Open(ctx context.Context, opts Options, articles iter.Seq2[corpus.Article, error]) (*Index, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	b := newBuilder(ctx, opts)
	defer b.stopSigner()
	if b.path != "" {
		// From loading the file to saving it: see filelock.go.
		unlock, err := lockIndex(ctx, b.path, opts.Notice)
		if err != nil {
			return nil, fmt.Errorf("open index: %w", err)
		}
		defer unlock()
	}
	// Files are read and cleaned while the index file is decoded and the
	// articles before them are indexed.
	articles, stop := prefetch(articles, prefetchDepth)
	defer stop()
	if err := b.loadPrevious(ctx); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := b.addAll(articles); err != nil {
		if interrupted(ctx, err) {
			b.savePartial()
		}
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := b.finish(ctx); err != nil {
		if interrupted(ctx, err) {
			b.savePartial()
		}
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix, err := b.index(ctx)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	return ix, nil
}

// addAll streams the articles into the builder. On error it waits for the
// batches in flight, so no goroutine outlives Open.
func (b *builder) addAll(articles iter.Seq2[corpus.Article, error]) error {
	for a, err := range articles {
		if err == nil {
			err = b.addArticle(a)
		} else {
			err = fmt.Errorf("read articles: %w", err)
		}
		if err != nil {
			b.pool.wait()
			return err
		}
	}
	return nil
}

// withDefaults validates opts and fills in defaults.
func (o Options) withDefaults() (Options, error) {
	switch {
	case o.Embedder == nil:
		return o, errors.New("open index: no embedder")
	case o.Embedder.Key() == "":
		return o, errors.New("open index: embedder has an empty key")
	case o.BatchSize < 0 || o.Concurrency < 0:
		return o, fmt.Errorf("open index: negative batch size (%d) or concurrency (%d)", o.BatchSize, o.Concurrency)
	}
	if o.BatchSize == 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Notice == nil {
		o.Notice = func(string) {}
	}
	return o, nil
}

// articleState is one article of the index being built; its chunks are
// recs[first : first+info.Chunks].
type articleState struct {
	info  ArticleInfo
	hash  []byte
	first int
	// text is the article's text while signing it waits on lexDeferred
	// (an unchanged restart reads the copy table instead).
	text string
}

// builder accumulates the index during Open.
type builder struct {
	opts    Options
	key     string
	path    string
	chunker string // chunkerFingerprint for opts.Chunking
	// localEmbedder: opts.Embedder is the LocalEmbedder, which can embed
	// a chunk from the words BM25 split it into.
	localEmbedder bool
	// chunking is opts.Chunking with defaults applied, so that the zero
	// value and the explicit defaults hash and compare equal.
	chunking ChunkOptions

	prev       *snapshot            // usable stored index, or nil
	prevByText map[string][]float32 // stored vectors by chunk text, built on first need
	wholesale  bool                 // prev's chunks may be reused for unchanged articles
	changed    bool                 // the index differs from the file

	recs []*record
	arts []articleState
	ids  map[string]*record
	srcs map[string]bool
	bm25 *BM25
	pool *embedPool

	// While lexDeferred, every record so far is the stored index's record
	// at the same position (prevRecs), so the stored lexicon may still be
	// decoded instead of analysing them; the first record that breaks the
	// run analyses the ones before it (see addLexical).
	lexDeferred bool
	prevRecs    []*record
	lexDecoded  bool // the lexicon came from the file
	// copiesDecoded reports that the copy table came from the file.
	copiesDecoded bool
	// signer signs and groups the articles' paragraphs for the copy
	// table, started with the first article sent to it; signed counts the
	// articles sent (always a prefix of arts).
	signer *copySigner
	signed int

	mu       sync.Mutex // guards progress and its callback
	progress Progress
}

func newBuilder(ctx context.Context, opts Options) *builder {
	b := &builder{
		opts:     opts,
		key:      opts.Embedder.Key(),
		chunker:  chunkerFingerprint(opts.Chunking),
		chunking: opts.Chunking.withDefaults(),
		ids:      make(map[string]*record),
		srcs:     make(map[string]bool),
		bm25:     NewBM25(),
		changed:  true,
	}
	_, b.localEmbedder = opts.Embedder.(*LocalEmbedder)
	if opts.Dir != "" {
		b.path = indexPath(opts.Dir, b.key)
	}
	b.pool = newEmbedPool(ctx, opts.Embedder, opts.BatchSize, opts.Concurrency, func(n int) {
		b.report(func(p *Progress) { p.Embedded += n })
	})
	return b
}

// loadPrevious loads the stored index for this embedder, explaining with a
// notice why it cannot be used when that is the case. Only ctx ending is
// an error.
func (b *builder) loadPrevious(ctx context.Context) error {
	if b.path == "" {
		return nil
	}
	removeStaleTemps(b.path, time.Now())
	s, err := loadSnapshot(ctx, b.path)
	var corrupt *corruptError
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("load index file: %w", ctx.Err())
	case errors.Is(err, os.ErrNotExist):
		b.noticeOtherEmbedder()
		return nil
	case errors.As(err, &corrupt):
		b.opts.Notice(fmt.Sprintf("index file %s is corrupt (%v): rebuilding", b.path, err))
		return nil
	case err != nil:
		b.opts.Notice(fmt.Sprintf("cannot read index file %s (%v): rebuilding", b.path, err))
		return nil
	case s.header.EmbedderKey != b.key:
		// Only a hash collision of the file name gets here.
		b.opts.Notice(fmt.Sprintf("embedding model changed (%s → %s): rebuilding index", s.header.EmbedderKey, b.key))
		return nil
	}
	b.prev = s
	b.changed = false
	b.wholesale = s.header.Chunker == b.chunker && s.header.Chunking == b.chunking
	if !b.wholesale {
		b.opts.Notice("chunking changed since the index was built: re-chunking all articles (unchanged chunks keep their vectors)")
	}
	if s.header.Version < formatVersion {
		b.changed = true
		b.opts.Notice(fmt.Sprintf("index file %s has format %d: rewriting it in format %d (stored vectors are kept; the search codes and BM25 index are added once)", b.path, s.header.Version, formatVersion))
	}
	if b.wholesale && s.lexicon.Present {
		b.lexDeferred = true
		b.prevRecs = make([]*record, 0, s.chunks)
		for _, st := range s.articles {
			b.prevRecs = append(b.prevRecs, st.recs...)
		}
	}
	return nil
}

// noticeOtherEmbedder tells the user why there is nothing to reuse when the
// directory holds an index built by another embedder (the newest one).
func (b *builder) noticeOtherEmbedder() {
	newest, old := time.Time{}, ""
	others, _ := globIndexes(b.opts.Dir)
	for _, p := range others {
		fi, err := os.Stat(p)
		if err != nil || p == b.path || !fi.ModTime().After(newest) {
			continue
		}
		if h, err := readHeader(p); err == nil && h.EmbedderKey != b.key {
			newest, old = fi.ModTime(), h.EmbedderKey
		}
	}
	if old != "" {
		b.opts.Notice(fmt.Sprintf("embedding model changed (%s → %s): rebuilding index", old, b.key))
	}
}

// addArticle chunks one article, reusing stored chunks or vectors where the
// content is unchanged, and queues the rest for embedding.
func (b *builder) addArticle(a corpus.Article) error {
	if a.Source == "" {
		return errors.New("article without source")
	}
	if b.srcs[a.Source] {
		return fmt.Errorf("article %s appears twice", a.Source)
	}
	b.srcs[a.Source] = true
	hash := articleHash(a, b.chunking)
	recs, reused := b.reuseArticle(a.Source, hash)
	if recs == nil {
		b.changed = true
		recs, reused = b.chunk(a)
	}
	st := articleState{
		info:  ArticleInfo{Source: a.Source, Title: a.Title, Date: a.Date, URL: a.URL, Chunks: len(recs)},
		hash:  hash,
		first: len(b.recs),
	}
	for _, r := range recs {
		if err := b.addRecord(r); err != nil {
			return err
		}
	}
	st.text = a.Text
	b.arts = append(b.arts, st)
	if !b.lexDeferred {
		b.signArticles()
	}
	b.report(func(p *Progress) {
		p.Articles++
		p.Chunks += len(recs)
		p.Reused += reused
	})
	return nil
}

// reuseArticle returns the stored chunks of an unchanged article, or nil.
func (b *builder) reuseArticle(source string, hash []byte) ([]*record, int) {
	if !b.wholesale {
		return nil, 0
	}
	st := b.prev.bySource[source]
	if st == nil || string(st.hash) != string(hash) {
		return nil, 0
	}
	st.used = true
	return st.recs, len(st.recs)
}

// chunk cuts a new or changed article into records, taking stored vectors
// for chunks whose text is unchanged.
func (b *builder) chunk(a corpus.Article) ([]*record, int) {
	chunks := ChunkArticle(a, b.opts.Chunking)
	recs := make([]*record, len(chunks))
	reused := 0
	for i, c := range chunks {
		recs[i] = &record{Chunk: c}
		if v := b.storedVector(c.Text); v != nil {
			recs[i].vec = v
			reused++
		}
	}
	return recs, reused
}

// storedVector returns the stored vector of a chunk with exactly this text,
// or nil.
func (b *builder) storedVector(text string) []float32 {
	if b.prev == nil {
		return nil
	}
	if b.prevByText == nil {
		b.prevByText = make(map[string][]float32, b.prev.chunks)
		for _, st := range b.prev.articles {
			for _, r := range st.recs {
				b.prevByText[r.Text] = r.vec
			}
		}
	}
	return b.prevByText[text]
}

// addRecord registers a chunk with the lexical index and queues it for
// embedding when it has no vector yet.
func (b *builder) addRecord(r *record) error {
	if b.ids[r.ID] != nil {
		return fmt.Errorf("duplicate chunk id %q (articles %s and %s)", r.ID, b.ids[r.ID].Source, r.Source)
	}
	b.ids[r.ID] = r
	b.recs = append(b.recs, r)
	b.addLexical(r)
	if r.vec != nil {
		return nil
	}
	return b.pool.add(r)
}

// addLexical adds the newest record, b.recs[len(b.recs)-1], to BM25, or
// defers it while the records repeat the stored index's.
func (b *builder) addLexical(r *record) {
	n := len(b.recs) - 1
	if b.lexDeferred {
		if n < len(b.prevRecs) && b.prevRecs[n] == r {
			return
		}
		b.analyseDeferred(n)
	}
	words := Words(r.Text)
	b.bm25.addWords(r.ID, words)
	if r.vec == nil && b.localEmbedder {
		r.words = words // for the embedder: see embedPool.embed
	}
}

// analyseDeferred ends deferral: the first n records are analysed and
// the articles so far signed.
func (b *builder) analyseDeferred(n int) {
	b.lexDeferred = false
	b.prevRecs = nil
	for _, p := range b.recs[:n] {
		b.bm25.AddText(p.ID, p.Text)
	}
	b.signArticles()
}

// signArticles sends the articles not sent yet to the signer (see
// copySigner), which signs and groups their paragraphs for the copy
// table on a goroutine of its own.
func (b *builder) signArticles() {
	if b.opts.Dedupe.Threshold > 1 {
		return // wire-copy detection is off
	}
	if b.signer == nil && b.signed < len(b.arts) {
		b.signer = startCopySigner(b.opts.Dedupe)
	}
	for ; b.signed < len(b.arts); b.signed++ {
		b.signer.add(b.arts[b.signed].text)
		b.arts[b.signed].text = ""
	}
}

// stopSigner ends the signer, if one was started.
func (b *builder) stopSigner() {
	if b.signer != nil {
		b.signer.stop()
	}
}

// copies returns the wire-copy table of the index: the stored one when the
// lexicon was decoded (the records are exactly the stored ones), else
// computed.
func (b *builder) copies() map[string]*dupInfo {
	if b.lexDecoded {
		d, err := copiesFromStored(b.prev.lexicon.Copies, b.recs, b.arts, b.opts.Dedupe)
		if err == nil {
			b.copiesDecoded = true
			return d
		}
		b.changed = true // save the table computed below
	}
	if b.opts.Dedupe.Threshold > 1 {
		return nil
	}
	b.signArticles()
	if b.signer == nil {
		return nil // no articles
	}
	return findCopies(b.arts, b.recs, b.signer.wait())
}

// lexicon returns the BM25 index of b.recs: the stored one, decoded, when
// the records are exactly the stored index's, else the one built.
func (b *builder) lexicon() *BM25 {
	if !b.lexDeferred {
		return b.bm25
	}
	if len(b.recs) == len(b.prevRecs) {
		ids := make([]string, len(b.recs))
		for i, r := range b.recs {
			ids[i] = r.ID
		}
		lex, err := bm25FromStored(b.prev.lexicon, ids)
		if err == nil {
			b.lexDecoded = true
			return lex
		}
		b.opts.Notice(fmt.Sprintf("index file %s: cannot use its BM25 index (%v): rebuilding it", b.path, err))
		b.changed = true
	}
	b.analyseDeferred(len(b.recs))
	return b.bm25
}

// report updates the progress and passes a copy to the callback.
func (b *builder) report(update func(p *Progress)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	update(&b.progress)
	if b.opts.Progress != nil {
		b.opts.Progress(b.progress)
	}
}

// finish waits for the embedding and re-embeds reused chunks when the
// embedder's dimension turned out to differ from the stored one.
func (b *builder) finish(ctx context.Context) error {
	if err := b.pool.wait(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.prev == nil {
		return nil
	}
	for _, st := range b.prev.articles {
		if !st.used {
			b.changed = true
		}
	}
	newDim, oldDim := b.pool.dimension(), b.prev.header.Dim
	if newDim == 0 || newDim == oldDim || b.progress.Reused == 0 {
		return nil
	}
	b.opts.Notice(fmt.Sprintf("embedding dimension changed (%d → %d) under the same model key %s: re-embedding all chunks", oldDim, newDim, b.key))
	return b.reembedStale(ctx, newDim)
}

// reembedStale embeds again every chunk whose vector has the wrong dimension.
func (b *builder) reembedStale(ctx context.Context, dim int) error {
	b.pool = newEmbedPool(ctx, b.opts.Embedder, b.opts.BatchSize, b.opts.Concurrency, func(n int) {
		b.report(func(p *Progress) { p.Embedded += n; p.Reused -= n })
	})
	for _, r := range b.recs {
		if len(r.vec) != dim {
			r.vec = nil
			if err := b.pool.add(r); err != nil {
				b.pool.wait()
				return err
			}
		}
	}
	return b.pool.wait()
}

// index assembles the Index, loads the vectors into chromem and saves the
// file when something changed.
func (b *builder) index(ctx context.Context) (*Index, error) {
	dim := 0
	for _, r := range b.recs {
		dim = len(r.vec)
		break
	}
	coll, err := chromem.NewDB().CreateCollection("chunks", nil, nil)
	if err != nil {
		return nil, err
	}
	for _, r := range b.recs {
		if !hasDirection(r.vec) {
			continue // a zero vector has no cosine; only BM25 can find the chunk
		}
		doc := chromem.Document{ID: r.ID, Embedding: r.vec}
		if err := coll.AddDocument(ctx, doc); err != nil {
			return nil, fmt.Errorf("add chunk %s: %w", r.ID, err)
		}
	}
	ix := &Index{
		emb: b.opts.Embedder, dim: dim, coll: coll, bm25: b.lexicon(), chunks: b.ids,
		recs: b.recs, scan: newVecScan(dim, b.recs),
		articles: make([]ArticleInfo, len(b.arts)), first: make([]int, len(b.arts)),
	}
	ix.dups = b.copies()
	ix.lexDecoded, ix.copiesDecoded = b.lexDecoded, b.copiesDecoded
	for i, a := range b.arts {
		ix.articles[i] = a.info
		ix.first[i] = a.first
	}
	ix.oldest, ix.newest = dateRange(ix.articles)
	ix.stats = Stats{
		Chunks: len(b.recs), Articles: len(b.arts),
		Embedded: b.progress.Embedded, Reused: b.progress.Reused,
		Path: b.path, EmbedderKey: b.key, Dim: dim,
	}
	if b.prev != nil {
		ix.stats.Removed = b.prev.chunks - b.reusedStored()
	}
	b.save(ix)
	return ix, nil
}

// reusedStored counts stored chunks carried over, wholesale or by text.
func (b *builder) reusedStored() int {
	n := 0
	for _, st := range b.prev.articles {
		if st.used {
			n += len(st.recs)
		}
	}
	return n
}

// save writes the index file when the index differs from it. A failed save
// is a notice, not an error: the index in memory is complete and usable.
func (b *builder) save(ix *Index) {
	if b.path == "" || !b.changed {
		return
	}
	if err := os.MkdirAll(b.opts.Dir, 0o755); err != nil {
		b.opts.Notice(fmt.Sprintf("cannot save index file %s: %v", b.path, err))
		ix.stats.SaveErr = err
		return
	}
	h := fileHeader{EmbedderKey: b.key, Dim: ix.dim, Chunking: b.chunking, Chunker: b.chunker}
	copies := storeCopies(ix.dups, b.recs, b.arts, b.opts.Dedupe)
	if err := saveSnapshot(b.path, h, b.arts, b.recs, ix.scan, ix.bm25, copies); err != nil {
		b.opts.Notice(fmt.Sprintf("cannot save index file %s: %v", b.path, err))
		ix.stats.SaveErr = err
		return
	}
	ix.stats.Saved = true
}

// hasDirection reports whether v is non-zero.
func hasDirection(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return true
		}
	}
	return false
}
