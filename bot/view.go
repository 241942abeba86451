package bot

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"footnote/answer"
)

// NoAnswerText stands in for an answer whose text is empty.
const NoAnswerText = "I have no answer to that."

// AnswerView is the one model of an answer that every renderer draws: the
// terminal renderer ([RenderTerminal]) and the Discord renderers (package
// footnote/discord) lay the same fields out differently, and none of them
// decides anything about the answer itself. Build it with [ViewAnswer].
type AnswerView struct {
	// Text is the answer with its [n] markers, trimmed; NoAnswerText when
	// the engine gave none.
	Text string
	// Answered is false for a decline, which shows no sources.
	Answered bool
	// Note is a one-line remark (a fallback, a caveat), or "".
	Note string
	// Unsupported lists the claims no cited passage was found to state,
	// when the engine checked its claims and kept some anyway.
	Unsupported []string
	// Sources are the citations, ordered by marker; empty for a decline.
	Sources []SourceView
	// AsOf says how current the answer is ("as of 9 June 2025", the newest
	// cited article's date); "" when no cited article is dated.
	AsOf string
}

// SourceView is one citation as shown to a person.
type SourceView struct {
	N     int    // the [n] marker
	File  string // the article's file name, one line
	Title string // the article's title, one line; may be ""
	Date  string // the article's date as the corpus gives it; may be ""
	// URL is the article's http(s) address, or "" (also when the corpus
	// gave something that is not an http(s) URL).
	URL string
	// AlsoIn names other files carrying the same passage (wire copies).
	AlsoIn []string
	// Quote is the cited passage, one line, cut at word boundaries to
	// about the limit given to ViewAnswer, around the words it shares with
	// the answer; "" when there is none.
	Quote string
}

// ViewAnswer builds the view of a: text, note, unsupported claims and
// sources with their quotes shortened to about quoteBytes bytes (<= 0:
// not shortened).
func ViewAnswer(a answer.Answer, quoteBytes int) AnswerView {
	v := AnswerView{Text: strings.TrimSpace(a.Text), Answered: a.Answered, Note: OneLine(a.Note), AsOf: answer.FormatAsOf(a.AsOf)}
	if v.Text == "" {
		v.Text = NoAnswerText
	}
	if !a.Answered {
		return v
	}
	for _, c := range a.Claims {
		if !c.Supported && strings.TrimSpace(c.Text) != "" && a.Check != nil {
			v.Unsupported = append(v.Unsupported, OneLine(c.Text))
		}
	}
	cites := slices.Clone(a.Citations)
	sort.SliceStable(cites, func(i, j int) bool { return cites[i].N < cites[j].N })
	for _, c := range cites {
		s := SourceView{N: c.N, File: OneLine(c.Source), Title: OneLine(c.Title), Date: OneLine(c.Date), Quote: OneLine(c.Quote), URL: webURL(c.URL)}
		for _, f := range c.AlsoIn {
			s.AlsoIn = append(s.AlsoIn, OneLine(f))
		}
		if quoteBytes > 0 {
			s.Quote = QuoteAround(s.Quote, a.Text, quoteBytes)
		}
		v.Sources = append(v.Sources, s)
	}
	return v
}

// webURL returns raw when it is an absolute http(s) URL without spaces or
// brackets that would break a markdown link, else "".
func webURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(raw, " \t\n()<>[]") {
		return ""
	}
	return raw
}

// QuoteAround shortens quote to about limit bytes, cut at word boundaries
// (answer.Excerpt) around the stretch of it that shares the most words
// with text (the answer, or the claim the quote backs), so the fact the
// reader is looking for stays in view. With no shared word it keeps the
// start (answer.ShortQuote).
func QuoteAround(quote, text string, limit int) string {
	if len(quote) <= limit {
		return quote
	}
	want := map[string]bool{}
	for _, w := range words(text) {
		want[w.key] = true
	}
	var hits []wordPos
	for _, w := range words(quote) {
		if want[w.key] {
			hits = append(hits, w)
		}
	}
	if len(hits) == 0 {
		return answer.ShortQuote(quote, limit)
	}
	// The window of hits that fits the limit and holds the most of the
	// answer's distinct words, longer words counting more (a repeated "the"
	// says less than "hours").
	bestFrom, bestTo, best := hits[0].from, hits[0].to, 0
	inWindow := map[string]int{}
	score, j := 0, 0
	for i := range hits {
		if inWindow[hits[i].key]++; inWindow[hits[i].key] == 1 {
			score += len(hits[i].key)
		}
		for j < i && hits[i].to-hits[j].from >= limit {
			if inWindow[hits[j].key]--; inWindow[hits[j].key] == 0 {
				score -= len(hits[j].key)
			}
			j++
		}
		if score > best {
			best, bestFrom, bestTo = score, hits[j].from, hits[i].to
		}
	}
	return answer.Excerpt(quote, bestFrom, bestTo, limit)
}

// wordPos is one word of a text: its folded form and byte span.
type wordPos struct {
	key      string
	from, to int
}

// words splits s into letter-or-digit runs, case-folded. Runs of one or
// two bytes ("a", "of", "[1]"'s digit) are skipped: they say little about
// where the fact is.
func words(s string) []wordPos {
	var out []wordPos
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start > 2 {
			out = append(out, wordPos{key: strings.ToLower(s[start:end]), from: start, to: end})
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// OneLine collapses all whitespace runs, newlines included, to single
// spaces, so a title or quote cannot break the layout around it.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
