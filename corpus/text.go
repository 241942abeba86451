package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listItem matches a bulleted or numbered list line ("- Ayer 18:00 …", "2) …").
var listItem = regexp.MustCompile(`^(?:[-*+•·▪►–—]|\d{1,3}[.)])\s+\S`)

func isListItem(s string) bool { return listItem.MatchString(s) }

// endsSentence reports whether s ends like a sentence: terminal punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune(`"'”’»)]`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;。！？", r)
}

// words counts the words of s. Scripts written without spaces (Chinese,
// Japanese) count one word per two characters, so length rules apply to
// them too.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		wide := 0
		for _, r := range f {
			// All four scripts lie above U+1100; the test skips the table
			// lookups for the Latin text that is most of a corpus.
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

// isSentenceLike reports whether a paragraph reads as article prose rather
// than a label, headline or menu: long enough, and ending like a sentence
// or too long to be a headline.
func isSentenceLike(p string) bool {
	if words(p) < 8 {
		return false
	}
	return endsSentence(p) || utf8.RuneCountInString(p) >= 100
}

// phrase lowercases s and strips surrounding punctuation and symbols, so
// "BACK TO THE TOP ↑" and "Back to the top" compare equal.
func phrase(s string) string {
	s = strings.ToLower(s)
	s = strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	return collapseSpaces(s)
}
