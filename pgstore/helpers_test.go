package pgstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"footnote/corpus"
	"footnote/pgstore"
)

// testDSN returns the test server's URL or skips the test.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("FOOTNOTE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("FOOTNOTE_TEST_POSTGRES is not set (a postgres:// URL of a server with pgvector; .ci/run starts one)")
	}
	return dsn
}

// testSchema returns a fresh schema name, dropped when the test ends.
func testSchema(t testing.TB, dsn string) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "t_" + strings.ToLower(strings.NewReplacer("/", "_", " ", "_", "-", "_").Replace(t.Name()))
	if len(name) > 40 {
		name = name[:40]
	}
	name += "_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Logf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+pgx.Identifier{name}.Sanitize()+` CASCADE`); err != nil {
			t.Logf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// openStore opens a store in a fresh schema of the test server.
func openStore(t testing.TB, opts pgstore.Options) *pgstore.Store {
	t.Helper()
	if opts.DSN == "" {
		opts.DSN = testDSN(t)
	}
	if opts.Schema == "" {
		opts.Schema = testSchema(t, opts.DSN)
	}
	s, err := pgstore.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// seq yields articles as a corpus walk does.
func seq(arts ...corpus.Article) func(func(corpus.Article, error) bool) {
	return func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// defaultArticles loads the embedded corpus.
func defaultArticles(t testing.TB) []corpus.Article {
	t.Helper()
	arts, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}
