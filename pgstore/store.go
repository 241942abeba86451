// Package pgstore keeps footnote's index and conversation state in
// PostgreSQL with pgvector, so many bot processes share one corpus, one
// conversation history and one set of rate limits.
//
// Chunks live in one table with their vector (vector(d), HNSW index) and
// their analysed terms (tsvector, GIN index). [Store.Retrieve] ranks both
// lists in one SQL statement and fuses them with [retrieval.Fuse], so
// answers match the embedded index. [Store.Sync] brings the store up to date
// with a corpus by content hash, one transaction per article, under an
// advisory lock. Schema changes are versioned migrations embedded in the
// binary and applied by [Open].
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"

	"footnote/corpus"
)

// Defaults for zero [Options] fields.
const (
	DefaultSchema           = "footnote"
	DefaultMaxConns         = 8
	DefaultStatementTimeout = 30 * time.Second
	// DefaultEfSearch is hnsw.ef_search: the HNSW candidate list per
	// query, above the deepest list Retrieve asks for at the usual k.
	DefaultEfSearch = 100
)

// ErrNoVector is returned (wrapped) by [Open] when the server lacks the
// pgvector extension or it cannot be created.
var ErrNoVector = errors.New("the PostgreSQL vector extension (pgvector) is missing")

// ErrEmbedderMismatch is returned (wrapped) when the store's vectors were
// made by another embedder than the one given.
var ErrEmbedderMismatch = errors.New("store was built with another embedder")

// ErrEmpty is returned (wrapped) by [Store.Retriever] when nothing has been
// indexed yet.
var ErrEmpty = errors.New("store has no index yet")

// Options configures [Open]. The zero value of every field but DSN means
// the default.
type Options struct {
	// DSN is the postgres:// URL or key=value connection string. Required.
	DSN string
	// Schema holds footnote's tables; "" means [DefaultSchema]. Several
	// corpora can share a database in different schemas.
	Schema string
	// MaxConns caps the pool; 0 means [DefaultMaxConns].
	MaxConns int
	// StatementTimeout bounds every statement; 0 means
	// [DefaultStatementTimeout].
	StatementTimeout time.Duration
	// EfSearch is hnsw.ef_search; 0 means [DefaultEfSearch].
	EfSearch int
	// VocabRefresh is how often a [Retriever] checks whether the store
	// changed and reloads its vocabulary; 0 means [DefaultVocabRefresh].
	VocabRefresh time.Duration
}

func (o Options) withDefaults() (Options, error) {
	if o.DSN == "" {
		return o, errors.New("pgstore: no DSN")
	}
	if o.Schema == "" {
		o.Schema = DefaultSchema
	}
	if o.MaxConns < 0 || o.StatementTimeout < 0 || o.EfSearch < 0 {
		return o, errors.New("pgstore: negative MaxConns, StatementTimeout or EfSearch")
	}
	if o.MaxConns == 0 {
		o.MaxConns = DefaultMaxConns
	}
	if o.StatementTimeout == 0 {
		o.StatementTimeout = DefaultStatementTimeout
	}
	if o.EfSearch == 0 {
		o.EfSearch = DefaultEfSearch
	}
	if o.VocabRefresh <= 0 {
		o.VocabRefresh = DefaultVocabRefresh
	}
	return o, nil
}

// Store is a connection pool to one footnote schema. It is safe for
// concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	schema string // quoted identifier
	name   string // unquoted, for messages
	// vectorVersion is the installed pgvector version ("0.8.0").
	vectorVersion string
	refresh       time.Duration
}

// Open connects, makes sure the vector extension exists, applies pending
// migrations and returns the store. Errors never contain the password.
func Open(ctx context.Context, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(opts.DSN)
	if err != nil {
		// pgx's parse errors can quote the string; never repeat it.
		return nil, errors.New("pgstore: the store URL is not a valid PostgreSQL connection string")
	}
	cfg.MaxConns = int32(opts.MaxConns)
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10)
	cfg.ConnConfig.RuntimeParams["application_name"] = "footnote"
	where := describe(cfg.ConnConfig)
	s := &Store{schema: pgx.Identifier{opts.Schema}.Sanitize(), name: opts.Schema, refresh: opts.VocabRefresh}

	// The extension must exist before pooled connections register its types.
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("pgstore: connect to %s: %w", where, err)
	}
	err = s.prepare(ctx, conn)
	conn.Close(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %w", where, err)
	}
	iterative := versionAtLeast(s.vectorVersion, 0, 8)
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if err := pgxvec.RegisterTypes(ctx, c); err != nil {
			return fmt.Errorf("register vector types: %w", err)
		}
		set := fmt.Sprintf("SET hnsw.ef_search = %d", opts.EfSearch)
		if iterative {
			// Filtered queries keep scanning the graph until they have
			// enough rows, in distance order (pgvector 0.8).
			set += "; SET hnsw.iterative_scan = strict_order"
		}
		_, err := c.Exec(ctx, set)
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: pool for %s: %w", where, err)
	}
	s.pool = pool
	return s, nil
}

// prepare creates the extension and the schema and runs the migrations.
func (s *Store) prepare(ctx context.Context, conn *pgx.Conn) error {
	if err := ensureVector(ctx, conn); err != nil {
		return err
	}
	if err := conn.QueryRow(ctx, `SELECT extversion FROM pg_extension WHERE extname = 'vector'`).Scan(&s.vectorVersion); err != nil {
		return fmt.Errorf("read vector version: %w", err)
	}
	return migrate(ctx, conn, s.schema)
}

// ensureVector creates the vector extension, or explains how to get it.
func ensureVector(ctx context.Context, conn *pgx.Conn) error {
	var installed, available bool
	err := conn.QueryRow(ctx, `SELECT
		EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector'),
		EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')`).Scan(&installed, &available)
	if err != nil {
		return fmt.Errorf("look up the vector extension: %w", err)
	}
	if installed {
		return nil
	}
	if !available {
		return fmt.Errorf("%w: the server does not have it installed; install pgvector on the server "+
			"(Debian/Ubuntu: apt install postgresql-NN-pgvector; Docker: the pgvector/pgvector image; "+
			"managed Postgres: enable the vector extension), then run footnote again", ErrNoVector)
	}
	if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS vector`); err != nil {
		return fmt.Errorf("%w: CREATE EXTENSION vector failed (%v); run it once as a database owner or superuser: CREATE EXTENSION vector;", ErrNoVector, err)
	}
	return nil
}

// Close closes the pool.
func (s *Store) Close() { s.pool.Close() }

// Ping checks that the store answers a query (for /healthz).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("pgstore: ping: %w", err)
	}
	return nil
}

// Stats describes the store's index.
type Stats struct {
	Articles, Chunks int
	// EmbedderKey and Dim are those of the stored vectors ("" and 0 before
	// the first sync).
	EmbedderKey string
	Dim         int
	// Generation counts committed changes.
	Generation int64
}

// Stats reads the index's figures.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.pool.QueryRow(ctx, `SELECT m.embedder, m.dim, m.chunks, m.generation, (SELECT count(*) FROM `+s.schema+`.articles)
		FROM `+s.schema+`.meta m`).Scan(&st.EmbedderKey, &st.Dim, &st.Chunks, &st.Generation, &st.Articles)
	if err != nil {
		return st, fmt.Errorf("pgstore: read stats: %w", err)
	}
	return st, nil
}

// Articles lists the indexed articles' metadata (Text empty) by source,
// as /sources shows them.
func (s *Store) Articles(ctx context.Context) ([]corpus.Article, error) {
	rows, err := s.pool.Query(ctx, `SELECT source, title, coalesce(to_char(date, 'YYYY-MM-DD'), ''), size, url FROM `+s.schema+`.articles ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("pgstore: list articles: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.Article, error) {
		var a corpus.Article
		err := r.Scan(&a.Source, &a.Title, &a.Date, &a.Size, &a.URL)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: list articles: %w", err)
	}
	return out, nil
}

// describe names the server and database for messages, without the
// password.
func describe(c *pgx.ConnConfig) string {
	u := url.URL{Scheme: "postgres", Host: c.Host + ":" + strconv.Itoa(int(c.Port)), Path: "/" + c.Database}
	if c.User != "" {
		u.User = url.User(c.User)
	}
	return u.String()
}

// versionAtLeast reports whether version "X.Y[.Z]" is at least major.minor.
func versionAtLeast(version string, major, minor int) bool {
	var x, y int
	if _, err := fmt.Sscanf(version, "%d.%d", &x, &y); err != nil {
		return false
	}
	return x > major || x == major && y >= minor
}
