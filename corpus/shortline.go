package corpus

import (
	"unicode"
	"unicode/utf8"
)

// maxPhraseTokens bounds the words of the chrome, share and footer phrases
// matched as whole lines; a test checks every phrase against it.
const maxPhraseTokens = 6

// moreTokens reports whether s holds more than n runs of letters and
// digits, stopping as soon as it knows. Lowercasing, trimming punctuation
// from the ends and collapsing spaces (see [phrase]) keep the number of
// runs, so a line with more runs than any phrase cannot be one: most
// article paragraphs are ruled out after a few words instead of being
// lowercased and rebuilt.
func moreTokens(s string, n int) bool {
	runs, in := 0, false
	for _, r := range s {
		word := false
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsNumber(r)
		}
		if word && !in {
			runs++
			if runs > n {
				return true
			}
		}
		in = word
	}
	return false
}
