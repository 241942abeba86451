package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"footnote/corpus"
	"footnote/eval"
	"footnote/internal/haystack"
	"footnote/neardup"
	"footnote/pgstore"
	"footnote/retrieval"
)

// BenchmarkStoreVsEmbedded builds the embedded index and syncs the store
// over the same synthetic corpus (internal/haystack plus the default
// articles), then answers the same queries from both, in one run. Run it
// once per size: go test -run '^$' -bench 'StoreVsEmbedded/chunks=10000$'
// -benchtime 1x ./pgstore. Reported: build and sync throughput, a re-sync
// of the unchanged corpus, query latency p50/p95 (one at a time, and the
// throughput of 4 at once), and the heap each side holds per chunk.
func BenchmarkStoreVsEmbedded(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			for b.Loop() {
				benchStore(b, n)
			}
		})
	}
}

func benchStore(b *testing.B, chunks int) {
	ctx := context.Background()
	arts := benchCorpus(b, chunks)
	emb := retrieval.NewLocalEmbedder(0)

	heap0 := heapNow()
	t0 := time.Now()
	// Wire-copy collapsing off: the store does not collapse copies, and on
	// the haystack (articles built from shared sentences) it costs the
	// embedded build gigabytes at 100k chunks.
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: emb, Dedupe: neardup.Options{Threshold: 2}}, seq(arts...))
	if err != nil {
		b.Fatal(err)
	}
	build := time.Since(t0)
	ixHeap := heapNow() - heap0
	n := ix.Len()
	progress := func(format string, args ...any) {
		// Straight to stderr: a long run shows how far it got even if stopped.
		fmt.Fprintf(os.Stderr, "chunks=%d: "+format+"\n", append([]any{chunks}, args...)...)
	}
	progress("embedded index: %d chunks in %v", n, build.Round(time.Millisecond))

	s := openStore(b, pgstore.Options{})
	t0 = time.Now()
	st, err := s.Sync(ctx, seq(arts...), pgstore.SyncOptions{Embedder: emb, Progress: func(p pgstore.SyncStats) {
		if p.Articles%1000 == 0 {
			progress("sync: %d articles, %d chunks embedded after %v", p.Articles, p.Embedded, time.Since(t0).Round(time.Second))
		}
	}})
	if err != nil {
		b.Fatal(err)
	}
	syncTime := time.Since(t0)
	progress("store sync: %d chunks in %v", st.Chunks, syncTime.Round(time.Millisecond))
	if st.Chunks != n {
		b.Fatalf("store has %d chunks, index %d", st.Chunks, n)
	}
	t0 = time.Now()
	if _, err := s.Sync(ctx, seq(arts...), pgstore.SyncOptions{Embedder: emb}); err != nil {
		b.Fatal(err)
	}
	resync := time.Since(t0)

	heap1 := heapNow()
	r, err := s.Retriever(ctx, emb)
	if err != nil {
		b.Fatal(err)
	}
	rHeap := heapNow() - heap1

	queries := benchQueries(b)
	same := 0
	for _, q := range queries {
		w, err := ix.Retrieve(ctx, retrieval.Query{Text: q, K: 12})
		if err != nil {
			b.Fatal(err)
		}
		g, err := r.Retrieve(ctx, retrieval.Query{Text: q, K: 12})
		if err != nil {
			b.Fatal(err)
		}
		if slices.Equal(ids(g), ids(w)) {
			same++
		}
	}
	// With HNSW (approximate) on a large store the lists can differ.
	b.ReportMetric(100*float64(same)/float64(len(queries)), "same-top12-%")
	type side struct {
		name string
		ret  interface {
			Retrieve(context.Context, retrieval.Query) ([]retrieval.Passage, error)
		}
	}
	for _, sd := range []side{{"embedded", ix}, {"pg", r}} {
		var lat []time.Duration
		for range 3 {
			for _, q := range queries {
				t := time.Now()
				if _, err := sd.ret.Retrieve(ctx, retrieval.Query{Text: q, K: 12}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
			}
		}
		slices.Sort(lat)
		progress("%s: p50 %v p95 %v", sd.name, lat[len(lat)/2], lat[len(lat)*95/100])
		b.ReportMetric(ms(lat[len(lat)/2]), sd.name+"-p50-ms")
		b.ReportMetric(ms(lat[len(lat)*95/100]), sd.name+"-p95-ms")
		// Throughput with 4 queries in flight.
		t := time.Now()
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(queries)*2; i += 4 {
					if _, err := sd.ret.Retrieve(ctx, retrieval.Query{Text: queries[i%len(queries)], K: 12}); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(len(queries)*2)/time.Since(t).Seconds(), sd.name+"-qps-4way")
	}
	b.ReportMetric(float64(n), "chunks")
	b.ReportMetric(float64(n)/build.Seconds(), "embedded-build-chunks/s")
	b.ReportMetric(float64(n)/syncTime.Seconds(), "pg-sync-chunks/s")
	b.ReportMetric(ms(resync), "pg-resync-unchanged-ms")
	b.ReportMetric(float64(ixHeap)/float64(n), "embedded-heap-B/chunk")
	b.ReportMetric(float64(rHeap)/float64(n), "pg-retriever-heap-B/chunk")
	runtime.KeepAlive(ix)
	runtime.KeepAlive(r)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func heapNow() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// benchCorpus is the default articles plus haystack articles until the
// corpus cuts into about chunks chunks (~470 bytes of text per chunk).
func benchCorpus(b *testing.B, chunks int) []corpus.Article {
	arts := defaultArticles(b)
	docs, err := haystack.Generate(haystack.Options{Seed: 1, Bytes: int64(chunks) * 470})
	if err != nil {
		b.Fatal(err)
	}
	for d := range docs {
		a, err := corpus.Clean(d.Name, []byte(d.Text))
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

// benchQueries are the shared question set's questions.
func benchQueries(b *testing.B) []string {
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	cases, err := eval.Load(f)
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, c := range cases {
		out = append(out, c.Question)
	}
	return out
}
