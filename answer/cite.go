package answer

import (
	"slices"
	"strings"
	"time"

	"footnote/lexicon"
	"footnote/retrieval"
)

// FromPassage starts the citation of passage p as marker n with what the
// index knows of its article (file, title, publish date, URL, the wire
// copies that repeat it) and the passage itself. Both engines cite through it; they add the quote
// and its span.
func FromPassage(n int, p retrieval.Passage) Citation {
	return Citation{
		N:      n,
		Source: p.Source,
		Title:  p.Title,
		Date:   p.Date,
		URL:    p.URL,
		AlsoIn: slices.Clone(p.AlsoIn),

		Passage:      p.Text,
		PassageStart: p.Start,
	}
}

// AsOf returns the newest date among the citations ("" when none is dated).
func AsOf(cites []Citation) string {
	newest := ""
	for _, c := range cites {
		newest = max(newest, c.Date)
	}
	return newest
}

// Dated fills ans.AsOf from its citations. Engines call it on every answer
// they return.
func Dated(ans Answer) Answer {
	ans.AsOf = ""
	if ans.Answered {
		ans.AsOf = AsOf(ans.Citations)
	}
	return ans
}

// Query is the retrieval query for text on behalf of r: r's date and
// source filters, and a recency prior when the question asks for the
// newest state of things ("latest", "now", "still").
func (r Request) Query(text string, k int) retrieval.Query {
	return retrieval.Query{Text: text, K: k, Since: r.Since, Until: r.Until, Sources: r.Sources, Recency: Recency(r.Question)}
}

// Recency returns how strongly question asks for newer articles, in
// [0, 1]: 1 when it holds a recency word (lexicon.IsRecencyWord), else 0.
func Recency(question string) float64 {
	for _, w := range retrieval.Words(question) {
		if lexicon.IsRecencyWord(w) {
			return 1
		}
	}
	return 0
}

// FormatAsOf renders an answer's date for people: "as of 16 May 2025".
func FormatAsOf(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	return "as of " + strings.TrimSpace(t.Format("2 January 2006"))
}
