package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// mapRunesReference and collapseSpacesReference are the originals, which
// decoded every rune and split every line: the fast paths for ASCII must
// give the same text.
func mapRunesReference(s string) (string, int) {
	var b strings.Builder
	controls := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\f' || r == '\v' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case isInvisible(r):
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
			controls++
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), controls
}

func collapseSpacesReference(s string) string { return strings.Join(strings.Fields(s), " ") }

var normalizeEdgeCases = []string{
	"", " ", "plain text", "two  spaces", " lead", "trail ", "tab\there", "cr\r\nlf\rcr\n", "\f\v\x00\x01\x7f",
	"nbsp\u00a0here", "nel\u0085line", "ls\u2028ps\u2029", "zero\u200bwidth\u00adsoft", "tag\U000E0041", "é à ü",
	"\u3000ideographic space", "x\x1by", "a \t b", "a\n\nb",
}

func TestNormalizeFastPathsMatchReference(t *testing.T) {
	for _, s := range normalizeEdgeCases {
		got, gc := mapRunes(s)
		want, wc := mapRunesReference(s)
		if got != want || gc != wc {
			t.Errorf("mapRunes(%q) = %q, %d; want %q, %d", s, got, gc, want, wc)
		}
		if got, want := collapseSpaces(s), collapseSpacesReference(s); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalizeFastPaths(f *testing.F) {
	for _, s := range normalizeEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // mapRunes runs after repairUTF8
		}
		got, gc := mapRunes(s)
		want, wc := mapRunesReference(s)
		if got != want || gc != wc {
			t.Errorf("mapRunes(%q) = %q, %d; want %q, %d", s, got, gc, want, wc)
		}
		if got, want := collapseSpaces(s), collapseSpacesReference(s); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}
