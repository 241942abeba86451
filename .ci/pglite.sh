# Sourced by .ci/run: installs PGlite (PostgreSQL 18 compiled to
# WebAssembly, with the real pgvector extension) from npm and starts two
# servers on 127.0.0.1 for the store tests:
#   FOOTNOTE_TEST_POSTGRES            with the vector extension loaded;
#   FOOTNOTE_TEST_POSTGRES_NOVECTOR   without it (the missing-extension test).
# pglite_stop (called from .ci/run's EXIT trap) stops them.
# PGlite runs every connection on one backend, so prepared statements would
# collide between connections: the URLs ask pgx for the simple protocol.

pglite_pids=()
pglite_stop() {
	for pid in "${pglite_pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pglite_pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}

# pglite_free_port prints a TCP port on 127.0.0.1 that nothing listens on.
pglite_free_port() {
	local p
	for p in $(seq 55432 55532); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"; return 0
		fi
	done
	return 1
}

# pglite_start PORT LOG [ARGS...] starts a server and waits until it
# accepts connections (it listens only once the database is ready).
pglite_start() {
	local port=$1 log=$2; shift 2
	(cd .ci/pglite && exec node node_modules/.bin/pglite-server --port "$port" --max-connections 8 "$@") >"$log" 2>&1 &
	pglite_pids+=("$!")
	local pid=$! start; start=$(date +%s)
	until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "pglite-server exited:"; cat "$log"; return 1
		fi
		if (( $(date +%s) - start > 120 )); then
			echo "pglite-server did not start in 120 s:"; cat "$log"; return 1
		fi
		sleep 0.5
	done
	echo "pglite-server on 127.0.0.1:$port ready after $(( $(date +%s) - start )) s"
}

(cd .ci/pglite && npm ci --no-audit --no-fund --loglevel=error)
pglite_log="$(mktemp -d)"
port=$(pglite_free_port)
pglite_start "$port" "$pglite_log/vector.log" -e @electric-sql/pglite-pgvector:vector
export FOOTNOTE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable&default_query_exec_mode=simple_protocol"
port=$(pglite_free_port)
pglite_start "$port" "$pglite_log/novector.log"
export FOOTNOTE_TEST_POSTGRES_NOVECTOR="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable&default_query_exec_mode=simple_protocol"
