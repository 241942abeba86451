package corpus

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// The fast paths of isChrome and isFooterMarker skip lines with more than
// maxPhraseTokens words; every phrase they match must fit under it.
func TestPhrasesFitTheTokenBound(t *testing.T) {
	sets := map[string]map[string]bool{"chrome": chrome, "footerPhrases": footerPhrases, "shareWords": shareWords}
	for name, set := range sets {
		for p := range set {
			if moreTokens(p, maxPhraseTokens) {
				t.Errorf("%s phrase %q has more than %d words", name, p, maxPhraseTokens)
			}
		}
	}
	long := strings.Repeat("share ", maxPhraseTokens+1)
	if isShareLine(long) {
		t.Errorf("isShareLine(%q) = true, but it is longer than the bound", long)
	}
}

func TestMoreTokens(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want bool
	}{
		{"", 0, false},
		{"one", 0, true},
		{"one", 1, false},
		{"— Back to the top —", 4, false},
		{"— Back to the top —", 3, true},
		{"editor's picks", 3, false},
		{"Partager sur Facebook, X et WhatsApp", 5, true},
		{"publicité 2024", 2, false},
		{"上海 東京", 1, true},
		{"...   ,,, !!!", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := moreTokens(tt.s, tt.n); got != tt.want {
				t.Errorf("moreTokens(%q, %d) = %v, want %v", tt.s, tt.n, got, tt.want)
			}
		})
	}
}

// TestFastPathsAgree checks the fast isChrome and isFooterMarker against
// their definitions on every line of the test fixtures and the default
// articles, and on lines built around each phrase.
func TestFastPathsAgree(t *testing.T) {
	var lines []string
	for _, root := range []fs.FS{os.DirFS("testdata"), Default()} {
		err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			raw, err := fs.ReadFile(root, p)
			lines = append(lines, strings.Split(string(raw), "\n")...)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, set := range []map[string]bool{chrome, footerPhrases, shareWords} {
		for p := range set {
			lines = append(lines, p, strings.ToUpper(p), "— "+p+" —", p+":", p+": more words here", p+" and then a long sentence of prose goes on.")
		}
	}
	for _, p := range footerPrefixes {
		lines = append(lines, p+" on google news", strings.ToUpper(p[:1])+p[1:]+" in 24 Hours")
	}
	slowChrome := func(p string) bool { return chrome[phrase(p)] || isShareLine(p) }
	slowFooter := func(p string) bool {
		ph := phrase(p)
		if footerPhrases[ph] || isCopyright(p) {
			return true
		}
		if i := strings.IndexAny(p, ":："); i > 0 && words(p) <= 20 && footerPhrases[phrase(p[:i])] {
			return true
		}
		if words(p) <= 12 && !endsSentence(p) {
			for _, pre := range footerPrefixes {
				if strings.HasPrefix(ph, pre) {
					return true
				}
			}
		}
		return false
	}
	for _, p := range lines {
		if got, want := isChrome(p), slowChrome(p); got != want {
			t.Errorf("isChrome(%q) = %v, want %v", p, got, want)
		}
		if got, want := isFooterMarker(p), slowFooter(p); got != want {
			t.Errorf("isFooterMarker(%q) = %v, want %v", p, got, want)
		}
	}
}
