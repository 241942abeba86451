package corpus_test

import (
	"context"
	"os"
	"testing"

	"footnote/corpus"
	"footnote/internal/haystack"
)

// BenchmarkWalk10MB measures the loader on a generated corpus of about
// 10 MB in some 2,300 files on disk: listing, reading and cleaning every
// file, one at a time. MB/s is file bytes per second.
func BenchmarkWalk10MB(b *testing.B) {
	dir := b.TempDir()
	sum, err := haystack.Write(dir, haystack.Options{Seed: 1, Bytes: 10 << 20})
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	b.SetBytes(sum.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := corpus.Walk(context.Background(), fsys, corpus.WalkOptions{}, func(corpus.Article) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != sum.Files {
			b.Fatalf("walked %d articles, want %d", n, sum.Files)
		}
	}
	b.ReportMetric(float64(sum.Files), "files")
}
