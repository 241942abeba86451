package corpus

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// ErrNoText is returned by [Clean] for a file with no article text left
// after cleaning (empty, only whitespace, or only boilerplate).
var ErrNoText = errors.New("no article text")

// ErrNotText is returned by [Clean], wrapped together with [ErrNoText], for a
// file whose bytes are mostly not UTF-8 text: a binary file, or one in another encoding (UTF-16, a legacy
// code page), misnamed .txt. Indexing its repaired bytes would put runs of
// U+FFFD and fragments into answers.
var ErrNotText = errors.New("not UTF-8 text")

// maxNonTextShare is the share of a file's bytes, as a fraction
// 1/maxNonTextShare, that may be invalid UTF-8 or control characters before
// [Clean] refuses it. Random binary data is about half; a Latin-1 article
// with its accents is a few percent.
const maxNonTextShare = 4

// maxTitleRunes is the length above which a first line is shortened for the
// title: the first line of some files is a whole paragraph.
const maxTitleRunes = 120

// Clean turns the raw bytes of one article file into an [Article]. source is
// the file's slash path; its extension chooses plain-text or Markdown rules.
//
// Cleaning decodes Windows-1252 files and repairs invalid UTF-8 (noted in
// Warnings), extracts the main text of HTML pages (go-readability), normalises
// whitespace, makes every line its own paragraph (Markdown soft-wrapped and
// plain-text hard-wrapped paragraphs are joined back), reads the date from
// front matter, a leading " date YYYY-MM-DD" marker, the page's metadata or
// a dateline (in that order), and drops what is not the article: navigation
// above the first sentence, share buttons, footers and headline lists, photo
// captions, bylines, the dateline's place and agency, and repeated paragraphs. Title is the
// first remaining paragraph, shortened when long; Text keeps it.
//
// The only error is one wrapping [ErrNoText]; for a file that is mostly
// invalid UTF-8 or control characters it wraps [ErrNotText] too.
func Clean(source string, raw []byte) (Article, error) {
	art := Article{Source: source, Size: int64(len(raw))}
	lines, warnings, nonText := normalizeLines(raw)
	art.Warnings = warnings
	if nonText > 0 && nonText >= len(raw)/maxNonTextShare {
		return art, fmt.Errorf("%s: %w: %w (%d of %d bytes are invalid UTF-8 or control characters)", source, ErrNoText, ErrNotText, nonText, len(raw))
	}

	var fm frontMatter
	var paras []string
	var page htmlDoc
	switch {
	case isHTML(source, raw):
		var err error
		if page, err = extractHTML(strings.Join(lines, "\n")); err != nil {
			return art, fmt.Errorf("%s: %w: %w", source, ErrNoText, err)
		}
		paras = page.paras
	case isMarkdown(source):
		fm, lines = splitFrontMatter(lines)
		paras = markdownParagraphs(lines)
	default:
		fm, lines = splitFrontMatter(lines)
		paras = textParagraphs(lines)
	}

	paras, markerDate, lineDate := bodyParagraphs(paras)
	// The first source of a date wins: front matter, the date marker, the
	// page's metadata, a dateline.
	art.Date = firstNonEmpty(fm.date, markerDate, page.date, lineDate)
	art.URL = firstNonEmpty(fm.url, page.url)
	if len(paras) == 0 {
		return art, fmt.Errorf("%s: %w", source, ErrNoText)
	}
	art.Text = strings.Join(paras, "\n\n")
	art.Title = firstNonEmpty(fm.title, page.title)
	if art.Title == "" {
		art.Title = shortTitle(paras[0])
	}
	return art, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func isMarkdown(source string) bool {
	switch strings.ToLower(path.Ext(source)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// bodyParagraphs strips the date marker, the boilerplate, photo captions,
// bylines and datelines from an article's paragraphs and returns what is
// left with the marker's date and the first dateline's date.
func bodyParagraphs(paras []string) (kept []string, markerDate, lineDate string) {
	if len(paras) > 0 {
		var rest string
		markerDate, rest = splitDateMarker(paras[0])
		if rest == "" {
			paras = paras[1:]
		} else {
			paras[0] = rest
		}
	}
	drop, lineDate := header(paras)
	kept = make([]string, 0, len(paras))
	cut := false // one story has one dateline
	for i, p := range paras {
		if drop[i] || isChrome(p) || isCaption(p) || isByline(p) {
			continue
		}
		if !cut && i < headerScan {
			if rest, d, ok := splitDateline(p); ok {
				p, cut = rest, true
				if lineDate == "" {
					lineDate = d
				}
			}
		}
		kept = append(kept, trimCredit(p))
	}
	kept = cutFooter(kept)
	return dedupe(kept), markerDate, lineDate
}

// shortTitle returns p, or its first maxTitleRunes runes cut at a word
// boundary with "…" when p is longer.
func shortTitle(p string) string {
	if utf8.RuneCountInString(p) <= maxTitleRunes {
		return p
	}
	cut, n := 0, 0
	for i := range p {
		if n == maxTitleRunes-1 {
			cut = i
			break
		}
		n++
	}
	head := p[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	head = strings.TrimRight(head, " ,;:-–—")
	return head + "…"
}
