package corpus

import (
	"math"
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
func words(s string) int { return countWords(s, math.MaxInt) }

// wordsOver reports whether s has more than n words (words(s) > n),
// reading no further than the word that decides it.
func wordsOver(s string, n int) bool { return countWords(s, n) > n }

// countWords is words(s) when that is at most limit; otherwise it stops at
// the first count above limit.
func countWords(s string, limit int) int {
	// The fields of strings.Fields (runs between white space), counted
	// without making them.
	n, wide, inField := 0, 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if inField {
				n += fieldWords(wide)
				inField, wide = false, 0
				if n > limit {
					return n
				}
			}
			continue
		}
		inField = true
		// All four scripts lie above U+1100; the test skips the table
		// lookups for the Latin text that is most of a corpus.
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			wide++
		}
	}
	if inField {
		n += fieldWords(wide)
	}
	return n
}

// fieldWords is the word count of one field with wide characters of the
// scripts written without spaces.
func fieldWords(wide int) int {
	if wide >= 4 {
		return wide / 2
	}
	return 1
}

// isSentenceLike reports whether a paragraph reads as article prose rather
// than a label, headline or menu: long enough, and ending like a sentence
// or too long to be a headline.
func isSentenceLike(p string) bool {
	if !wordsOver(p, 7) {
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

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
