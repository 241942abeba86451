package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"footnote/pgstore"
)

// Open applies every embedded migration once and records it; opening again
// changes nothing; a store newer than the binary is refused.
func TestMigrations(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	ctx := context.Background()
	for range 2 {
		s, err := pgstore.Open(ctx, pgstore.Options{DSN: dsn, Schema: schema})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	q := pgx.Identifier{schema}.Sanitize()
	rows, err := conn.Query(ctx, `SELECT version::text || ' ' || name FROM `+q+`.schema_version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if want := "1 0001_init.sql,2 0002_url.sql"; strings.Join(got, ",") != want {
		t.Errorf("schema_version = %q, want %q", strings.Join(got, ","), want)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO `+q+`.schema_version (version, name) VALUES (99, '0099_future.sql')`); err != nil {
		t.Fatal(err)
	}
	_, err = pgstore.Open(ctx, pgstore.Options{DSN: dsn, Schema: schema})
	if err == nil || !strings.Contains(err.Error(), "schema version 99") {
		t.Errorf("Open of a newer store: %v, want a refusal naming version 99", err)
	}
}
