package answer

import (
	"strings"
	"unicode/utf8"
)

// ShortQuote cuts s to at most limit bytes at a word boundary, marking the
// cut with an ellipsis.
func ShortQuote(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > limit/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
