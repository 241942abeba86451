package discord

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MessageRunes is Discord's limit on the length of one message, in
// characters (runes).
const MessageRunes = 2000

// Split cuts s into pieces of at most limit runes each (limit <= 0 means
// [MessageRunes]). It prefers to cut after a paragraph break, then a line
// break, then a sentence, then a word, and only then inside a word. Cuts never
// fall inside a UTF-8 sequence (nor, where it can help, inside an emoji or a
// letter with combining marks), and it avoids cutting inside a ``` code fence
// when a reasonable cut outside one exists.
//
// The whitespace at a boundary stays at the end of the earlier piece, so
// strings.Join(Split(s, n), "") == s always holds. Split("") is nil.
func Split(s string, limit int) []string {
	if limit <= 0 {
		limit = MessageRunes
	}
	var pieces []string
	fences := fenceMarkers(s)
	for start := 0; start < len(s); {
		cut := nextCut(s, start, limit, fences)
		pieces = append(pieces, s[start:cut])
		start = cut
	}
	return pieces
}

// Boundary levels, most preferred first.
const (
	levelParagraph = iota
	levelLine
	levelSentence
	levelWord
	numLevels
)

// cutScan records, for one window, the last cut position of each level, both
// anywhere and outside a code fence.
type cutScan struct {
	any, outside [numLevels]int // byte offsets into s; 0 = none found
	minCut       int            // cuts before this make a piece under half full
	end          int            // the cut if no boundary is found
}

// nextCut returns where the piece starting at start should end.
func nextCut(s string, start, limit int, fences []int) int {
	sc := scanWindow(s, start, limit, fences)
	if sc.end == len(s) {
		return sc.end
	}
	if p := firstAbove(&sc.outside, sc.minCut); p > start {
		return p
	}
	cut := firstAbove(&sc.any, sc.minCut)
	if cut <= start {
		cut = firstAbove(&sc.any, start+1)
	}
	if cut <= start {
		cut = hardCut(s, start, sc.end)
	}
	if insideFence(fences, cut) {
		// A short piece is better than a broken code block, if cutting
		// before the fence lets the whole block fit in the next piece.
		if p := lastOf(&sc.outside); p > start && fenceFits(s, fences, p, cut, limit) {
			return p
		}
	}
	return cut
}

// firstAbove returns the cut of the most preferred level at or after min, or 0.
func firstAbove(cuts *[numLevels]int, min int) int {
	for _, p := range cuts {
		if p >= min && p > 0 {
			return p
		}
	}
	return 0
}

// lastOf returns the latest cut of any level, or 0.
func lastOf(cuts *[numLevels]int) int {
	last := 0
	for _, p := range cuts {
		last = max(last, p)
	}
	return last
}

// fenceFits reports whether the code fence around cut closes within limit
// runes of from.
func fenceFits(s string, fences []int, from, cut, limit int) bool {
	k := sort.SearchInts(fences, cut)
	if k == len(fences) {
		return false // the fence never closes
	}
	return utf8.RuneCountInString(s[from:fences[k]+3]) <= limit
}

// scanWindow walks the first limit runes after start once, classifying every
// position that follows whitespace or a sentence end.
func scanWindow(s string, start, limit int, fences []int) cutScan {
	sc := cutScan{minCut: len(s) + 1}
	half := limit / 2
	var (
		runStart  = -1 // start of the whitespace run that ends at p, or -1
		newlines  int  // newlines in that run
		beforeRun rune // the last non-space rune before the run
		prev      rune // the last non-space rune seen
		prevPrev  rune // the one before it, to see `."` as a sentence end
		runes     int  // runes scanned
		p         = start
	)
	for p < len(s) && runes < limit {
		r, size := utf8.DecodeRuneInString(s[p:])
		if unicode.IsSpace(r) {
			if runStart < 0 {
				runStart, newlines, beforeRun = p, 0, sentenceRune(prev, prevPrev)
			}
			if r == '\n' {
				newlines++
			}
		} else {
			runStart = -1
			prevPrev, prev = prev, r
		}
		p += size
		runes++
		if runes == half {
			sc.minCut = p
		}
		if p >= len(s) {
			break
		}
		level, ok := classify(s, p, runStart, newlines, beforeRun, r)
		if !ok {
			continue
		}
		sc.any[level] = p
		if !insideFence(fences, p) {
			sc.outside[level] = p
		}
	}
	sc.end = p
	return sc
}

// classify says which kind of boundary a cut at p (just after rune r) would
// be. A cut after whitespace counts only at the end of the whitespace run, so
// the run stays whole at the end of the earlier piece.
func classify(s string, p, runStart, newlines int, beforeRun, r rune) (int, bool) {
	next, _ := utf8.DecodeRuneInString(s[p:])
	if runStart >= 0 {
		if unicode.IsSpace(next) {
			return 0, false
		}
		switch {
		case newlines >= 2:
			return levelParagraph, true
		case newlines == 1:
			return levelLine, true
		case beforeRun != 0:
			return levelSentence, true
		default:
			return levelWord, true
		}
	}
	// Scripts such as Chinese and Japanese end sentences without a space.
	if strings.ContainsRune("。！？", r) && !unicode.IsSpace(next) {
		return levelSentence, true
	}
	return 0, false
}

// sentenceRune returns last if the text so far ends a sentence (".", "!",
// "?" or "…", optionally followed by a closing quote or bracket), else 0.
func sentenceRune(last, beforeLast rune) rune {
	if strings.ContainsRune(`"')]”’»`, last) {
		last = beforeLast
	}
	if strings.ContainsRune(".!?…", last) {
		return last
	}
	return 0
}

// hardCut cuts at end, moved back a little if that would separate a base
// character from its combining marks or break an emoji sequence.
func hardCut(s string, start, end int) int {
	const maxBacktrack = 32
	p := end
	for i := 0; i < maxBacktrack && p > start; i++ {
		next, _ := utf8.DecodeRuneInString(s[p:])
		prev, size := utf8.DecodeLastRuneInString(s[:p])
		if !extends(next) && prev != zwj {
			return p
		}
		p -= size
	}
	return end // one huge cluster: cutting it is the only way
}

const zwj = '\u200d'

// extends reports whether r attaches to the character before it.
func extends(r rune) bool {
	switch {
	case r == zwj,
		unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.Is(unicode.Mc, r),
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0x1F3FB && r <= 0x1F3FF, // skin tones
		r >= 0xE0020 && r <= 0xE007F: // emoji tag sequences (flags)
		return true
	}
	return false
}

// fenceMarkers returns the byte offsets of the ``` markers in s.
func fenceMarkers(s string) []int {
	var at []int
	for i := 0; ; {
		j := strings.Index(s[i:], "```")
		if j < 0 {
			return at
		}
		at = append(at, i+j)
		i += j + 3
	}
}

// insideFence reports whether a cut at p falls inside a code fence (or in the
// middle of a marker).
func insideFence(markers []int, p int) bool {
	// Markers starting before p.
	k := sort.SearchInts(markers, p)
	if k > 0 && markers[k-1]+3 > p {
		return true
	}
	return k%2 == 1
}
