package corpus

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// looksWindows1252 reports whether raw is a legacy single-byte text
// (Windows-1252, of which Latin-1 is a subset for printable characters)
// rather than UTF-8: it is not valid UTF-8, holds no valid multi-byte UTF-8
// sequence (a UTF-8 file with a few stray bytes is repaired instead), no NUL
// (UTF-16 and binary files have many), none of the five bytes Windows-1252
// leaves undefined, and no run of accented letters standing outside a word.
func looksWindows1252(raw []byte) bool {
	if utf8.Valid(raw) {
		return false
	}
	high := 0
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == 0:
			return false
		case c < utf8.RuneSelf:
			i++
			continue
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			return false
		}
		if r, size := utf8.DecodeRune(raw[i:]); r != utf8.RuneError && size > 1 {
			return false
		}
		// A run of high bytes: in Windows-1252 text a run of letters (0xC0
		// and up) sits inside a word ("d\xe9l\xe9gu\xe9"); a run cut off by
		// spaces ("\xff\xfe") is more likely damaged UTF-8 or binary; a
		// lone one can be a word ("\xe0 Istanbul").
		j := i
		letters := true
		for j < len(raw) && raw[j] >= utf8.RuneSelf {
			letters = letters && raw[j] >= 0xC0
			j++
		}
		if letters && j-i >= 2 && !isASCIILetter(raw, i-1) && !isASCIILetter(raw, j) {
			return false
		}
		high += j - i
		i = j
	}
	return high > 0
}

func isASCIILetter(b []byte, i int) bool {
	if i < 0 || i >= len(b) {
		return false
	}
	c := b[i] | 0x20
	return c >= 'a' && c <= 'z'
}

// decodeWindows1252 decodes raw as Windows-1252. Every byte has a mapping
// once looksWindows1252 has accepted raw, so decoding cannot fail.
func decodeWindows1252(raw []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return string(raw) // unreachable for accepted input; repairUTF8 rules then apply downstream
	}
	return string(out)
}
