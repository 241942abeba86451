package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"footnote/corpus"
)

// synthCorpus generates news-like articles with a fixed seed: words drawn
// from a Zipf-distributed vocabulary (so BM25 sees realistic document
// frequencies), sentences of 8–24 words, paragraphs of 2–5 sentences.
type synthCorpus struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newSynthCorpus(seed uint64) *synthCorpus {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "an", "el", "is", "or", "ul", "ber", "con", "dra", "gen", "pol", "str", "tek"}
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab[i] = b.String()
	}
	return &synthCorpus{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (s *synthCorpus) word() string { return s.vocab[s.zipf.Uint64()] }

func (s *synthCorpus) sentence() string {
	n := 8 + s.rng.IntN(17)
	words := make([]string, n)
	for i := range words {
		words[i] = s.word()
	}
	words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
	return strings.Join(words, " ") + "."
}

// article returns an article of about size bytes.
func (s *synthCorpus) article(i, size int) corpus.Article {
	title := s.sentence()
	var b strings.Builder
	b.WriteString(title)
	for b.Len() < size {
		b.WriteString("\n\n")
		for j := range 2 + s.rng.IntN(4) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.sentence())
		}
	}
	return corpus.Article{Source: fmt.Sprintf("synth/%06d.txt", i), Title: title, Date: "2025-05-16", Text: b.String(), Size: int64(b.Len())}
}

// articles returns articles of about 5 KB until they hold at least chunks
// chunks (or, with chunks == 0, until they total bytes).
func (s *synthCorpus) articles(chunks, bytes int) []corpus.Article {
	var out []corpus.Article
	nChunks, nBytes := 0, 0
	for (chunks > 0 && nChunks < chunks) || (chunks == 0 && nBytes < bytes) {
		a := s.article(len(out), 5000)
		out = append(out, a)
		nBytes += len(a.Text)
		if chunks > 0 {
			nChunks += len(ChunkArticle(a, ChunkOptions{}))
		}
	}
	return out
}

func sliceSeq(arts []corpus.Article) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// BenchmarkBuildLocal builds an in-memory index over 2 MB of synthetic
// articles with the local embedder; MB/s is article text per second.
func BenchmarkBuildLocal(b *testing.B) {
	arts := newSynthCorpus(1).articles(0, 2<<20)
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	chunks := 0
	cpu := startCPU()
	for b.Loop() {
		ix, err := Open(context.Background(), Options{Embedder: NewLocalEmbedder(0)}, sliceSeq(arts))
		if err != nil {
			b.Fatal(err)
		}
		chunks = ix.Len()
	}
	b.ReportMetric(cpu.msPerOp(b.N), "cpu-ms/op")
	b.ReportMetric(float64(chunks), "chunks")
}

// BenchmarkSearch compares, at 1k to 300k chunks (local embedder, 512
// dimensions, k = 8), in one run:
//   - Hybrid: the full Index.Search (query embedding, the int8 scan with
//     exact re-scoring, BM25 with spelling correction, fusion);
//   - Vector: the vector list alone (Search's depth of 40), and BM25: the
//     lexical list alone;
//   - ChromemOnly: chromem-go's exhaustive QueryEmbedding, the vector
//     search Search used before;
//   - FlatFloat32: a peer exact scan over one contiguous float32 slab split
//     across GOMAXPROCS, four accumulators per loop;
//   - ScalarFloat32: the same on one goroutine with one accumulator;
//   - ReadFloat32 and ReadInt8: reading the float32 vectors (the floor for
//     any exact float32 search) and the int8 codes once.
//
// bytes/chunk is the heap the whole index takes per chunk; cpu-ms/op is the
// process CPU time per op (all goroutines), to read beside ns/op on a
// shared machine. Select sizes with the pattern, e.g.
// -bench 'BenchmarkSearch/chunks=100000/'.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 300_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			src := newSynthCorpus(uint64(n))
			arts := src.articles(n, 0)
			ix, perChunk := buildMeasured(b, arts)
			queries := make([]string, 64)
			for i := range queries {
				queries[i] = src.word() + " " + src.vocab[src.rng.IntN(2000)] + " " + src.vocab[src.rng.IntN(len(src.vocab))]
			}
			ctx := context.Background()
			qvecs := make([][]float32, len(queries))
			for i, q := range queries {
				v, err := ix.embedQuery(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				qvecs[i] = v
			}
			slab, dim := vectorSlab(ix)
			const k = 8
			depth := max(3*k, minCandidates)
			run := func(name string, op func(i int)) {
				b.Run(name, func(b *testing.B) {
					cpu := startCPU()
					i := 0
					for b.Loop() {
						op(i % len(queries))
						i++
					}
					b.ReportMetric(cpu.msPerOp(b.N), "cpu-ms/op")
					b.ReportMetric(perChunk, "bytes/chunk")
				})
			}
			run("Hybrid", func(i int) {
				if _, err := ix.Search(ctx, queries[i], k); err != nil {
					b.Fatal(err)
				}
			})
			fallbacks := ix.scan.fallbacks.Load()
			run("Vector", func(i int) { ix.scan.search(qvecs[i], depth, nil) })
			run("BM25", func(i int) { ix.lexicalHits(queries[i], depth, nil) })
			run("ChromemOnly", func(i int) {
				if _, err := ix.coll.QueryEmbedding(ctx, qvecs[i], k, nil, nil); err != nil {
					b.Fatal(err)
				}
			})
			run("FlatFloat32", func(i int) { flatTopK(slab, dim, qvecs[i], depth) })
			run("ScalarFloat32", func(i int) { scanTopK(slab, dim, qvecs[i], k) })
			words := unsafe.Slice((*uint64)(unsafe.Pointer(&slab[0])), len(slab)/2)
			var sink uint64
			run("ReadFloat32", func(int) { sink ^= xorAll(words) })
			codes := unsafe.Slice((*uint64)(unsafe.Pointer(&ix.scan.codes[0])), len(ix.scan.codes)/8)
			run("ReadInt8", func(int) { sink ^= xorAll(codes) })
			if sink == 1 {
				b.Log("unlikely") // keeps sink alive
			}
			b.Logf("%d chunks: %d of the Hybrid searches fell back to the exact scan", ix.Len(), fallbacks)
		})
	}
}

// cpuClock measures the process's CPU time (user + system, all threads).
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

func (c cpuClock) msPerOp(n int) float64 {
	return float64(processCPU()-c.start) / float64(time.Millisecond) / float64(max(1, n))
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// flatTopK is the float32 peer of the int8 scan: the k rows of slab most
// similar to q, by an exact scan split across GOMAXPROCS with four
// accumulators per loop and a fixed-size heap per goroutine.
func flatTopK(slab []float32, dim int, q []float32, k int) []scored {
	n := len(slab) / dim
	parts := make([][]scored, workers(n))
	splitRows(n, len(parts), func(w, lo, hi int) {
		h := topHeap[scored]{items: make([]scored, 0, k)}
		for i := lo; i < hi; i++ {
			row := slab[i*dim : (i+1)*dim : (i+1)*dim]
			row = row[:len(q)]
			var s0, s1, s2, s3 float32
			j := 0
			for ; j+4 <= len(q); j += 4 {
				s0 += q[j] * row[j]
				s1 += q[j+1] * row[j+1]
				s2 += q[j+2] * row[j+2]
				s3 += q[j+3] * row[j+3]
			}
			for ; j < len(q); j++ {
				s0 += q[j] * row[j]
			}
			h.offer(scored{score: s0 + s1 + s2 + s3, row: int32(i)})
		}
		parts[w] = h.items
	})
	out := slices.Concat(parts...)
	slices.SortFunc(out, cmpBetter)
	return out[:min(k, len(out))]
}

// buildMeasured builds an in-memory index and returns it with the heap it
// added per chunk.
func buildMeasured(b *testing.B, arts []corpus.Article) (*Index, float64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix, err := Open(context.Background(), Options{Embedder: NewLocalEmbedder(0)}, sliceSeq(arts))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ix)
	return ix, float64(after.HeapAlloc-before.HeapAlloc) / float64(ix.Len())
}

// vectorSlab copies the index's vectors into one contiguous slice.
func vectorSlab(ix *Index) ([]float32, int) {
	slab := make([]float32, 0, ix.Len()*ix.dim)
	for _, r := range ix.recs {
		slab = append(slab, r.vec...)
	}
	return slab, ix.dim
}

// scanTopK returns the indexes of the k rows of slab most similar to q.
func scanTopK(slab []float32, dim int, q []float32, k int) []int {
	type scored struct {
		i int
		s float32
	}
	top := make([]scored, 0, k+1)
	for i := 0; i*dim < len(slab); i++ {
		row := slab[i*dim : (i+1)*dim]
		var s float32
		for j, x := range q {
			s += x * row[j]
		}
		if len(top) == k && s <= top[k-1].s {
			continue
		}
		top = append(top, scored{i, s})
		slices.SortFunc(top, func(a, b scored) int { return cmp.Compare(b.s, a.s) })
		top = top[:min(len(top), k)]
	}
	out := make([]int, len(top))
	for i, t := range top {
		out[i] = t.i
	}
	return out
}

// BenchmarkReopen10MB measures a restart over an unchanged 10 MB corpus:
// loading the index file (vectors, int8 codes, BM25 postings and the
// wire-copy table decoded) and filling chromem's collection. Nothing is
// embedded, analysed or quantised.
func BenchmarkReopen10MB(b *testing.B) {
	arts := newSynthCorpus(3).articles(0, 10<<20)
	dir := b.TempDir()
	opts := Options{Embedder: NewLocalEmbedder(0), Dir: dir}
	first, err := Open(context.Background(), opts, sliceSeq(arts))
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	cpu := startCPU()
	for b.Loop() {
		ix, err := Open(context.Background(), opts, sliceSeq(arts))
		if err != nil {
			b.Fatal(err)
		}
		if st := ix.Stats(); st.Embedded != 0 || st.Saved {
			b.Fatalf("reopen embedded %d chunks (saved %v)", st.Embedded, st.Saved)
		}
	}
	b.ReportMetric(cpu.msPerOp(b.N), "cpu-ms/op")
	b.ReportMetric(float64(first.Len()), "chunks")
}
