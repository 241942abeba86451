package bot

import (
	"strings"
	"unicode/utf8"
)

// Wrap fits rendered terminal text to width columns by breaking lines at
// spaces, so a terminal never cuts a word in two. A continued line keeps
// the indentation of its first line, plus the width of a leading list
// marker ("[1] ", "12. "), so sources and quotes stay aligned. ANSI style
// sequences take no columns. A word longer than the width is left whole.
// width <= 0 returns text unchanged (a pipe).
func Wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = wrapLine(l, width)
	}
	return strings.Join(lines, "\n")
}

// wrapLine wraps one line.
func wrapLine(line string, width int) string {
	if visibleLen(line) <= width {
		return line
	}
	indent := hangIndent(line)
	if indent >= width/2 {
		indent = 0
	}
	body := strings.TrimLeft(line, " ")
	lead := len(line) - len(body)
	var b strings.Builder
	b.WriteString(line[:lead])
	col := lead
	for i, word := range strings.Split(body, " ") {
		w := visibleLen(word)
		if i > 0 {
			if col+1+w > width && col > indent {
				b.WriteString("\n" + strings.Repeat(" ", indent))
				col = indent
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
}

// hangIndent is the column where a continued line starts: the leading
// spaces, plus a list marker after them.
func hangIndent(line string) int {
	plain := stripANSI(line)
	n := len(plain) - len(strings.TrimLeft(plain, " "))
	rest := plain[n:]
	if j := strings.IndexByte(rest, ' '); j > 0 && j <= 6 {
		m := rest[:j]
		if (m[0] == '[' && m[j-1] == ']') || (m[j-1] == '.' && strings.Trim(m[:j-1], "0123456789") == "") {
			n += j + 1
		}
	}
	return n
}

// visibleLen counts the columns s takes, skipping ANSI sequences.
func visibleLen(s string) int { return utf8.RuneCountInString(stripANSI(s)) }

// stripANSI removes ANSI CSI sequences ("\x1b[1m").
func stripANSI(s string) string {
	if !strings.Contains(s, "\x1b[") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
