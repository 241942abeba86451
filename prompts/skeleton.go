package prompts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A skeleton is text as a reader (a person, or a model's tokenizer and
// attention) takes it, for comparing untrusted text with our own markup
// and prompt: NFKC (full-width "＜" and small-form "﹤" are "<", "ﬁ" is
// "fi", mathematical letters are letters), default-ignorable code points
// dropped (zero-width spaces and joiners, the combining grapheme joiner,
// variation selectors, soft hyphens, Unicode TAG characters — however many
// there are), lookalikes folded to the ASCII they imitate, and lower case.
//
// golang.org/x/text has no confusables table (Unicode's confusables.txt),
// so confusableASCII holds the lookalikes that matter here: those of the
// letters of our tag and special-token names, and of "<", ">", "/", "|".
// It need not be complete for the fences to hold, because every "<" of
// untrusted text is escaped whatever follows it (see neutralise); the
// table decides only lookalikes of "<" that NFKC keeps apart, and the
// output leak guard's comparison.

// confusableASCII maps lookalikes that NFKC keeps apart to the ASCII
// character they imitate (after lower-casing).
var confusableASCII = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'i', 'ї': 'i', 'ј': 'j',
	'к': 'k', 'ӏ': 'l', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'г': 'r', 'ѕ': 's', 'т': 't',
	'ѵ': 'v', 'ԝ': 'w', 'х': 'x', 'у': 'y', 'ү': 'y', 'з': '3',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'γ': 'y', 'ϲ': 'c', 'ϳ': 'j', 'ζ': 'z', 'μ': 'u',
	// Latin and other scripts
	'ı': 'i', 'ɩ': 'i', 'ɡ': 'g', 'ɑ': 'a', 'ʀ': 'r', 'ꜱ': 's', 'ᴀ': 'a', 'ᴇ': 'e', 'ᴏ': 'o', 'ᴜ': 'u',
	'ո': 'n', 'ս': 'u', 'օ': 'o', 'ց': 'g', 'Ꭺ': 'a', 'Ꮪ': 's', 'Ꭼ': 'e', 'ǀ': 'l',
	// Punctuation our markup is made of
	'‹': '<', '˂': '<', 'ᐸ': '<', '❮': '<', '〈': '<', '⟨': '<', '≺': '<',
	'›': '>', '˃': '>', 'ᐳ': '>', '❯': '>', '〉': '>', '⟩': '>', '≻': '>',
	'⁄': '/', '∕': '/', '⟋': '/', '╱': '/', '⧸': '/', '〳': '/', 'ᐟ': '/',
	'∣': '|', '❘': '|', '│': '|', '⏐': '|', '┃': '|', '￨': '|',
	'ˍ': '_', '‗': '_',
}

// ignorable reports whether r is a default-ignorable code point: text that
// renders as nothing, which a tokenizer may still pass to the model.
func ignorable(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r) || r == '\u034f'
}

// isTagChar reports whether r is a Unicode TAG character (U+E0000–E007F),
// which mirrors ASCII invisibly ("ASCII smuggling").
func isTagChar(r rune) bool { return r >= 0xE0000 && r <= 0xE007F }

// skeletonRune appends r's skeleton to dst.
func skeletonRune(dst []rune, r rune) []rune {
	if ignorable(r) {
		return dst
	}
	if r < utf8.RuneSelf {
		return append(dst, unicode.ToLower(r))
	}
	for _, k := range norm.NFKC.String(string(r)) {
		if ignorable(k) {
			continue
		}
		k = unicode.ToLower(k)
		if c, ok := confusableASCII[k]; ok {
			k = c
		}
		dst = append(dst, k)
	}
	return dst
}

// Skeleton returns the skeleton of s (see above): what s reads as, for
// comparing it with text footnote wrote.
func Skeleton(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = skeletonRune(out, r)
	}
	return string(out)
}

// LetterSkeleton is the skeleton of s with only its letters and digits:
// spaces, dashes and other punctuation put between the words or letters of
// a text do not change it. The output leak guard compares these.
func LetterSkeleton(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var buf []rune
	for _, r := range s {
		buf = skeletonRune(buf[:0], r)
		for _, k := range buf {
			if unicode.IsLetter(k) || unicode.IsDigit(k) {
				b.WriteRune(k)
			}
		}
	}
	return b.String()
}
