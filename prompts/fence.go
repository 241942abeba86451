package prompts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fenceNames are the prompt's own tag names. A tag of another name (<b>,
// <3) is harmless and left alone, so article text is quoted as written.
var fenceNames = []string{"passage", "question", "history", "system", "user", "assistant", "instruction", "instructions"}

// maxTagScan bounds how far after a "<" neutralise looks for a tag name.
const maxTagScan = 64

// neutralise makes untrusted text unable to close or fake a fence: the "<"
// of anything that reads as one of the prompt's tags, opening or closing,
// in any case and spacing ("</passage>", "< passage n=9>", "<QUESTION"),
// becomes "‹", which reads the same to a person but is no longer markup.
// Invisible characters do not hide a tag: Unicode spaces and format
// characters (zero-width space, joiners, BOM, soft hyphen) between "<", "/"
// and the name, or inside the name, are skipped when matching, because a
// model reading "<\u200b/passage>" may well see a closing tag.
func neutralise(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if startsFenceTag(s[i+1:]) {
			b.WriteString("‹")
		} else {
			b.WriteByte('<')
		}
		s = s[i+1:]
	}
}

// startsFenceTag reports whether rest, the text after a "<", starts with
// optional space, an optional "/", optional space and then one of
// fenceNames as a whole word (case-insensitively, invisible characters
// skipped).
func startsFenceTag(rest string) bool {
	var name []rune
	slash := false
scan:
	for scanned := 0; rest != "" && scanned < maxTagScan; scanned++ {
		r, size := utf8.DecodeRuneInString(rest)
		rest = rest[size:]
		switch {
		case unicode.Is(unicode.Cf, r):
			// invisible anywhere
		case len(name) == 0 && unicode.IsSpace(r):
		case len(name) == 0 && r == '/' && !slash:
			slash = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			name = append(name, r)
		default:
			break scan
		}
	}
	for _, n := range fenceNames {
		if strings.EqualFold(string(name), n) {
			return true
		}
	}
	return false
}

// attrEscaper escapes an attribute value so it cannot end its quotes.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;")

// attr makes untrusted text safe as a one-line, double-quoted attribute value.
func attr(s string) string {
	return attrEscaper.Replace(strings.Join(strings.Fields(s), " "))
}
