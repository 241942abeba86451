package prompts

import (
	"regexp"
	"strings"
)

// fenceTag matches the start of anything that reads as one of the prompt's
// own tags, opening or closing, in any case and spacing: "</passage>",
// "< passage n=9>", "<QUESTION". Tags of other names (<b>, <3) are harmless
// and left alone, so article text is quoted as written.
var fenceTag = regexp.MustCompile(`(?i)<(\s*/?\s*(?:passage|question|history|system|user|assistant|instructions?)\b)`)

// neutralise makes untrusted text unable to close or fake a fence: the "<"
// of a tag-like sequence becomes "‹", which reads the same to a person but
// is no longer markup.
func neutralise(s string) string {
	return fenceTag.ReplaceAllString(s, "‹$1")
}

// attrEscaper escapes an attribute value so it cannot end its quotes.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;")

// attr makes untrusted text safe as a one-line, double-quoted attribute value.
func attr(s string) string {
	return attrEscaper.Replace(strings.Join(strings.Fields(s), " "))
}
