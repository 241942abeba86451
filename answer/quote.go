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
	if limit <= len("…") {
		return "…" // no room for any of s
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

// Excerpt returns at most about limit bytes of s around the span
// [from, to) (the words that matter), cut at word boundaries and marked
// with ellipses where s was cut. The span itself is never cut unless it is
// longer than limit, and then from its start. A word is never cut.
func Excerpt(s string, from, to, limit int) string {
	if len(s) <= limit {
		return s
	}
	from = max(0, min(from, len(s)))
	to = max(from, min(to, len(s)))
	if to-from >= limit {
		return ShortQuote(s[wordStart(s, from):], limit)
	}
	// Grow the window evenly around the span, then snap to words.
	spare := limit - (to - from)
	lo := max(0, from-spare/2)
	hi := min(len(s), to+(spare-(from-lo)))
	lo = max(0, hi-limit)
	lo, hi = wordStart(s, lo), wordEnd(s, hi)
	if hi-lo > limit {
		// Snapping grew the window: give back a word on the longer side.
		if lo < from && from-lo >= hi-to {
			lo = wordStart(s, lo+strings.IndexByte(s[lo:from]+" ", ' ')+1)
		} else if hi > to {
			if i := strings.LastIndexByte(s[to:hi], ' '); i >= 0 {
				hi = to + i
			}
		}
	}
	out := strings.TrimSpace(s[lo:hi])
	if lo > 0 {
		out = "…" + strings.TrimLeft(out, " ,;:")
	}
	if hi < len(s) {
		out = strings.TrimRight(out, " ,;:") + "…"
	}
	return out
}

// wordStart moves i back to the start of the word it falls in.
func wordStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i-1] != ' ' && s[i-1] != '\n' {
		i--
	}
	return i
}

// wordEnd moves i forward to the end of the word it falls in.
func wordEnd(s string, i int) int {
	for i < len(s) && i > 0 && s[i-1] != ' ' && s[i] != ' ' && s[i] != '\n' {
		i++
	}
	return i
}
