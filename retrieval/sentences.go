package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/lexicon"
)

// Span is a byte range of a text; End is exclusive.
type Span struct {
	Start, End int // byte offsets into the text: text[Start:End] is the sentence
}

// Sentences splits text into sentences and returns their byte spans, in
// order, each trimmed of surrounding white space; empty sentences are
// dropped. The rules:
//   - a line break always ends a sentence (articles keep one paragraph per
//     line, and titles carry no full stop);
//   - ".", "!", "?", "…" and "..." end a sentence when white space and then
//     an upper-case letter, a digit or an opening quote follow;
//   - closing quotes and brackets right after the terminator belong to the
//     sentence ("“Stop.” Then" splits after ”);
//   - a full stop after a title ("Mr.", "Lt. Gen.", "St.", "Dr.") never ends
//     a sentence; after an initial ("J. R.") or a dotted acronym ("U.S.") it
//     ends one only when the next word is a function word ("the U.S. The
//     talks" splits, "U.S. President" does not);
//   - decimals ("1.5") and dots inside words never split, because no space
//     follows them.
func Sentences(text string) []Span {
	var out []Span
	emit := func(start, end int) {
		if s, ok := trimSpan(text, start, end); ok {
			out = append(out, s)
		}
	}
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			emit(start, i)
			start = i + size
			i += size
		case isTerminator(r):
			j := skipTerminators(text, i)
			if isSentenceEnd(text, start, i, j) {
				emit(start, j)
				start = j
			}
			i = j
		default:
			i += size
		}
	}
	emit(start, len(text))
	return out
}

// trimSpan trims white space from both ends of text[start:end].
func trimSpan(text string, start, end int) (Span, bool) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return Span{start, end}, end > start
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '{', '„':
		return true
	}
	return false
}

// skipTerminators returns the index just past the run of terminators at i
// and the closing quotes and brackets that follow it.
func skipTerminators(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) {
			break
		}
		i += size
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isCloser(r) {
			break
		}
		i += size
	}
	return i
}

// isSentenceEnd decides whether the terminator run text[at:next] of the
// sentence starting at start ends it.
func isSentenceEnd(text string, start, at, next int) bool {
	if next >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[next:])
	if !unicode.IsSpace(r) {
		return false // "1.5", "U.S.-led", "e.g.,"
	}
	k := next
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r) {
			break
		}
		if r == '\n' {
			return true
		}
		k += size
	}
	if k >= len(text) {
		return true
	}
	nr, _ := utf8.DecodeRuneInString(text[k:])
	if unicode.IsLower(nr) {
		return false // "approx. five", "“Why?” he asked"
	}
	if !unicode.IsUpper(nr) && !unicode.IsDigit(nr) && !isOpener(nr) && !unicode.IsLetter(nr) {
		return false
	}
	if text[at] != '.' || (at+1 < next && text[at+1] == '.') {
		return true // "!", "?", "…" and "..." need no abbreviation check
	}
	return !abbreviationHolds(wordBefore(text, start, at), text[k:], nr)
}

// wordBefore returns the word (letters and inner dots) ending just before the
// full stop at text[at].
func wordBefore(text string, start, at int) string {
	i := at
	for i > start {
		r, size := utf8.DecodeLastRuneInString(text[start:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= size
	}
	return strings.Trim(text[i:at], ".")
}

// abbreviationHolds reports whether the full stop after word is part of an
// abbreviation rather than the end of the sentence; rest is the text that
// follows, starting with the rune next.
func abbreviationHolds(word, rest string, next rune) bool {
	if word == "" {
		return false
	}
	lower := Normalize(word)
	switch {
	case lexicon.IsTitleAbbreviation(lower):
		return true
	case lexicon.IsNumberAbbreviation(lower):
		return unicode.IsDigit(next)
	case strings.Contains(lower, "."), utf8.RuneCountInString(word) == 1, lexicon.IsNameEndAbbreviation(lower):
		// Initials, dotted acronyms and "Inc.": ambiguous, so look ahead. A
		// new sentence usually opens with a function word ("The", "It").
		return !IsStopword(Normalize(firstWord(rest)))
	}
	return false
}

// firstWord returns the leading letters of s, skipping opening quotes.
func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, isOpener)
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if end < 0 {
		return s
	}
	return s[:end]
}
