package discord

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/answer"
	"footnote/corpus"
)

// QuoteRunes is roughly the longest quote FormatAnswer shows per source; a
// longer one is cut at a word boundary and ends with "…".
const QuoteRunes = 150

// FormatAnswer renders an answer as Discord markdown: the answer text with
// its [n] markers, an italic note when the engine fell back or has a remark,
// then a sources block with one entry per citation:
//
//	**Sources**
//	[1] `004_c2f305a5063d9f21.txt` — *Title*
//	> “short quote…”
//
// (The quote sits on its own line because Discord only renders a block quote
// at the start of a line.) A declined answer (Answered false) is the plain
// statement and the note, without a sources block. Text from the model and
// the corpus is passed through [Escape], so it cannot ping anyone.
func FormatAnswer(a answer.Answer) string {
	var b strings.Builder
	text := strings.TrimSpace(a.Text)
	if text == "" {
		text = "I have no answer to that."
	}
	b.WriteString(Escape(text))
	if note := oneLine(a.Note); note != "" {
		b.WriteString("\n\n*" + escapeMarkdown(Escape(note)) + "*")
	}
	if a.Answered && len(a.Citations) > 0 {
		b.WriteString("\n\n" + formatCitations(a.Citations))
	}
	return b.String()
}

// formatCitations renders the sources block, ordered by marker number.
func formatCitations(cits []answer.Citation) string {
	sorted := append([]answer.Citation(nil), cits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].N < sorted[j].N })
	var b strings.Builder
	b.WriteString("**Sources**")
	for _, c := range sorted {
		fmt.Fprintf(&b, "\n[%d] %s", c.N, codeSpan(c.Source))
		if title := oneLine(c.Title); title != "" {
			b.WriteString(" — *" + escapeMarkdown(Escape(title)) + "*")
		}
		if quote := shorten(oneLine(c.Quote), QuoteRunes); quote != "" {
			b.WriteString("\n> “" + escapeMarkdown(Escape(quote)) + "”")
		}
	}
	return b.String()
}

// FormatSources renders the corpus listing for /sources: one numbered line
// per article with its file, title, date (when known) and size.
func FormatSources(arts []corpus.Article) string {
	if len(arts) == 0 {
		return "No articles are loaded."
	}
	var b strings.Builder
	noun := "articles"
	if len(arts) == 1 {
		noun = "article"
	}
	fmt.Fprintf(&b, "**Sources** — %d %s", len(arts), noun)
	for i, a := range arts {
		fmt.Fprintf(&b, "\n%d. %s", i+1, codeSpan(a.Source))
		if title := oneLine(a.Title); title != "" {
			b.WriteString(" — *" + escapeMarkdown(Escape(title)) + "*")
		}
		if a.Date != "" {
			b.WriteString(" — " + escapeMarkdown(oneLine(a.Date)))
		}
		b.WriteString(" — " + formatSize(a.Size))
	}
	return b.String()
}

// formatSize renders a byte count for people: "812 B", "4.2 KB", "1.3 MB".
func formatSize(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d B", n)
	case n < k*k:
		return fmt.Sprintf("%.1f KB", float64(n)/k)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(k*k))
	}
}

// codeSpan wraps a file name in backticks. A name containing a backtick
// (legal on disk) gets double backticks and padding so it still renders.
func codeSpan(s string) string {
	s = oneLine(s)
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return "`` " + strings.ReplaceAll(s, "``", "` `") + " ``"
}

// oneLine collapses all whitespace runs, newlines included, to single
// spaces, so a title or quote cannot break the markdown structure around it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// shorten returns s cut to at most about n runes at a word boundary, with
// "…" appended when anything was cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)[:n]
	cut := len(runes)
	// Back up to a space, but not so far that little is left.
	for i := len(runes) - 1; i > n/2; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// escapeMarkdown backslash-escapes the characters Discord markdown gives a
// meaning to inside a line, so a title with an asterisk cannot end the
// italics around it early.
func escapeMarkdown(s string) string {
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markdownSpecial lists the characters escapeMarkdown escapes.
const markdownSpecial = "\\*_`~|"
