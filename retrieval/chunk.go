package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"unicode"
	"unicode/utf8"

	"footnote/corpus"
)

// Default chunking options.
const (
	DefaultChunkChars   = 600
	DefaultChunkOverlap = 1
)

// ChunkOptions tunes [ChunkArticle].
type ChunkOptions struct {
	// MaxChars is the target chunk size in characters (runes); <=0 means
	// DefaultChunkChars. No chunk is longer: a sentence longer than this is
	// cut at word boundaries.
	MaxChars int
	// Overlap is how many sentences a chunk repeats from the previous one
	// when a paragraph is cut in the middle; 0 means DefaultChunkOverlap and a
	// negative value means no overlap.
	Overlap int
}

func (o ChunkOptions) withDefaults() ChunkOptions {
	if o.MaxChars <= 0 {
		o.MaxChars = DefaultChunkChars
	}
	switch {
	case o.Overlap == 0:
		o.Overlap = DefaultChunkOverlap
	case o.Overlap < 0:
		o.Overlap = 0
	}
	return o
}

// unit is a sentence, or a piece of an over-long one, with its paragraph.
type unit struct{ start, end, para int }

// ChunkArticle cuts a's text into chunks of whole sentences of at most
// opt.MaxChars characters. A chunk stays inside one paragraph, except that
// short paragraphs are merged whole with their neighbours, and a chunk that
// is still tiny may run into the next paragraph. When a paragraph is cut
// because it is too long, the next chunk repeats its last opt.Overlap
// sentences, so a fact and its context end up together at least once.
//
// Each chunk's Text is exactly a.Text[Start:End]. IDs are
// a.Source + "#" + ordinal + "-" + 8 hex digits of the text's SHA-256, so
// they are stable for the same content and change when the text does.
func ChunkArticle(a corpus.Article, opt ChunkOptions) []Chunk {
	opt = opt.withDefaults()
	units := chunkUnits(a.Text, opt.MaxChars)
	spans := groupUnits(a.Text, units, opt)
	chunks := make([]Chunk, 0, len(spans))
	for i, s := range spans {
		text := a.Text[s.Start:s.End]
		chunks = append(chunks, Chunk{
			ID:     a.Source + "#" + strconv.Itoa(i) + "-" + shortHash(text),
			Source: a.Source,
			Title:  a.Title,
			Date:   a.Date,
			URL:    a.URL,
			Text:   text,
			Start:  s.Start,
			End:    s.End,
		})
	}
	return chunks
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

func runeLen(text string, s, e int) int { return utf8.RuneCountInString(text[s:e]) }

// chunkUnits splits text into sentences tagged with their paragraph, cutting
// sentences longer than maxChars at word boundaries.
func chunkUnits(text string, maxChars int) []unit {
	var units []unit
	para, prevEnd := 0, 0
	for _, s := range Sentences(text) {
		if containsBreak(text[prevEnd:s.Start]) {
			para++
		}
		prevEnd = s.End
		if runeLen(text, s.Start, s.End) <= maxChars {
			units = append(units, unit{s.Start, s.End, para})
			continue
		}
		for _, p := range splitLong(text, s, maxChars) {
			units = append(units, unit{p.Start, p.End, para})
		}
	}
	return units
}

func containsBreak(gap string) bool {
	for _, r := range gap {
		if r == '\n' || r == '\r' || r == '\u2029' {
			return true
		}
	}
	return false
}

// splitLong cuts the span s of text into trimmed pieces of at most maxChars
// runes, at the last white space that fits, or mid-word when a single word
// is longer than maxChars.
func splitLong(text string, s Span, maxChars int) []Span {
	var out []Span
	start := s.Start
	for start < s.End {
		cut, lastSpace, n := start, -1, 0
		for cut < s.End && n < maxChars {
			r, size := utf8.DecodeRuneInString(text[cut:s.End])
			if unicode.IsSpace(r) {
				lastSpace = cut
			}
			cut += size
			n++
		}
		if cut < s.End && lastSpace > start {
			if r, _ := utf8.DecodeRuneInString(text[cut:s.End]); !unicode.IsSpace(r) {
				cut = lastSpace // do not cut a word in two
			}
		}
		if p, ok := trimSpan(text, start, cut); ok {
			out = append(out, p)
		}
		start = cut
	}
	return out
}

// groupUnits packs consecutive units into chunk spans.
func groupUnits(text string, units []unit, opt ChunkOptions) []Span {
	rc := newUnitRunes(text, units)
	fits := func(i, j int) bool { return rc.count(i, j) <= opt.MaxChars }
	var spans []Span
	for i := 0; i < len(units); {
		j := i
		for j+1 < len(units) && fits(i, j+1) &&
			(units[j+1].para == units[j].para || mayCrossParagraph(rc, units, i, j, opt.MaxChars)) {
			j++
		}
		spans = append(spans, Span{units[i].start, units[j].end})
		next := j + 1
		if next >= len(units) {
			break
		}
		if opt.Overlap > 0 && units[next].para == units[j].para {
			// Repeat the tail of the cut paragraph, as much of it as fits.
			s := max(j-opt.Overlap+1, i+1)
			for s <= j && !fits(s, next) {
				s++
			}
			next = s
		}
		i = next
	}
	return spans
}

// mayCrossParagraph reports whether the chunk units[i..j], which ends a
// paragraph, may take in the next one: when that whole paragraph fits, or
// when the chunk so far is too small to stand on its own.
func mayCrossParagraph(rc unitRunes, units []unit, i, j, maxChars int) bool {
	if rc.count(i, j) < maxChars/4 {
		return true
	}
	last := j + 1
	for last+1 < len(units) && units[last+1].para == units[j+1].para {
		last++
	}
	return rc.count(i, last) <= maxChars
}

// unitRunes counts the runes from the start of one unit to the end of a
// later one without reading the text again: start[i] and end[j] are the
// rune offsets of units[i].start and units[j].end. That holds when the
// text is valid UTF-8 and every boundary, in order, starts a rune;
// otherwise start is nil and each count reads the text.
type unitRunes struct {
	text       string
	units      []unit
	start, end []int
}

func newUnitRunes(text string, units []unit) unitRunes {
	u := unitRunes{text: text, units: units}
	if !utf8.ValidString(text) {
		return u
	}
	start, end := make([]int, len(units)), make([]int, len(units))
	pos, n := 0, 0
	at := func(b int) (int, bool) {
		if b < pos || b > len(text) || b < len(text) && !utf8.RuneStart(text[b]) {
			return 0, false
		}
		n += utf8.RuneCountInString(text[pos:b])
		pos = b
		return n, true
	}
	for i, un := range units {
		var ok1, ok2 bool
		start[i], ok1 = at(un.start)
		end[i], ok2 = at(un.end)
		if !ok1 || !ok2 {
			return u
		}
	}
	u.start, u.end = start, end
	return u
}

// count is the rune count of text[units[i].start:units[j].end], i <= j.
func (u unitRunes) count(i, j int) int {
	if u.start == nil {
		return runeLen(u.text, u.units[i].start, u.units[j].end)
	}
	return u.end[j] - u.start[i]
}
