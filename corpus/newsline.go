package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A dateline opens a news story with where (and sometimes when and which
// agency) it was filed: "ISTANBUL (Reuters) – …", "PORTLAND, June 2, 2025 —
// …", "KYIV, Ukraine (AP) — …", "WASHINGTON, May 3 (Reuters) - …". It is
// not part of the story's sentences, so it is cut from the paragraph, and
// its date, when it has a year, dates an article that states no other.

// maxDatelineBytes bounds how far into a paragraph the dash ending a
// dateline may sit.
const maxDatelineBytes = 90

// datelineDash matches the dash that ends a dateline and the space after it.
var datelineDash = regexp.MustCompile(`\s(?:--|[—–-])\s+`)

// agency matches a parenthesised agency or place note inside a dateline.
var agency = regexp.MustCompile(`\([^()]{1,40}\)`)

// splitDateline cuts a leading dateline from p. It returns the rest of the
// paragraph, the dateline's date (YYYY-MM-DD or ""), and ok when p opened
// with a dateline.
func splitDateline(p string) (rest, date string, ok bool) {
	loc := datelineDash.FindStringIndex(p[:min(len(p), maxDatelineBytes)])
	if loc == nil || loc[0] == 0 {
		return p, "", false
	}
	head, rest := strings.TrimSpace(p[:loc[0]]), p[loc[1]:]
	if rest == "" || !startsSentence(rest) || endsSentence(head) || wordsOver(head, 10) {
		return p, "", false
	}
	d, span, hasDate := findDate(head)
	place := head
	if hasDate {
		place = head[:span[0]]
	}
	place = strings.TrimSpace(agency.ReplaceAllString(place, " "))
	place = strings.TrimRight(place, ", ")
	if place == "" || !isPlace(place, hasDate || agency.MatchString(head)) {
		return p, "", false
	}
	return rest, d, true
}

// isPlace reports whether s reads as a dateline's place: its first word in
// capitals ("ISTANBUL", "ST. LOUIS, Mo."), or, when a date or an agency
// follows it, capitalised words ("Portland, Ore.").
func isPlace(s string, lenient bool) bool {
	fields := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(fields) == 0 || len(fields) > 6 {
		return false
	}
	first := strings.TrimRight(fields[0], ".")
	if utf8.RuneCountInString(first) >= 2 && isUpperWord(first) {
		return true
	}
	if !lenient {
		return false
	}
	for _, f := range fields {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isUpperWord reports whether every letter of w is upper case.
func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// startsSentence reports whether s begins like a sentence: a capital, a
// digit or an opening quote.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘«`, r)
}

// captionCredit matches the credit that ends a photo caption:
// "[Photo/Agencies]", "(AP Photo/Jane Doe)", "(Photo: Reuters)",
// "Photo: AFP", "REUTERS/Jane Doe", "Photograph: …", "Image: …".
var captionCredit = regexp.MustCompile(`(?:(?i:[\[(](?:[\p{L} ]+ )?(?:photo|photograph|picture|image|pic)s?\b[^\])]{0,60}[\])])|\b(?:Photo|Photograph|Image|Picture|Credit)s?\s*:\s*\p{Lu}[\p{L}/ .&'-]{1,50}|\b(?:REUTERS|AFP|AP|EPA|Getty Images)/\p{Lu}[\p{L} .'-]{1,40})\s*\.?$`)

// barCredit matches the photo or agency credit a paragraph ends with after
// a bar, behind its last sentence: "… in Ukraine. | BGNES", "… | AFP",
// "… | Jane Doe/AFP". Each of its one to four words is capitalised, so a
// short sentence after a bar ("… | Police arrived late.") is no credit.
var barCredit = regexp.MustCompile(`([.!?"”’])\s*\|\s*\p{Lu}[\p{L}/.&'-]*(?: \p{Lu}[\p{L}/.&'-]*){0,3}$`)

// trimCredit cuts a credit that barCredit matches from the end of p.
func trimCredit(p string) string {
	if !strings.Contains(p, "|") {
		return p
	}
	if m := barCredit.FindStringSubmatchIndex(p); m != nil {
		return p[:m[3]]
	}
	return p
}

// captionStart matches caption openers: "FILE PHOTO: …", "FILE - …".
var captionStart = regexp.MustCompile(`^(?:FILE PHOTO\s*[:-]|FILE\s+[—–-]\s)`)

// isCaption reports a photo caption paragraph.
func isCaption(p string) bool {
	return strings.HasPrefix(p, "FILE") && captionStart.MatchString(p) || mayBeCaptionCredit(p) && captionCredit.MatchString(p)
}

// mayBeCaptionCredit is a cheap test that p holds a word every
// captionCredit match needs (photo, photograph, picture, pic, image in
// any case; Credit; or the slash of "REUTERS/Jane Doe"), so the regexp,
// which tries every start position, runs only on the few paragraphs that
// can match.
func mayBeCaptionCredit(p string) bool {
	if strings.Contains(p, "/") || strings.Contains(p, "Credit") {
		return true
	}
	// One pass for "photo", "pic" and "image" in any case (containsFoldASCII
	// three times over).
	for i := 0; i < len(p); i++ {
		switch p[i] | 0x20 {
		case 'p':
			if hasPrefixFoldASCII(p[i:], "pic") || hasPrefixFoldASCII(p[i:], "photo") {
				return true
			}
		case 'i':
			if hasPrefixFoldASCII(p[i:], "image") {
				return true
			}
		}
	}
	return false
}

// containsFoldASCII reports whether s contains the lowercase ASCII word w
// in any mix of case.
func containsFoldASCII(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 == w[0] && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with the lowercase ASCII
// word w in any mix of case.
func hasPrefixFoldASCII(s, w string) bool {
	return len(s) >= len(w) && strings.EqualFold(s[:len(w)], w)
}

// byline matches "By Jane Doe", "By Jane Doe and John Roe, Reuters",
// "By JANE DOE | CNN"; credit matches the agency credit lines that close
// stories ("Reporting by …; Editing by …", "Jane Doe in Beijing
// contributed to this story.").
var (
	byline = regexp.MustCompile(`^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|da|al|bin))*(?:\s*[,|/]\s*[\p{L} .&]{2,40})?$`)
	credit = regexp.MustCompile(`(?i)^\(?(?:(?:additional )?reporting|writing|editing|compiled|translated|produced) by\b|\bcontributed (?:reporting )?to this (?:story|report|article)\.?\)?$`)
)

// isByline reports a byline or a credit line.
func isByline(p string) bool {
	if wordsOver(p, 40) {
		return false
	}
	return hasPrefixFoldASCII(p, "by") && byline.MatchString(p) && !wordsOver(p, 10) || mayBeCredit(p) && credit.MatchString(p)
}

// creditOpeners are the words a credit line of the first form opens with.
var creditOpeners = []string{"additional ", "reporting", "writing", "editing", "compiled", "translated", "produced"}

// mayBeCredit is a cheap test that p could match credit: it opens with one
// of creditOpeners (after an optional parenthesis) or holds "contributed".
func mayBeCredit(p string) bool {
	if containsFoldASCII(p, "contributed") {
		return true
	}
	q := strings.TrimPrefix(p, "(")
	for _, w := range creditOpeners {
		if hasPrefixFoldASCII(q, w) {
			return true
		}
	}
	return false
}
