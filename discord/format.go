package discord

import (
	"fmt"
	"slices"
	"strings"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
)

// QuoteRunes is roughly the longest quote FormatAnswer shows per source; a
// longer one is cut at word boundaries around the words it shares with the
// answer, and marked with "…".
const QuoteRunes = 150

// FormatAnswer renders an answer as Discord markdown: the answer text with
// its [n] markers, an italic note when the engine fell back or has a remark,
// then a sources block with one entry per citation:
//
//	**Sources**
//	[1] `004_c2f305a5063d9f21.txt` — *Title* (2025-05-16)
//	> “short quote…”
//
// (The quote sits on its own line because Discord only renders a block quote
// at the start of a line.) A declined answer (Answered false) is the plain
// statement and the note, without a sources block. It draws the shared
// model of an answer (bot.ViewAnswer), as the terminal renderer does. Text
// from the model and the corpus is passed through [Escape], so it cannot
// ping anyone.
func FormatAnswer(a answer.Answer) string {
	return formatView(bot.ViewAnswer(a, QuoteRunes))
}

// formatView renders an answer view as Discord markdown.
func formatView(v bot.AnswerView) string {
	var b strings.Builder
	b.WriteString(Escape(v.Text))
	if tail := viewTail(v); tail != "" {
		b.WriteString("\n\n" + tail)
	}
	if len(v.Sources) > 0 {
		b.WriteString("\n\n**Sources**")
		for _, s := range v.Sources {
			fmt.Fprintf(&b, "\n[%d] %s", s.N, codeSpan(s.File))
			if s.Title != "" {
				b.WriteString(" — *" + escapeMarkdown(Escape(s.Title)) + "*")
			}
			if s.Date != "" {
				b.WriteString(" (" + escapeMarkdown(Escape(s.Date)) + ")")
			}
			if s.Quote != "" {
				b.WriteString("\n> “" + escapeMarkdown(Escape(s.Quote)) + "”")
			}
		}
	}
	return b.String()
}

// viewTail is the italic note and the list of claims no passage states,
// as markdown; "" when there is neither.
func viewTail(v bot.AnswerView) string {
	var parts []string
	if v.AsOf != "" {
		parts = append(parts, "*"+escapeMarkdown(Escape(strings.ToUpper(v.AsOf[:1])+v.AsOf[1:]))+"*")
	}
	if v.Note != "" {
		parts = append(parts, "*"+escapeMarkdown(Escape(v.Note))+"*")
	}
	if len(v.Unsupported) > 0 {
		lines := []string{"*Not stated by the cited passages:*"}
		for _, c := range v.Unsupported {
			lines = append(lines, "- "+escapeMarkdown(Escape(c)))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// SourcesPerPage caps the articles one /sources reply lists, so a corpus of
// thousands is one message, not hundreds.
const SourcesPerPage = 15

// FormatSources renders the first page of the corpus listing for /sources
// (see FormatSourcesPage).
func FormatSources(arts []corpus.Article) string { return FormatSourcesPage(arts, 1) }

// FormatSourcesPage renders one page of the corpus listing for /sources:
// the count, then up to SourcesPerPage numbered lines, newest first, with
// file, title, date (when known) and size, and how to see the next page.
// A page past the end shows the last one.
func FormatSourcesPage(arts []corpus.Article, page int) string {
	return FormatSourcesQuery(arts, "", page)
}

// FormatSourcesQuery is FormatSourcesPage for the articles a /sources
// query: matched (arts is already filtered; query "" means all).
func FormatSourcesQuery(arts []corpus.Article, query string, page int) string {
	query = bot.OneLine(query)
	if len(arts) == 0 {
		if query != "" {
			return "No article's file or title holds " + codeSpan(query) + ". Try `/sources` for the whole list."
		}
		return "No articles are loaded."
	}
	sorted := slices.Clone(arts)
	sortNewestFirst(sorted)
	pages := (len(sorted) + SourcesPerPage - 1) / SourcesPerPage
	page = min(max(page, 1), pages)
	from := (page - 1) * SourcesPerPage
	to := min(from+SourcesPerPage, len(sorted))
	var b strings.Builder
	noun := "articles"
	if len(sorted) == 1 {
		noun = "article"
	}
	fmt.Fprintf(&b, "**Sources** — %d %s", len(sorted), noun)
	if query != "" {
		b.WriteString(" matching " + codeSpan(query))
	}
	if pages > 1 {
		fmt.Fprintf(&b, ", newest first (page %d of %d)", page, pages)
	}
	for i, a := range sorted[from:to] {
		fmt.Fprintf(&b, "\n%d. %s", from+i+1, codeSpan(a.Source))
		if title := bot.OneLine(a.Title); title != "" {
			b.WriteString(" — *" + escapeMarkdown(Escape(answer.ShortQuote(title, 60))) + "*")
		}
		if a.Date != "" {
			b.WriteString(" — " + escapeMarkdown(bot.OneLine(a.Date)))
		}
		b.WriteString(" — " + bot.FormatSize(a.Size))
	}
	if page < pages {
		if query != "" {
			fmt.Fprintf(&b, "\n\nMore: `/sources query:%s page:%d`", strings.ReplaceAll(query, "`", "'"), page+1)
		} else {
			fmt.Fprintf(&b, "\n\nMore: `/sources page:%d`", page+1)
		}
	}
	return b.String()
}

// codeSpan wraps a file name in backticks. A name containing a backtick
// (legal on disk) gets double backticks and padding so it still renders.
func codeSpan(s string) string {
	s = bot.OneLine(s)
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return "`` " + strings.ReplaceAll(s, "``", "` `") + " ``"
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
