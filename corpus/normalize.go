package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalizeLines repairs raw file bytes and returns the text as trimmed lines
// with whitespace normalised: invalid UTF-8 becomes U+FFFD, every line break
// convention becomes one line break, odd spaces and tabs become a single
// space, and invisible characters are dropped. Warnings describe repairs;
// nonText counts the invalid bytes and control characters removed.
func normalizeLines(raw []byte) (lines, warnings []string, nonText int) {
	raw = trimBOM(raw)
	var text string
	bad := 0
	if looksWindows1252(raw) {
		text = decodeWindows1252(raw)
		warnings = append(warnings, "not UTF-8: decoded as Windows-1252")
	} else {
		text, bad = repairUTF8(raw)
	}
	if bad > 0 {
		warnings = append(warnings, fmt.Sprintf("replaced %d invalid UTF-8 %s with U+FFFD", bad, plural(bad, "byte", "bytes")))
	}
	text, controls := mapRunes(text)
	if controls > 0 {
		warnings = append(warnings, fmt.Sprintf("removed %d control %s", controls, plural(controls, "character", "characters")))
	}
	lines = strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = collapseSpaces(l)
	}
	return lines, warnings, bad + controls
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func trimBOM(raw []byte) []byte {
	const bom = "\uFEFF"
	if len(raw) >= len(bom) && string(raw[:len(bom)]) == bom {
		return raw[len(bom):]
	}
	return raw
}

// repairUTF8 replaces each run of invalid bytes with one U+FFFD and reports
// how many bytes were invalid.
func repairUTF8(raw []byte) (string, int) {
	if utf8.Valid(raw) {
		return string(raw), 0
	}
	var b strings.Builder
	b.Grow(len(raw) + 8)
	bad := 0
	inBad := false
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size <= 1 {
			bad++
			if !inBad {
				b.WriteRune(utf8.RuneError)
			}
			inBad = true
			raw = raw[1:]
			continue
		}
		inBad = false
		b.Write(raw[:size])
		raw = raw[size:]
	}
	return b.String(), bad
}

// mapRunes turns every line-break convention into "\n", every other kind of
// space into " ", and drops invisible characters. It reports how many
// control characters (NUL, escape codes…) it removed.
func mapRunes(s string) (string, int) {
	i := unchangedPrefix(s)
	if i == len(s) {
		return s, 0 // nothing to map: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	controls := 0
	for {
		// The runs that stay as they are are copied whole; only the rune
		// that ends each is looked at.
		b.WriteString(s[:i])
		s = s[i:]
		if s == "" {
			return b.String(), controls
		}
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == '\r':
			if s != "" && s[0] == '\n' {
				s = s[1:]
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\f' || r == '\v' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case isInvisible(r):
			// Zero-width spaces, soft hyphens, stray BOMs: drop without a trace.
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
			controls++
		default:
			b.WriteRune(r)
		}
		i = unchangedPrefix(s)
	}
}

// unchangedPrefix returns the length of the longest prefix of s that
// mapRunes copies as it is: printable ASCII, line feeds and valid runes
// that are not a line break, an invisible, a space or a control character.
func unchangedPrefix(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u0085' || r == '\u2028' || r == '\u2029' ||
			isInvisible(r) || unicode.IsSpace(r) || unicode.IsControl(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// isInvisible reports whether r is dropped from article text: zero-width
// spaces, word joiners, BOMs, soft hyphens, and Unicode TAG characters
// (U+E0000–E007F), which render as nothing but mirror ASCII, so a model may
// read instructions hidden in them ("ASCII smuggling").
func isInvisible(r rune) bool {
	switch r {
	case '\u200B', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return r >= 0xE0000 && r <= 0xE007F
}

// collapseSpaces trims s and turns each run of spaces into one.
func collapseSpaces(s string) string {
	if singleSpaced(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// singleSpaced reports whether s is ASCII whose only white space is single
// spaces between words, which collapseSpaces leaves as it is.
func singleSpaced(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}
