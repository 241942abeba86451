package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"footnote/internal/haystack"
)

// TestNewslinePrefiltersChangeNothing checks that the cheap tests in front
// of the caption, byline and credit regexps never skip a paragraph the
// regexps alone would have matched: over every paragraph of the fixtures,
// the default articles, a haystack, and lines made to match.
func TestNewslinePrefiltersChangeNothing(t *testing.T) {
	var paras []string
	add := func(text string) {
		for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	_ = filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(path); err == nil {
				add(string(b))
			}
		}
		return nil
	})
	_ = fs.WalkDir(Default(), ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := fs.ReadFile(Default(), path); err == nil {
				add(string(b))
			}
		}
		return nil
	})
	m, _, err := haystack.MapFS(nil, haystack.Options{Seed: 2, Docs: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m {
		add(string(f.Data))
	}
	paras = append(paras,
		"FILE PHOTO: A ferry in the harbour.", "FILE - The minister, in 2020.", "A ferry (AP Photo/Jane Doe)",
		"Delegates meet. [Photo/Agencies]", "The harbour at dawn. REUTERS/Jane Doe", "Smoke rises. Credit: Jane Doe",
		"Smoke rises. PICTURE: AFP", "Seen from above (Image: NASA)", "By Jane Doe and John Roe, Reuters", "BY JANE DOE | CNN",
		"Reporting by Jane Doe; Editing by John Roe", "(Additional reporting by Jane Doe)", "TRANSLATED BY Ann Lee",
		"Jane Doe in Beijing contributed to this story.", "John Roe Contributed reporting to this article.",
		"by the river", "Bypass closed", "(produced by Ann)")
	for _, p := range paras {
		wantCaption := captionStart.MatchString(p) || captionCredit.MatchString(p)
		wantByline := words(p) <= 40 && (byline.MatchString(p) && words(p) <= 10 || credit.MatchString(p))
		if got := isCaption(p); got != wantCaption {
			t.Errorf("isCaption(%q) = %v, the regexps alone say %v", p, got, wantCaption)
		}
		if got := isByline(p); got != wantByline {
			t.Errorf("isByline(%q) = %v, the regexps alone say %v", p, got, wantByline)
		}
	}
	t.Logf("%d paragraphs compared", len(paras))
}
