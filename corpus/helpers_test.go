package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/corpus"
)

// readFixture returns the bytes of a file under testdata or the articles.
func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return raw
}

// readFixtureF is readFixture for fuzz seeds.
func readFixtureF(f *testing.F, path string) []byte {
	f.Helper()
	raw, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		f.Fatalf("read fixture: %v", err)
	}
	return raw
}

// readFixtureB is readFixture for benchmarks.
func readFixtureB(b *testing.B, path string) []byte {
	b.Helper()
	raw, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		b.Fatalf("read fixture: %v", err)
	}
	return raw
}

// paragraphs splits a cleaned text into its paragraphs.
func paragraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

func hasParagraph(text, p string) bool {
	for _, q := range paragraphs(text) {
		if q == p {
			return true
		}
	}
	return false
}

// checkShape asserts the invariants every cleaned article keeps, whatever
// the input: valid UTF-8, paragraphs separated by exactly one blank line,
// no stray whitespace, a short single-line title.
func checkShape(t *testing.T, a corpus.Article) {
	t.Helper()
	for name, s := range map[string]string{"Text": a.Text, "Title": a.Title, "Date": a.Date} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if strings.ContainsAny(a.Text, "\r\t\u00a0") {
		t.Errorf("Text keeps CR, tab or NBSP: %q", a.Text)
	}
	if strings.Contains(a.Text, "\n\n\n") || strings.Contains(a.Text, "  ") {
		t.Errorf("Text has a run of blank lines or spaces: %q", a.Text)
	}
	for _, p := range paragraphs(a.Text) {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
			t.Errorf("paragraph %q is empty, untrimmed or spans lines", p)
		}
	}
	if strings.Contains(a.Title, "\n") || utf8.RuneCountInString(a.Title) > 121 {
		t.Errorf("Title %q spans lines or is too long", a.Title)
	}
	if a.Date != "" && len(a.Date) != len("2006-01-02") {
		t.Errorf("Date %q is not YYYY-MM-DD", a.Date)
	}
}
