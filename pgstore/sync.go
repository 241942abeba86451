package pgstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"footnote/corpus"
	"footnote/retrieval"
)

// Defaults for [SyncOptions].
const (
	DefaultSyncBatch = 64
	lockPoll         = 250 * time.Millisecond
)

// SyncOptions configures [Store.Sync]. Embedder is required; zero fields
// mean the defaults.
type SyncOptions struct {
	// Embedder embeds the chunks of added and changed articles.
	Embedder retrieval.Embedder
	// Chunking cuts articles into chunks, as for the embedded index.
	Chunking retrieval.ChunkOptions
	// BatchSize is the number of chunks per Embed call; 0 means
	// [DefaultSyncBatch].
	BatchSize int
	// Notice, when set, receives human-readable notices (waiting for
	// another indexer, a rebuild after the embedder changed).
	Notice func(msg string)
	// Progress, when set, is called after each article is read.
	Progress func(SyncStats)
}

// SyncStats counts what [Store.Sync] did.
type SyncStats struct {
	Articles  int // articles in the corpus
	Added     int // articles new to the store
	Changed   int // articles whose content hash changed
	Unchanged int // articles left as they were
	Removed   int // articles deleted because the corpus no longer has them
	Chunks    int // chunks in the store afterwards
	Embedded  int // chunks embedded by this sync
}

// pending is an article waiting for its chunks' vectors.
type pending struct {
	art    corpus.Article
	hash   []byte
	chunks []retrieval.Chunk
	vecs   [][]float32
	isNew  bool
}

// Sync brings the store up to date with articles: it embeds and writes
// only articles whose content hash is new or changed, and deletes articles
// the corpus no longer has (only after the whole corpus was read without
// error). Each article is written in its own transaction, so readers see
// an article whole or not at all and keep answering throughout. A
// session advisory lock keeps concurrent indexers of one schema apart: a
// second one waits for the first, then finds little left to do.
func (s *Store) Sync(ctx context.Context, articles iter.Seq2[corpus.Article, error], opts SyncOptions) (SyncStats, error) {
	var st SyncStats
	if opts.Embedder == nil {
		return st, errors.New("pgstore: sync: no embedder")
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultSyncBatch
	}
	notice := opts.Notice
	if notice == nil {
		notice = func(string) {}
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return st, fmt.Errorf("pgstore: sync: %w", err)
	}
	defer conn.Release()
	unlock, err := s.lock(ctx, conn.Conn(), notice)
	if err != nil {
		return st, err
	}
	defer unlock()

	key := opts.Embedder.Key()
	if err := s.checkEmbedder(ctx, key, notice); err != nil {
		return st, err
	}
	stored, err := s.storedHashes(ctx)
	if err != nil {
		return st, err
	}
	w := &syncer{s: s, opts: opts, key: key, stats: &st}
	seen := map[string]bool{}
	for art, err := range articles {
		if err != nil {
			return st, fmt.Errorf("pgstore: sync: read corpus: %w", err)
		}
		if seen[art.Source] {
			continue
		}
		seen[art.Source] = true
		st.Articles++
		h := retrieval.ArticleHash(art, opts.Chunking)
		old, had := stored[art.Source]
		if had && bytes.Equal(old, h) {
			st.Unchanged++
		} else {
			if err := w.add(ctx, pending{art: art, hash: h, chunks: retrieval.ChunkArticle(art, opts.Chunking), isNew: !had}); err != nil {
				return st, err
			}
		}
		if opts.Progress != nil {
			opts.Progress(st)
		}
	}
	if err := w.flush(ctx); err != nil {
		return st, err
	}
	var gone []string
	for src := range stored {
		if !seen[src] {
			gone = append(gone, src)
		}
	}
	sort.Strings(gone)
	for _, src := range gone {
		if err := s.writeArticle(ctx, src, nil); err != nil {
			return st, err
		}
		st.Removed++
	}
	if err := s.ensureIndex(ctx); err != nil {
		return st, err
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		return st, err
	}
	st.Chunks = stats.Chunks
	return st, nil
}

// lock takes the schema's indexer lock on conn, polling (rather than
// blocking in the server) so the wait can report itself and be cancelled.
func (s *Store) lock(ctx context.Context, conn *pgx.Conn, notice func(string)) (func(), error) {
	key := lockKey(s.name, "sync")
	told := false
	for {
		var ok bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil {
			return nil, fmt.Errorf("pgstore: sync: take the indexer lock: %w", err)
		}
		if ok {
			return func() {
				_, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
			}, nil
		}
		if !told {
			notice("another footnote index is syncing this store; waiting for it to finish")
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("pgstore: sync: waiting for the indexer lock: %w", ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}

// checkEmbedder empties the store when its vectors come from another
// embedder (vectors of two models never mix), as the embedded index
// rebuilds.
func (s *Store) checkEmbedder(ctx context.Context, key string, notice func(string)) error {
	var have string
	if err := s.pool.QueryRow(ctx, `SELECT embedder FROM `+s.schema+`.meta`).Scan(&have); err != nil {
		return fmt.Errorf("pgstore: sync: %w", err)
	}
	if have == "" || have == key {
		return nil
	}
	notice(fmt.Sprintf("the store was built with %s; re-indexing every article with %s", have, key))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `TRUNCATE `+s.schema+`.chunks, `+s.schema+`.articles, `+s.schema+`.terms, `+s.schema+`.spellings;
			DROP INDEX IF EXISTS `+s.schema+`.chunks_embedding;
			ALTER TABLE `+s.schema+`.chunks ALTER COLUMN embedding TYPE vector;
			UPDATE `+s.schema+`.meta SET embedder = '', dim = 0, chunks = 0, terms = 0, generation = generation + 1`)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: sync: reset for the new embedder: %w", err)
	}
	return nil
}

// storedHashes reads each stored article's content hash.
func (s *Store) storedHashes(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.pool.Query(ctx, `SELECT source, hash FROM `+s.schema+`.articles`)
	if err != nil {
		return nil, fmt.Errorf("pgstore: sync: read articles: %w", err)
	}
	out := map[string][]byte{}
	var src string
	var h []byte
	_, err = pgx.ForEachRow(rows, []any{&src, &h}, func() error {
		out[src] = bytes.Clone(h)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: sync: read articles: %w", err)
	}
	return out, nil
}

// syncer batches chunks of several articles into Embed calls and writes
// each article once its vectors are in.
type syncer struct {
	s      *Store
	opts   SyncOptions
	key    string
	stats  *SyncStats
	queue  []pending
	queued int // chunks in queue
	dim    int // the store's vector dimension, once known
}

func (w *syncer) add(ctx context.Context, p pending) error {
	w.queue = append(w.queue, p)
	w.queued += len(p.chunks)
	if w.queued >= w.opts.BatchSize {
		return w.flush(ctx)
	}
	return nil
}

// flush embeds the queued chunks and writes their articles.
func (w *syncer) flush(ctx context.Context) error {
	if len(w.queue) == 0 {
		return nil
	}
	var texts []string
	for _, p := range w.queue {
		for _, c := range p.chunks {
			texts = append(texts, c.Text)
		}
	}
	var vecs [][]float32
	for start := 0; start < len(texts); start += w.opts.BatchSize {
		batch := texts[start:min(start+w.opts.BatchSize, len(texts))]
		got, err := w.opts.Embedder.Embed(ctx, batch)
		if err != nil {
			return fmt.Errorf("pgstore: sync: embed %d chunks: %w", len(batch), err)
		}
		if len(got) != len(batch) {
			return fmt.Errorf("pgstore: sync: embedder returned %d vectors for %d chunks", len(got), len(batch))
		}
		vecs = append(vecs, got...)
	}
	w.stats.Embedded += len(texts)
	i := 0
	for _, p := range w.queue {
		p.vecs = make([][]float32, len(p.chunks))
		for j := range p.chunks {
			v, err := retrieval.UnitVector(vecs[i])
			if err != nil {
				return fmt.Errorf("pgstore: sync: chunk %s: %w", p.chunks[j].ID, err)
			}
			p.vecs[j] = v
			i++
		}
		if err := w.ensureDim(ctx, p.vecs); err != nil {
			return err
		}
		if err := w.s.writeArticle(ctx, p.art.Source, &p); err != nil {
			return err
		}
		if p.isNew {
			w.stats.Added++
		} else {
			w.stats.Changed++
		}
	}
	w.queue, w.queued = w.queue[:0], 0
	return nil
}

// ensureDim types the vector column the first time vectors are written,
// and rejects vectors of another dimension.
func (w *syncer) ensureDim(ctx context.Context, vecs [][]float32) error {
	if len(vecs) == 0 {
		return nil
	}
	if w.dim == 0 {
		dim := len(vecs[0])
		err := pgx.BeginFunc(ctx, w.s.pool, func(tx pgx.Tx) error {
			if err := tx.QueryRow(ctx, `SELECT dim FROM `+w.s.schema+`.meta FOR UPDATE`).Scan(&w.dim); err != nil {
				return err
			}
			if w.dim != 0 {
				return nil
			}
			if dim > 2000 {
				// pgvector's HNSW indexes vectors of up to 2,000 dimensions.
				return fmt.Errorf("vectors have %d dimensions; the HNSW index takes at most 2000 (set OPENAI_EMBEDDING_DIMENSIONS lower)", dim)
			}
			_, err := tx.Exec(ctx, fmt.Sprintf(`ALTER TABLE %[1]s.chunks ALTER COLUMN embedding TYPE vector(%[2]d);
				UPDATE %[1]s.meta SET embedder = $1, dim = %[2]d`, w.s.schema, dim), w.key)
			w.dim = dim
			return err
		})
		if err != nil {
			w.dim = 0
			return fmt.Errorf("pgstore: sync: set up the vector column: %w", err)
		}
	}
	for _, v := range vecs {
		if len(v) != w.dim {
			return fmt.Errorf("pgstore: sync: vector has %d dimensions, store has %d: %w", len(v), w.dim, retrieval.ErrDimensionMismatch)
		}
	}
	return nil
}

// ensureIndex builds the HNSW index once the vectors are in (building it
// over loaded rows is much faster than growing it row by row; afterwards
// PostgreSQL maintains it as articles change). Reads go on meanwhile.
func (s *Store) ensureIndex(ctx context.Context) error {
	var dim int
	if err := s.pool.QueryRow(ctx, `SELECT dim FROM `+s.schema+`.meta`).Scan(&dim); err != nil {
		return fmt.Errorf("pgstore: sync: %w", err)
	}
	if dim == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `CREATE INDEX IF NOT EXISTS chunks_embedding ON `+s.schema+`.chunks USING hnsw (embedding vector_ip_ops)`); err != nil {
		return fmt.Errorf("pgstore: sync: build the HNSW index: %w", err)
	}
	return nil
}

// writeArticle replaces source's chunks with p's (p nil deletes the
// article) and updates the statistics, in one transaction. Inside it the
// stored hash is read again under a row lock, so an article another
// indexer already wrote is left alone.
func (s *Store) writeArticle(ctx context.Context, source string, p *pending) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var old []byte
		err := tx.QueryRow(ctx, `SELECT hash FROM `+s.schema+`.articles WHERE source = $1 FOR UPDATE`, source).Scan(&old)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			old = nil
			if p == nil {
				return nil // already gone
			}
		case err != nil:
			return err
		case p != nil && bytes.Equal(old, p.hash):
			return nil // written meanwhile
		}
		d := newDeltas()
		if old != nil {
			rows, err := tx.Query(ctx, `SELECT body FROM `+s.schema+`.chunks WHERE source = $1`, source)
			if err != nil {
				return err
			}
			var body string
			if _, err := pgx.ForEachRow(rows, []any{&body}, func() error {
				d.add(analyze(body), -1)
				return nil
			}); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM `+s.schema+`.articles WHERE source = $1`, source); err != nil {
				return err
			}
		}
		batch := &pgx.Batch{}
		if p != nil {
			a := p.art
			batch.Queue(`INSERT INTO `+s.schema+`.articles (source, title, date, hash, chunks, size, url) VALUES ($1, $2, nullif($3, '')::date, $4, $5, $6, $7)`,
				a.Source, a.Title, a.Date, p.hash, len(p.chunks), a.Size, a.URL)
			for i, c := range p.chunks {
				an := analyze(c.Text)
				d.add(an, +1)
				var vec any
				if hasDirection(p.vecs[i]) {
					vec = pgvector.NewVector(p.vecs[i])
				}
				batch.Queue(`INSERT INTO `+s.schema+`.chunks (id, source, ord, title, date, body, start_byte, end_byte, embedding, lexemes, n_terms, url)
					VALUES ($1, $2, $3, $4, nullif($5, '')::date, $6, $7, $8, $9, $10::tsvector, $11, $12)`,
					c.ID, c.Source, i, c.Title, c.Date, c.Text, c.Start, c.End, vec, an.tsvector(), len(an.terms), c.URL)
			}
		}
		s.queueDeltas(batch, d)
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return fmt.Errorf("pgstore: sync: write %s: %w", source, err)
	}
	return nil
}

// queueDeltas queues the statistics updates for d.
func (s *Store) queueDeltas(b *pgx.Batch, d *deltas) {
	var terms []string
	var dfs []int
	for t, n := range d.df {
		if n != 0 {
			terms, dfs = append(terms, t), append(dfs, n)
		}
	}
	var words, wterms []string
	var wdfs []int
	for w, n := range d.spell {
		if n != 0 {
			words, wterms, wdfs = append(words, w), append(wterms, d.spellTerm[w]), append(wdfs, n)
		}
	}
	if len(terms) > 0 {
		b.Queue(`INSERT INTO `+s.schema+`.terms AS t (term, df) SELECT * FROM unnest($1::text[], $2::int[])
			ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df`, terms, dfs)
		b.Queue(`DELETE FROM `+s.schema+`.terms WHERE term = ANY($1::text[]) AND df <= 0`, terms)
	}
	if len(words) > 0 {
		b.Queue(`INSERT INTO `+s.schema+`.spellings AS s (word, term, df) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
			ON CONFLICT (word) DO UPDATE SET df = s.df + excluded.df`, words, wterms, wdfs)
		b.Queue(`DELETE FROM `+s.schema+`.spellings WHERE word = ANY($1::text[]) AND df <= 0`, words)
	}
	b.Queue(`UPDATE `+s.schema+`.meta SET chunks = chunks + $1, terms = terms + $2, generation = generation + 1`, d.chunks, d.terms)
}
