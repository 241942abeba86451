package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"footnote/lexicon"
)

// dateMarker matches the leading " date 2025-05-16" that scraped files put
// before the first line's text; group 1 is the date, group 2 the rest.
var dateMarker = regexp.MustCompile(`(?i)^date:?\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+|$)(.*)$`)

// splitDateMarker removes a leading date marker from the first paragraph,
// returning the date (or "") and the remaining text.
func splitDateMarker(p string) (date, rest string) {
	m := dateMarker.FindStringSubmatch(p)
	if m == nil {
		return "", p
	}
	d, ok := isoDate(m[1])
	if !ok {
		return "", p
	}
	return d, m[2]
}

// monthNames is a regexp alternation of the month names and abbreviations
// the lexicon knows.
var monthNames = strings.Join(lexicon.MonthWords(), "|")

var (
	isoDateRe  = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	mdyDateRe  = regexp.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyDateRe  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?,?\s+(\d{4})\b`)
	datelineKw = regexp.MustCompile(`(?i)\b(?:updated|published|posted|modified|last updated|date|dated|publié|mis à jour|actualizado|publicado|aktualisiert|veröffentlicht)\b`)
	// timeOnly matches what may follow a date on a date-only line.
	timeOnly = regexp.MustCompile(`(?i)^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?\s*(?:\(?(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt)(?:\s*[+-]\s*\d{1,2})?\)?)?$`)
)

// dateline recognises a paragraph that only states when the article was
// published ("China Daily | Updated: 2025-05-17 09:06", "May 17, 2025"),
// returning the date as YYYY-MM-DD.
func dateline(p string) (string, bool) {
	if wordsOver(p, 12) || isSentenceLike(p) {
		return "", false
	}
	date, loc, ok := findDate(p)
	if !ok {
		return "", false
	}
	if datelineKw.MatchString(p) {
		return date, true
	}
	// Without a keyword, accept only a bare date, possibly with a time.
	if strings.TrimSpace(p[:loc[0]]) == "" && timeOnly.MatchString(strings.TrimSpace(p[loc[1]:])) {
		return date, true
	}
	return "", false
}

// findDate finds the first valid date in s in one of the common formats and
// returns it as YYYY-MM-DD with its byte span.
func findDate(s string) (string, []int, bool) {
	if m := isoDateRe.FindStringSubmatchIndex(s); m != nil {
		if d, ok := ymd(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); ok {
			return d, m[:2], true
		}
	}
	if m := mdyDateRe.FindStringSubmatchIndex(s); m != nil {
		if d, ok := ymd(s[m[6]:m[7]], monthNumber(s[m[2]:m[3]]), s[m[4]:m[5]]); ok {
			return d, m[:2], true
		}
	}
	if m := dmyDateRe.FindStringSubmatchIndex(s); m != nil {
		if d, ok := ymd(s[m[6]:m[7]], monthNumber(s[m[4]:m[5]]), s[m[2]:m[3]]); ok {
			return d, m[:2], true
		}
	}
	return "", nil, false
}

func monthNumber(name string) string {
	if m, ok := lexicon.MonthNumber(strings.ToLower(name)); ok {
		return strconv.Itoa(int(m))
	}
	return ""
}

// ymd validates a calendar date and formats it as YYYY-MM-DD.
func ymd(y, m, d string) (string, bool) {
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || yi < 1000 || yi > 9999 {
		return "", false
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", false // 2025-02-30 and the like
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di), true
}

// isoDate validates a YYYY-MM-DD string.
func isoDate(s string) (string, bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return "", false
	}
	return ymd(parts[0], parts[1], parts[2])
}
