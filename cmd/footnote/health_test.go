package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"footnote/pgstore"
)

func TestHealthzChecksTheStore(t *testing.T) {
	env := storeEnv(t)
	st, err := pgstore.Open(context.Background(), pgstore.Options{DSN: env["FOOTNOTE_STORE"], Schema: env["FOOTNOTE_STORE_SCHEMA"]})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(withHealth(http.NotFoundHandler(), &engine{store: st}))
	defer srv.Close()
	get := func() (int, string) {
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(); code != http.StatusOK || body != "ok\n" {
		t.Errorf("healthy store: %d %q", code, body)
	}
	st.Close() // the store is gone
	code, body := get()
	if code != http.StatusServiceUnavailable || !strings.HasPrefix(body, "store: ") {
		t.Errorf("closed store: %d %q, want 503 naming the store", code, body)
	}
	if resp, err := http.Get(srv.URL + "/interactions"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("other paths must reach the interactions handler: %v %v", resp, err)
	}
}

func TestHealthzWithoutStore(t *testing.T) {
	rec := httptest.NewRecorder()
	withHealth(http.NotFoundHandler(), &engine{}).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "ok\n" {
		t.Errorf("embedded index: %d %q", rec.Code, rec.Body.String())
	}
}
