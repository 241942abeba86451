package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// blocks groups trimmed lines into runs of non-empty lines separated by
// blank lines.
func blocks(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range lines {
		if l == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// textParagraphs turns the lines of a plain-text file into paragraphs. In
// scraped news files every line is its own paragraph, blank line or not, so
// that is the rule; the exception is a block that was hard-wrapped at a
// fixed width, whose lines are joined back into one paragraph.
func textParagraphs(lines []string) []string {
	var out []string
	for _, b := range blocks(lines) {
		if isHardWrapped(b) {
			out = append(out, strings.Join(b, " "))
			continue
		}
		out = append(out, b...)
	}
	return out
}

// isHardWrapped reports whether a block looks like one paragraph broken at
// a fixed column: every line but the last is of similar, moderate length,
// none is a list item, and most of them stop mid-sentence. Lines that each
// end a sentence are kept apart: they are more likely separate paragraphs.
func isHardWrapped(b []string) bool {
	if len(b) < 2 {
		return false
	}
	midSentence := 0
	for i, l := range b {
		if isListItem(l) {
			return false
		}
		n := utf8.RuneCountInString(l)
		if n > 100 {
			return false
		}
		if i == len(b)-1 {
			continue
		}
		if n < 40 {
			return false
		}
		if !endsSentence(l) {
			midSentence++
		}
	}
	return midSentence*2 > len(b)-1
}

var (
	mdHeading   = regexp.MustCompile(`^#{1,6}(?:\s+(.*?))?(?:\s+#+)?$`)
	mdRule      = regexp.MustCompile(`^(?:[-*_=]\s*){3,}$`)
	mdFence     = regexp.MustCompile("^(?:```|~~~)")
	mdImage     = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink      = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink   = regexp.MustCompile(`^\[[^\]]+\]:\s*\S+`)
	mdStrong    = regexp.MustCompile(`\*\*|__`)
	mdEmphasis  = regexp.MustCompile(`\*([^*\s](?:[^*]*[^*\s])?)\*`)
	mdCode      = regexp.MustCompile("`+")
	mdHTMLBreak = regexp.MustCompile(`(?i)<br\s*/?>`)
)

// markdownParagraphs turns the lines of a Markdown file into paragraphs:
// consecutive lines of a block join into one paragraph (Markdown's soft
// line breaks), headings, list items and table rows stand alone, and the
// markup that is not text (#, **, link targets, fences, rules) is removed.
func markdownParagraphs(lines []string) []string {
	var out []string
	var cur []string // lines of the paragraph being built
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, b := range blocks(lines) {
		joinable := false // whether the previous line of the block takes continuations
		for _, l := range b {
			text, standalone, ok := markdownLine(l)
			if !ok {
				joinable = false
				continue
			}
			if joinable && !standalone && !isListItem(text) {
				cur = append(cur, text)
				continue
			}
			flush()
			cur = append(cur, text)
			// A list item takes lazy continuation lines; a heading or table row does not.
			joinable = !standalone
		}
		flush()
	}
	return out
}

// markdownLine strips the markup of one line. standalone marks headings and
// table rows; ok is false for lines that carry no text (rules, fences,
// reference link definitions).
func markdownLine(l string) (text string, standalone, ok bool) {
	switch {
	case mdFence.MatchString(l), mdRule.MatchString(l), mdRefLink.MatchString(l):
		return "", false, false
	case strings.HasPrefix(l, "|"):
		standalone = true
	}
	for strings.HasPrefix(l, ">") {
		l = strings.TrimSpace(l[1:])
	}
	if m := mdHeading.FindStringSubmatch(l); m != nil {
		l, standalone = m[1], true
	}
	l = mdImage.ReplaceAllString(l, "$1")
	l = mdLink.ReplaceAllString(l, "$1")
	l = mdStrong.ReplaceAllString(l, "")
	l = mdEmphasis.ReplaceAllString(l, "$1")
	l = mdCode.ReplaceAllString(l, "")
	l = mdHTMLBreak.ReplaceAllString(l, " ")
	l = collapseSpaces(l)
	if l == "" {
		return "", false, false
	}
	return l, standalone, true
}
