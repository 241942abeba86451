package bot

import (
	"fmt"
	"strings"

	"footnote/answer"
	"footnote/corpus"
)

// TerminalQuoteBytes is about the longest quote the terminal renderer shows
// per source.
const TerminalQuoteBytes = 200

// ANSI styles of the terminal renderer.
const (
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// RenderTerminal draws a reply for a terminal or a pipe: plain text, no
// markdown and no Discord escapes. With color, headings and markers are
// bold and quotes, dates and notes dim (ANSI); callers pass false when the
// output is not a terminal or NO_COLOR is set. The result ends without a
// newline.
func RenderTerminal(r Reply, color bool) string {
	st := style{color: color}
	switch r.Kind {
	case ReplyAnswer:
		if r.Answer == nil {
			return NoAnswerText
		}
		return TerminalAnswer(ViewAnswer(*r.Answer, TerminalQuoteBytes), color)
	case ReplySources:
		return terminalSources(r.Sources, st)
	default: // help, errors and anything newer: the core's light markup
		return st.inline(strings.TrimSpace(r.Text))
	}
}

// TerminalAnswer draws an answer view: the text, the note, claims no
// passage supports, then the sources, each with its title and date and the
// quoted passage on the next line:
//
//	Sources
//	  [1] 004_c2f305a5063d9f21.txt — Russia-Ukraine peace talks (2025-05-16)
//	      “…concluded on Friday after less than two hours…”
func TerminalAnswer(v AnswerView, color bool) string {
	st := style{color: color}
	var b strings.Builder
	b.WriteString(v.Text)
	if v.Note != "" {
		b.WriteString("\n\n" + st.dim(v.Note))
	}
	if len(v.Unsupported) > 0 {
		b.WriteString("\n\n" + st.dim("Not stated by the cited passages:"))
		for _, c := range v.Unsupported {
			b.WriteString("\n  " + st.dim("- "+c))
		}
	}
	if len(v.Sources) == 0 {
		return b.String()
	}
	heading := "Sources"
	if v.AsOf != "" {
		heading += " (" + v.AsOf + ")"
	}
	b.WriteString("\n\n" + st.bold(heading))
	for _, s := range v.Sources {
		b.WriteString("\n  " + st.bold(fmt.Sprintf("[%d]", s.N)) + " " + s.File)
		if s.Title != "" {
			b.WriteString(" — " + s.Title)
		}
		if s.Date != "" {
			b.WriteString(" " + st.dim("("+s.Date+")"))
		}
		if s.URL != "" {
			b.WriteString("\n      " + s.URL)
		}
		if len(s.AlsoIn) > 0 {
			b.WriteString("\n      " + st.dim("also in: "+strings.Join(s.AlsoIn, ", ")))
		}
		if s.Quote != "" {
			b.WriteString("\n      " + st.dim("“"+s.Quote+"”"))
		}
	}
	return b.String()
}

// terminalSources lists the corpus: a count, then one line per article.
func terminalSources(arts []corpus.Article, st style) string {
	if len(arts) == 0 {
		return "No articles are loaded."
	}
	var b strings.Builder
	noun := "articles"
	if len(arts) == 1 {
		noun = "article"
	}
	b.WriteString(st.bold("Sources") + fmt.Sprintf(" — %d %s", len(arts), noun))
	for i, a := range arts {
		fmt.Fprintf(&b, "\n  %d. %s", i+1, OneLine(a.Source))
		if t := OneLine(a.Title); t != "" {
			b.WriteString(" — " + answer.ShortQuote(t, 100))
		}
		var meta []string
		if a.Date != "" {
			meta = append(meta, OneLine(a.Date))
		}
		meta = append(meta, FormatSize(a.Size))
		b.WriteString(" " + st.dim("("+strings.Join(meta, ", ")+")"))
	}
	return b.String()
}

// style applies ANSI attributes when color is on.
type style struct{ color bool }

func (s style) bold(t string) string { return s.wrap(ansiBold, t) }
func (s style) dim(t string) string  { return s.wrap(ansiDim, t) }

func (s style) wrap(code, t string) string {
	if !s.color || t == "" {
		return t
	}
	return code + t + ansiReset
}

// inline draws the core's light markup (**bold** and `code`, used in help
// and error texts so each transport can render it) for a terminal: bold
// for both when color is on, else the bare text.
func (s style) inline(t string) string {
	var b strings.Builder
	for t != "" {
		i := strings.IndexAny(t, "*`")
		if i < 0 {
			b.WriteString(t)
			break
		}
		b.WriteString(t[:i])
		t = t[i:]
		delim := "`"
		if strings.HasPrefix(t, "**") {
			delim = "**"
		} else if t[0] == '*' {
			b.WriteByte('*')
			t = t[1:]
			continue
		}
		end := strings.Index(t[len(delim):], delim)
		if end < 0 {
			b.WriteString(t)
			break
		}
		b.WriteString(s.bold(t[len(delim) : len(delim)+end]))
		t = t[len(delim)+end+len(delim):]
	}
	return b.String()
}

// FormatSize renders a byte count for people: "812 B", "4.2 KB", "1.3 MB".
func FormatSize(n int64) string {
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
