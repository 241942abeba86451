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
	"\u3000ideographic space", "x\x1by", "a \t b", "a\n\nb", "bad \xff byte", "\ufffd valid replacement", "end\r",
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

// wordsReference and isCopyrightReference are the originals of words and
// isCopyright.
func wordsReference(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		wide := 0
		for _, r := range f {
			if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				wide++
			}
		}
		if wide >= 4 {
			n += wide / 2
		} else {
			n++
		}
	}
	return n
}

func isCopyrightReference(p string) bool {
	lower := strings.ToLower(p)
	return copyrightStart.MatchString(lower) || strings.Contains(lower, "all rights reserved")
}

var lineEdgeCases = []string{
	"", "Copyright 2024 Reuters", "COPYRIGHT © 2023", "(C) 2021 by the agency", "(c)by x", "© 2020 The Times", "copyrighted material",
	"All Rights Reserved.", "text ALL RIGHTS RESERVED here", "COPYRİGHT 2024", "All rİghts reserved", "  spaced   out  words ",
	"日本語のテキストです", "mixed 日本語のテキスト words", "Read more: here", "続きは：こちら", "a：b:c", "x:y：z", "\xef\xbc：bad lead", "tab\tseparated\u00a0nbsp\u3000ideographic", "x\xffy z",
}

func mayBeCaptionCreditReference(p string) bool {
	return strings.Contains(p, "/") || strings.Contains(p, "Credit") ||
		containsFoldASCII(p, "photo") || containsFoldASCII(p, "pic") || containsFoldASCII(p, "image")
}

// checkLine compares the fast line tests with the originals on s.
func checkLine(t *testing.T, s string) {
	t.Helper()
	n := wordsReference(s)
	if got := words(s); got != n {
		t.Errorf("words(%q) = %d, want %d", s, got, n)
	}
	for limit := range 45 {
		if got := wordsOver(s, limit); got != (n > limit) {
			t.Errorf("wordsOver(%q, %d) = %v with %d words", s, limit, got, n)
		}
	}
	if got, want := mayBeCaptionCredit(s), mayBeCaptionCreditReference(s); got != want {
		t.Errorf("mayBeCaptionCredit(%q) = %v, want %v", s, got, want)
	}
	if got, want := indexColon(s), strings.IndexAny(s, ":："); got != want {
		t.Errorf("indexColon(%q) = %d, want %d", s, got, want)
	}
}

func TestLineFastPathsMatchReference(t *testing.T) {
	long := strings.Repeat("word ", 50) + strings.Repeat("日本語のテキスト ", 10)
	for _, s := range append(lineEdgeCases, long, "PHOTO: x", "a Pic", "IMAGE", "im age", "ph oto", "Picture credit") {
		checkLine(t, s)
		if got, want := isCopyright(s), isCopyrightReference(s); got != want {
			t.Errorf("isCopyright(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzLineFastPaths(f *testing.F) {
	for _, s := range lineEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkLine(t, s)
		if got, want := isCopyright(s), isCopyrightReference(s); got != want {
			t.Errorf("isCopyright(%q) = %v, want %v", s, got, want)
		}
	})
}
