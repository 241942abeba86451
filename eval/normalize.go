package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalize folds text for phrase matching: lowercase, diacritics stripped
// ("Dolmabahçe" → "dolmabahce"), typographic quotes and dashes unified, and
// runs of whitespace collapsed to one space. Grading compares both sides in
// this form so an answer is not failed over typography.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining mark left over from decomposition
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(foldPunct(unicode.ToLower(r)))
	}
	return b.String()
}

// foldPunct maps typographic quotes and dashes to their ASCII forms.
func foldPunct(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '«', '»', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	return r
}
