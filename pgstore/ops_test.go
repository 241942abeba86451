package pgstore_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"footnote/pgstore"
	"footnote/retrieval"
)

func TestMissingVectorExtension(t *testing.T) {
	dsn := os.Getenv("FOOTNOTE_TEST_POSTGRES_NOVECTOR")
	if dsn == "" {
		t.Skip("FOOTNOTE_TEST_POSTGRES_NOVECTOR is not set (a server without pgvector; .ci/run starts one)")
	}
	_, err := pgstore.Open(context.Background(), pgstore.Options{DSN: dsn, Schema: testSchema(t, dsn)})
	if !errors.Is(err, pgstore.ErrNoVector) {
		t.Fatalf("Open on a server without pgvector: got %v, want ErrNoVector", err)
	}
	t.Logf("error: %v", err)
	for _, want := range []string{"pgvector", "apt install postgresql-NN-pgvector", "pgvector/pgvector"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error is not one line: %q", err)
	}
}

// PGlite accepts any password, so the wrong-password case is a server
// that answers the startup as PostgreSQL does for a wrong password.
func TestWrongPassword(t *testing.T) {
	const secret = "s3cret-Passw0rd"
	dsn := authFailServer(t, secret)
	_, err := pgstore.Open(context.Background(), pgstore.Options{DSN: dsn})
	if err == nil {
		t.Fatal("Open with a wrong password succeeded")
	}
	msg := err.Error()
	t.Logf("error: %s", msg)
	if !strings.Contains(msg, "password authentication failed") {
		t.Errorf("error does not say the password was refused: %q", msg)
	}
	if strings.Contains(msg, secret) {
		t.Errorf("error leaks the password: %q", msg)
	}
	if !strings.Contains(msg, "postgres://footnote@127.0.0.1:") {
		t.Errorf("error does not name the server and user: %q", msg)
	}
}

func TestBadDSN(t *testing.T) {
	const secret = "hunter2"
	_, err := pgstore.Open(context.Background(), pgstore.Options{DSN: "postgres://u:" + secret + "@host:notaport/db"})
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("Open with a malformed URL: %v (must fail without quoting it)", err)
	}
}

// A connection cut while a query runs (server restart, network blip) is
// retried once on a fresh connection; when the server stays away the error
// says so.
func TestDroppedConnection(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	p, via := newProxy(t, dsn)
	s := openStore(t, pgstore.Options{DSN: via, Schema: schema})
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(0)
	if _, err := s.Sync(ctx, seq(defaultArticles(t)...), pgstore.SyncOptions{Embedder: emb}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Retriever(ctx, emb)
	if err != nil {
		t.Fatal(err)
	}
	q := retrieval.Query{Text: "Who led Ukraine's delegation?", K: 5}
	want, err := r.Retrieve(ctx, q)
	if err != nil || len(want) == 0 {
		t.Fatalf("Retrieve: %v, %d passages", err, len(want))
	}
	for _, c := range []struct {
		name string
		cut  func()
	}{
		{"mid-query", p.cutNextQuery},
		{"idle connections", p.cut},
	} {
		c.cut()
		got, err := r.Retrieve(ctx, q)
		p.mu.Lock()
		armed := p.armed
		p.mu.Unlock()
		if armed {
			t.Fatalf("%s: no query went through the proxy", c.name)
		}
		if err != nil {
			t.Fatalf("%s: Retrieve after the connection was cut: %v (want a retry on a fresh connection)", c.name, err)
		}
		if ids(got)[0] != ids(want)[0] {
			t.Errorf("%s: after the retry: %v, want %v", c.name, ids(got), ids(want))
		}
	}

	p.ln.Close() // the server is gone for good
	p.cut()
	_, err = r.Retrieve(ctx, q)
	if err == nil {
		t.Fatal("Retrieve with the server gone succeeded")
	}
	t.Logf("error with the server gone: %v", err)
	if !strings.HasPrefix(err.Error(), "pgstore: retrieve: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error is not one clear line: %q", err)
	}
}
