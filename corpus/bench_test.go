package corpus_test

import (
	"context"
	"strings"
	"testing"

	"footnote/corpus"
)

// BenchmarkClean measures the cleaner on a real article and on large,
// adversarial inputs that would expose quadratic behaviour.
func BenchmarkClean(b *testing.B) {
	sentence := "The talks ended after ninety minutes without a deal, officials said. "
	inputs := []struct {
		name, source, raw string
	}{
		{"article", "002_bcc062b99b0d70aa.txt", string(readFixtureB(b, "articles/002_bcc062b99b0d70aa.txt"))},
		{"one_huge_line", "x.txt", strings.Repeat(sentence, 60_000)},
		{"many_lines", "x.txt", strings.Repeat(sentence+"\n", 60_000)},
		{"many_markers", "x.txt", sentence + "\n" + strings.Repeat("Related\nshort headline\n", 60_000) + sentence},
		{"markdown_paragraph", "x.md", strings.Repeat("a soft wrapped markdown line\n", 100_000)},
		{"wrapped_block", "x.txt", strings.Repeat("this line is wrapped at a fixed width of some sixty chars\n", 60_000)},
	}
	for _, in := range inputs {
		raw := []byte(in.raw)
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := corpus.Clean(in.source, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadDefault measures loading the embedded corpus.
func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
