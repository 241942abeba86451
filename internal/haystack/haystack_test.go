package haystack_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/corpus"
	"footnote/internal/haystack"
)

func collect(t *testing.T, opts haystack.Options) []haystack.Doc {
	t.Helper()
	seq, err := haystack.Generate(opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return slices.Collect(seq)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := collect(t, haystack.Options{Seed: 7, Docs: 40})
	b := collect(t, haystack.Options{Seed: 7, Docs: 40})
	if !slices.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	// A smaller haystack is a prefix of a larger one, whatever the unit.
	small := collect(t, haystack.Options{Seed: 7, Bytes: 30_000})
	if len(small) >= len(a) || !slices.Equal(small, a[:len(small)]) {
		t.Errorf("the 30 KB haystack (%d docs) is not a prefix of the 40-doc one", len(small))
	}
	other := collect(t, haystack.Options{Seed: 8, Docs: 40})
	if slices.Equal(a, other) {
		t.Error("seeds 7 and 8 give the same haystack")
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts haystack.Options
		want string
	}{
		{"nothing", haystack.Options{}, "set Docs or Bytes"},
		{"both", haystack.Options{Docs: 1, Bytes: 1}, "not both"},
		{"negative docs", haystack.Options{Docs: -1}, "negative"},
		{"negative bytes", haystack.Options{Bytes: -5}, "negative"},
		{"tiny docs", haystack.Options{Docs: 1, DocBytes: 10}, "below the minimum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := haystack.Generate(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate(%+v) error = %v, want one containing %q", tt.opts, err, tt.want)
			}
		})
	}
}

func TestGenerateSizes(t *testing.T) {
	const want = 200_000
	docs := collect(t, haystack.Options{Seed: 1, Bytes: want})
	total, largest := 0, 0
	for _, d := range docs {
		total += len(d.Text)
		largest = max(largest, len(d.Text))
	}
	if total < want || total >= want+largest {
		t.Errorf("total %d bytes, want at least %d and less than one more article (%d)", total, want, largest)
	}
	mean := total / len(docs)
	if mean < haystack.DefaultDocBytes/2 || mean > haystack.DefaultDocBytes*3/2 {
		t.Errorf("mean article size %d, want near %d", mean, haystack.DefaultDocBytes)
	}
}

// TestDocsAreArticles runs every generated file through the real cleaner:
// each is one dated article with several paragraphs, every slot filled.
func TestDocsAreArticles(t *testing.T) {
	names := map[string]bool{}
	topics := map[string]bool{}
	for _, d := range collect(t, haystack.Options{Seed: 3, Docs: 300}) {
		if names[d.Name] {
			t.Fatalf("name %s used twice", d.Name)
		}
		names[d.Name] = true
		topics[d.Topic] = true
		if !utf8.ValidString(d.Text) || strings.ContainsAny(d.Text, "{}") {
			t.Fatalf("%s: invalid UTF-8 or an unfilled slot:\n%s", d.Name, d.Text)
		}
		art, err := corpus.Clean(d.Name, []byte(d.Text))
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if len(art.Warnings) > 0 || !regexp.MustCompile(`^202[45]-\d\d-\d\d$`).MatchString(art.Date) {
			t.Errorf("%s: date %q, warnings %v", d.Name, art.Date, art.Warnings)
		}
		if n := strings.Count(art.Text, "\n\n"); n < 3 {
			t.Errorf("%s: %d paragraphs after cleaning, want several", d.Name, n+1)
		}
	}
	if len(topics) < 10 {
		t.Errorf("only %d topics in 300 articles", len(topics))
	}
}

// TestHaystackSharesTheVocabulary checks the haystack is a real test: many
// articles use the words of diplomatic news in other contexts.
func TestHaystackSharesTheVocabulary(t *testing.T) {
	docs := collect(t, haystack.Options{Seed: 1, Docs: 500})
	for _, word := range []string{"delegation", "talks", "minister", "ceasefire", "negotiations", "face to face", "spokesman", "chaired", "call sign", "killed", "announced"} {
		n := 0
		for _, d := range docs {
			if strings.Contains(strings.ToLower(d.Text), word) {
				n++
			}
		}
		if n < 10 {
			t.Errorf("%q appears in %d of %d articles, want at least 10", word, n, len(docs))
		}
	}
}

// TestHaystackStaysClearOfTheDefaultArticles: the haystack never names the
// people, places or events of the default corpus, so it cannot change the
// right answer to a question about them.
func TestHaystackStaysClearOfTheDefaultArticles(t *testing.T) {
	banned := []string{
		"Ukrain", "Russia", "Kyiv", "Moscow", "Kremlin", "Istanbul", "Turkey", "Turkish", "Turkiye", "Dolmabahce", "Bosphorus",
		"Putin", "Zelensk", "Trump", "Fidan", "Umerov", "Medinsky", "Peskov", "Rubio", "Kellogg", "Leyen",
		"Kupiansk", "Corsair", "Crimea", "Albania", "Tirana", "Washington", "United States", "NATO",
		"Brazil", "World Cup", "FIFA",
	}
	for _, d := range collect(t, haystack.Options{Seed: 1, Docs: 2000}) {
		for _, w := range banned {
			if strings.Contains(d.Text, w) {
				t.Fatalf("%s mentions %q", d.Name, w)
			}
		}
	}
}

func TestMapFS(t *testing.T) {
	m, sum, err := haystack.MapFS(corpus.Default(), haystack.Options{Seed: 1, Docs: 25})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 25 || len(m) != 30 {
		t.Fatalf("summary %+v, %d files, want 25 generated and 30 in all", sum, len(m))
	}
	arts, err := corpus.Load(t.Context(), m, corpus.WalkOptions{})
	if err != nil || len(arts) != 30 {
		t.Fatalf("Load: %d articles, %v", len(arts), err)
	}
	if _, _, err := haystack.MapFS(m, haystack.Options{Seed: 1, Docs: 1}); err == nil || !strings.Contains(err.Error(), "already in the base corpus") {
		t.Errorf("clash with the base corpus: err = %v", err)
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	sum, err := haystack.Write(dir, haystack.Options{Seed: 2, Docs: 12})
	if err != nil {
		t.Fatal(err)
	}
	docs := collect(t, haystack.Options{Seed: 2, Docs: 12})
	var total int64
	for _, d := range docs {
		got, err := os.ReadFile(filepath.Join(dir, d.Name))
		if err != nil || string(got) != d.Text {
			t.Fatalf("%s on disk differs from the generated article (%v)", d.Name, err)
		}
		total += int64(len(got))
	}
	if sum != (haystack.Summary{Files: 12, Bytes: total}) {
		t.Errorf("summary %+v, want 12 files and %d bytes", sum, total)
	}
	entries, err := fs.ReadDir(os.DirFS(dir), ".")
	if err != nil || len(entries) != 12 {
		t.Errorf("%d entries in dir (%v), want 12", len(entries), err)
	}
	if _, err := haystack.Write(dir, haystack.Options{}); err == nil {
		t.Error("Write with empty options succeeded")
	}
}
