package pgstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pgvector/pgvector-go"

	"footnote/retrieval"
)

// DefaultVocabRefresh is how often a Retriever checks whether the store
// changed and reloads its vocabulary.
const DefaultVocabRefresh = 5 * time.Second

// Retriever answers [retrieval.Query]s from the store: it implements
// answer.Retriever. It keeps the vocabulary (terms, document frequencies,
// spellings: what spelling correction and IDF need) in memory and reloads
// it when the store changes; chunks, vectors and postings stay in
// PostgreSQL. It is safe for concurrent use.
type Retriever struct {
	s       *Store
	emb     retrieval.Embedder
	refresh time.Duration
	now     func() time.Time

	mu sync.Mutex
	v  *vocabState
}

// vocabState is one consistent snapshot of the store's statistics.
type vocabState struct {
	voc      *retrieval.Vocabulary
	gen      int64
	chunks   int
	avgLen   float64 // BM25 average document length, 1 when there are no terms
	embedder string
	dim      int
	// oldest and newest are the oldest and newest article dates, for the
	// recency prior (zero when no article is dated).
	oldest, newest time.Time
	checked        time.Time // when gen was last compared with the store
}

// Retriever returns a retriever that embeds queries with emb, which must
// be the embedder the store was synced with. It loads the vocabulary now.
func (s *Store) Retriever(ctx context.Context, emb retrieval.Embedder) (*Retriever, error) {
	r := &Retriever{s: s, emb: emb, refresh: s.refresh, now: time.Now}
	v, err := s.loadVocab(ctx)
	if err != nil {
		return nil, err
	}
	if v.embedder == "" {
		return nil, fmt.Errorf("pgstore: %w: run footnote index with the same store first", ErrEmpty)
	}
	if v.embedder != emb.Key() {
		return nil, fmt.Errorf("pgstore: %w: the store has %s vectors, this process embeds with %s; set the same embedder or re-run footnote index", ErrEmbedderMismatch, v.embedder, emb.Key())
	}
	v.checked = r.now()
	r.v = v
	return r, nil
}

// loadVocab reads the statistics in one read-only snapshot.
func (s *Store) loadVocab(ctx context.Context) (*vocabState, error) {
	v := &vocabState{}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var terms int64
		err := tx.QueryRow(ctx, `SELECT embedder, dim, chunks, terms, generation FROM `+s.schema+`.meta`).
			Scan(&v.embedder, &v.dim, &v.chunks, &terms, &v.gen)
		if err != nil {
			return err
		}
		var oldest, newest *time.Time
		if err := tx.QueryRow(ctx, `SELECT min(date)::timestamp, max(date)::timestamp FROM `+s.schema+`.articles`).Scan(&oldest, &newest); err != nil {
			return err
		}
		if oldest != nil && newest != nil {
			v.oldest, v.newest = oldest.UTC(), newest.UTC()
		}
		v.avgLen = 1
		if v.chunks > 0 && terms > 0 {
			v.avgLen = float64(terms) / float64(v.chunks)
		}
		v.voc = retrieval.NewVocabulary(v.chunks)
		rows, err := tx.Query(ctx, `SELECT term, df FROM `+s.schema+`.terms`)
		if err != nil {
			return err
		}
		var term string
		var df int
		if _, err := pgx.ForEachRow(rows, []any{&term, &df}, func() error {
			v.voc.AddTerm(term, df)
			return nil
		}); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT word, term FROM `+s.schema+`.spellings`)
		if err != nil {
			return err
		}
		var word string
		_, err = pgx.ForEachRow(rows, []any{&word, &term}, func() error {
			v.voc.AddSpelling(word, term)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: load vocabulary: %w", err)
	}
	return v, nil
}

// state returns the current vocabulary, reloading it first when the
// refresh interval has passed and the store's generation moved. A failed
// check keeps the old vocabulary: answers go on, a little stale.
func (r *Retriever) state(ctx context.Context) *vocabState {
	r.mu.Lock()
	v := r.v
	due := r.now().Sub(v.checked) >= r.refresh
	if due {
		v.checked = r.now() // one checker at a time; others use v meanwhile
	}
	r.mu.Unlock()
	if !due {
		return v
	}
	var gen int64
	if err := r.s.pool.QueryRow(ctx, `SELECT generation FROM `+r.s.schema+`.meta`).Scan(&gen); err != nil || gen == v.gen {
		return v
	}
	nv, err := r.s.loadVocab(ctx)
	if err != nil || nv.embedder != r.emb.Key() {
		return v
	}
	nv.checked = r.now()
	r.mu.Lock()
	r.v = nv
	r.mu.Unlock()
	return nv
}

// Terms analyses query as the embedded index does, against the store's
// vocabulary.
func (r *Retriever) Terms(query string) []retrieval.Term {
	r.mu.Lock()
	v := r.v
	r.mu.Unlock()
	return v.voc.Terms(query)
}

// Retrieve returns up to q.K passages for q.Text that pass q's filters,
// best first, ranked like [retrieval.Index.Retrieve]: the nearest vectors
// by inner product of unit vectors (the HNSW index) and BM25 over the
// GIN-indexed terms, both in one statement with the filters in SQL, fused
// by [retrieval.Fuse]. A query cut off by a dropped connection is retried
// once on a fresh one. When the query cannot be embedded (an embeddings
// outage) the passages are BM25's alone and the error wraps
// [retrieval.ErrLexicalOnly].
func (r *Retriever) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, retrieval.ErrEmptyQuery
	}
	if q.K <= 0 {
		return nil, fmt.Errorf("search: k must be positive, got %d", q.K)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	v := r.state(ctx)
	if v.chunks == 0 {
		return nil, nil
	}
	k := min(q.K, v.chunks)
	// Filters apply inside both lists, so a filtered query still gets
	// depth matching chunks from each, as in the embedded index.
	depth := retrieval.CandidateDepth(k, v.chunks)
	qv, err := r.embedQuery(ctx, q.Text, v.dim)
	// An embeddings outage leaves BM25 to answer, as in the embedded index.
	degraded := retrieval.LexicalOnly(ctx, err)
	if err != nil && degraded == nil {
		return nil, err
	}
	st := r.statement(q, v, qv, depth)
	var rows []row
	for attempt := 0; ; attempt++ {
		rows, err = r.query(ctx, st)
		if err == nil || attempt == 1 || !retryable(ctx, err) {
			break
		}
		// A lost connection usually means all of them are (a server
		// restart, a failover): drop the idle ones instead of trying each.
		r.s.pool.Reset()
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: retrieve: %w", err)
	}
	return fuseRows(rows, k, min(q.Recency, 1), v), degraded
}

// embedQuery embeds the query as a unit vector; nil when it has no
// direction (then only BM25 ranks).
func (r *Retriever) embedQuery(ctx context.Context, text string, dim int) ([]float32, error) {
	vecs, err := r.emb.Embed(ctx, []string{text})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vecs) != 1 {
		return nil, fmt.Errorf("embed query: embedder returned %d vectors for 1 text", len(vecs))
	}
	if len(vecs[0]) != dim {
		return nil, fmt.Errorf("embed query: vector has %d dimensions, store has %d: %w", len(vecs[0]), dim, retrieval.ErrDimensionMismatch)
	}
	qv, err := retrieval.UnitVector(vecs[0])
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if !hasDirection(qv) {
		return nil, nil
	}
	return qv, nil
}

// statement is one retrieval query and its arguments.
type statement struct {
	sql  string
	args []any
}

// statement builds the single SQL statement for q: a vector CTE and a
// BM25 CTE (each left out when it cannot match), joined to the chunks they
// name. BM25 is computed with Go's operation order (and the IDFs and
// average length Go computed), so its scores equal the embedded index's.
func (r *Retriever) statement(q retrieval.Query, v *vocabState, qv []float32, depth int) statement {
	var args []any
	arg := func(x any) string {
		args = append(args, x)
		return "$" + strconv.Itoa(len(args))
	}
	var filter strings.Builder
	if len(q.Sources) > 0 {
		fmt.Fprintf(&filter, " AND c.source = ANY(%s::text[])", arg(q.Sources))
	}
	if !q.Since.IsZero() {
		fmt.Fprintf(&filter, " AND c.date >= %s::date", arg(q.Since.UTC().Format(time.DateOnly)))
	}
	if !q.Until.IsZero() {
		fmt.Fprintf(&filter, " AND c.date <= %s::date", arg(q.Until.UTC().Format(time.DateOnly)))
	}
	schema := r.s.schema
	lim := arg(depth)
	var ctes []string
	if qv != nil {
		vp := arg(pgvector.NewVector(qv))
		ctes = append(ctes, `vec AS (SELECT c.id, -(c.embedding <#> `+vp+`) AS score
			FROM `+schema+`.chunks c WHERE c.embedding IS NOT NULL`+filter.String()+`
			ORDER BY c.embedding <#> `+vp+` LIMIT `+lim+`)`)
	} else {
		ctes = append(ctes, `vec AS (SELECT NULL::text AS id, NULL::float8 AS score WHERE false)`)
	}
	stems, idfs := lexicalTerms(v.voc.Terms(q.Text))
	if len(stems) > 0 {
		k1, b := retrieval.DefaultBM25K1, retrieval.DefaultBM25B
		tf := `cardinality(u.positions)::float8`
		ctes = append(ctes, `q AS (SELECT * FROM unnest(`+arg(stems)+`::text[], `+arg(idfs)+`::float8[]) WITH ORDINALITY AS q(term, idf, ord)),
			lex AS (SELECT c.id, sum(q.idf * `+tf+` * `+arg(k1+1)+` / (`+tf+` + `+arg(k1)+` * (`+arg(1-b)+` + `+arg(b)+` * c.n_terms::float8 / `+arg(v.avgLen)+`)) ORDER BY q.ord) AS score
			FROM `+schema+`.chunks c CROSS JOIN LATERAL unnest(c.lexemes) u JOIN q ON q.term = u.lexeme
			WHERE c.lexemes @@ `+arg(tsquery(stems))+`::tsquery`+filter.String()+`
			GROUP BY c.id ORDER BY score DESC, c.id LIMIT `+lim+`)`)
	} else {
		ctes = append(ctes, `lex AS (SELECT NULL::text AS id, NULL::float8 AS score WHERE false)`)
	}
	sql := `WITH ` + strings.Join(ctes, ",\n") + `
		SELECT c.id, c.source, c.title, coalesce(to_char(c.date, 'YYYY-MM-DD'), ''), c.url, c.body, c.start_byte, c.end_byte, vec.score, lex.score
		FROM (SELECT id FROM vec UNION SELECT id FROM lex) ids
		JOIN ` + schema + `.chunks c ON c.id = ids.id
		LEFT JOIN vec ON vec.id = c.id LEFT JOIN lex ON lex.id = c.id`
	return statement{sql: sql, args: args}
}

// lexicalTerms returns the known stems of terms, each once in query
// order, with their IDFs: what BM25 sums over.
func lexicalTerms(terms []retrieval.Term) (stems []string, idfs []float64) {
	for _, t := range terms {
		if t.Known && !slices.Contains(stems, t.Stem) {
			stems = append(stems, t.Stem)
			idfs = append(idfs, t.IDF)
		}
	}
	return stems, idfs
}

// tsquery is the OR of the stems as a tsquery literal (each quoted, so
// no parser normalisation applies).
func tsquery(stems []string) string {
	parts := make([]string, len(stems))
	for i, s := range stems {
		parts[i] = quoteLexeme(s)
	}
	return strings.Join(parts, " | ")
}

// row is one candidate chunk with its list scores (nil when absent).
type row struct {
	chunk           retrieval.Chunk
	vector, lexical *float64
}

// query runs the statement and reads its rows.
func (r *Retriever) query(ctx context.Context, st statement) ([]row, error) {
	rows, err := r.s.pool.Query(ctx, st.sql, st.args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(cr pgx.CollectableRow) (row, error) {
		var x row
		c := &x.chunk
		err := cr.Scan(&c.ID, &c.Source, &c.Title, &c.Date, &c.URL, &c.Text, &c.Start, &c.End, &x.vector, &x.lexical)
		return x, err
	})
}

// fuseRows splits the rows into the two ranked lists, fuses them, adds
// the recency prior and returns the best k passages.
func fuseRows(rows []row, k int, recency float64, v *vocabState) []retrieval.Passage {
	byID := make(map[string]retrieval.Chunk, len(rows))
	var vector, lexical []retrieval.Scored
	for _, x := range rows {
		byID[x.chunk.ID] = x.chunk
		if x.vector != nil {
			vector = append(vector, retrieval.Scored{ID: x.chunk.ID, Score: *x.vector})
		}
		if x.lexical != nil {
			lexical = append(lexical, retrieval.Scored{ID: x.chunk.ID, Score: *x.lexical})
		}
	}
	best := func(a, b retrieval.Scored) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	}
	slices.SortFunc(vector, best)
	slices.SortFunc(lexical, best)
	fused := retrieval.Fuse(vector, lexical)
	if recency > 0 {
		retrieval.PreferRecent(fused, recency, func(id string) string { return byID[id].Date }, v.oldest, v.newest)
	}
	out := make([]retrieval.Passage, 0, min(k, len(fused)))
	for _, f := range fused[:min(k, len(fused))] {
		out = append(out, retrieval.Passage{Chunk: byID[f.ID], Score: f.Score, Vector: f.Vector, Lexical: f.Lexical})
	}
	return out
}

// retryable reports whether err lost the connection rather than being
// refused by the server: a read-only query is then safe to run again.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return false
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// hasDirection reports whether v is non-zero.
func hasDirection(v []float32) bool {
	return slices.ContainsFunc(v, func(x float32) bool { return x != 0 })
}
