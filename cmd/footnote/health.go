package main

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// healthTimeout bounds one /healthz check.
const healthTimeout = 5 * time.Second

// pinger is what /healthz checks: the shared store, when there is one.
type pinger interface {
	Ping(ctx context.Context) error
}

// healthHandler answers GET /healthz with 200 "ok" when every check
// passes, and 503 with the failing check's one-line error otherwise (the
// store's errors name the server, never the password), so a load balancer
// takes a replica that lost its database out of rotation.
func healthHandler(checks map[string]pinger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		for name, c := range checks {
			if err := c.Ping(ctx); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintf(w, "%s: %v\n", name, err)
				return
			}
		}
		fmt.Fprintln(w, "ok")
	})
}

// withHealth serves /healthz beside h.
func withHealth(h http.Handler, e *engine) http.Handler {
	checks := map[string]pinger{}
	if e.store != nil {
		checks["store"] = e.store
	}
	mux := http.NewServeMux()
	mux.Handle("/healthz", healthHandler(checks))
	mux.Handle("/", h)
	return mux
}
