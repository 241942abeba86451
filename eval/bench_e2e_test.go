package eval_test

import (
	"context"
	"io/fs"
	"os"
	"slices"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
	"footnote/eval"
	"footnote/internal/haystack"
)

// BenchmarkAnswerE2E measures the offline product end to end, question →
// answer with the extractive engine (query analysis, hybrid retrieval,
// sentence scoring, citations), over the five default articles and over
// the five buried in a 10 MB haystack. One op is one question of the
// shared set, taken in turn; p50-ms and p95-ms are over every question
// answered during the run; cpu-ms/op is the process's CPU time (user +
// system, all goroutines) per question, which a loaded machine inflates
// far less than wall time. When the run asks the set more than once,
// first-p50-ms and first-cpu-ms/op cover the first pass (nothing analysed
// yet, and the NER model still loading in the background for the first
// question) and again-cpu-ms/op the passes after it (the engine's
// per-chunk analyses and match memos warm).
func BenchmarkAnswerE2E(b *testing.B) {
	cases := loadSharedSet(b)
	corpora := []struct {
		name string
		fsys func(b *testing.B) fs.FS
	}{
		{"articles=5", func(*testing.B) fs.FS { return corpus.Default() }},
		{"haystack=10MB", func(b *testing.B) fs.FS {
			m, _, err := haystack.MapFS(corpus.Default(), haystack.Options{Seed: 1, Bytes: 10 << 20})
			if err != nil {
				b.Fatal(err)
			}
			return m
		}},
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			ix := openIndex(b, c.fsys(b), "")
			e := extractive.New(ix, extractive.Options{})
			ctx := context.Background()
			var lat []time.Duration
			b.ResetTimer()
			cpu0 := processCPU()
			cpu1 := cpu0 // after the first pass over the set
			for i := 0; b.Loop(); i++ {
				q := cases[i%len(cases)]
				start := time.Now()
				if _, err := e.Answer(ctx, answer.Request{Question: q.Question, History: answer.QuestionTurns(q.History)}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				if i == len(cases)-1 {
					cpu1 = processCPU()
				}
			}
			cpuEnd := processCPU()
			ms := func(d time.Duration, n int) float64 {
				return float64(d) / float64(time.Millisecond) / float64(max(1, n))
			}
			b.ReportMetric(ms(cpuEnd-cpu0, b.N), "cpu-ms/op")
			if first := min(len(cases), b.N); first < b.N {
				b.ReportMetric(percentileMs(lat[:first], 50), "first-p50-ms")
				b.ReportMetric(ms(cpu1-cpu0, first), "first-cpu-ms/op")
				b.ReportMetric(ms(cpuEnd-cpu1, b.N-first), "again-cpu-ms/op")
			}
			b.ReportMetric(float64(ix.Len()), "chunks")
			b.ReportMetric(percentileMs(lat, 50), "p50-ms")
			b.ReportMetric(percentileMs(lat, 95), "p95-ms")
		})
	}
}

// BenchmarkColdStart10MB measures what footnote ask and footnote serve do
// before the first answer over an unchanged 10 MB corpus on disk: list,
// read and clean every file, load the index file, rebuild BM25 and the
// vector collection. MB/s is article text per second.
func BenchmarkColdStart10MB(b *testing.B) {
	dir := b.TempDir()
	sum, err := haystack.Write(dir, haystack.Options{Seed: 1, Bytes: 10 << 20})
	if err != nil {
		b.Fatal(err)
	}
	if err := copyDefaultArticles(dir); err != nil {
		b.Fatal(err)
	}
	indexDir := b.TempDir()
	first := openIndex(b, os.DirFS(dir), indexDir)
	b.SetBytes(sum.Bytes)
	b.ResetTimer()
	for b.Loop() {
		ix := openIndex(b, os.DirFS(dir), indexDir)
		if st := ix.Stats(); st.Embedded != 0 || st.Saved {
			b.Fatalf("reopen embedded %d chunks (saved %v), want everything reused", st.Embedded, st.Saved)
		}
	}
	b.ReportMetric(float64(first.Len()), "chunks")
}

// loadSharedSet reads testdata/qa.jsonl.
func loadSharedSet(tb testing.TB) []eval.Case {
	tb.Helper()
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cases, err := eval.Load(f)
	if err != nil {
		tb.Fatal(err)
	}
	return cases
}

// percentileMs returns the p-th percentile of ds in milliseconds (nearest
// rank), 0 for none.
func percentileMs(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := max(0, (p*len(s)+99)/100-1)
	return float64(s[i].Microseconds()) / 1000
}
