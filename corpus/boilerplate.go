package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// headerScan bounds the top region searched for navigation and datelines:
// page chrome sits above the first real sentence, and a long run of short
// lines is more likely a list-like article than a menu.
const headerScan = 12

// header finds the page chrome above the article's first real sentence:
// menus, breadcrumbs, share buttons, section labels and the dateline (whose
// date it returns). drop[i] marks paragraph i as chrome.
func header(paras []string) (drop []bool, date string) {
	drop = make([]bool, len(paras))
	limit := min(len(paras), headerScan)
	bodyStart := -1
	for i := range limit {
		if isSentenceLike(paras[i]) {
			bodyStart = i
			break
		}
	}
	for i := range limit {
		if d, ok := dateline(paras[i]); ok {
			drop[i] = true
			if date == "" {
				date = d
			}
			continue
		}
		if (bodyStart < 0 || i < bodyStart) && isNavLine(paras[i]) {
			drop[i] = true
		}
	}
	if bodyStart >= 0 {
		dropLabels(paras[:bodyStart], drop)
	}
	return drop, date
}

// dropLabels drops the one- and two-word lines ("World", "Share") above the
// body, except a label that is the only possible title.
func dropLabels(top []string, drop []bool) {
	titleSeen := false
	for i, p := range top {
		if drop[i] {
			continue
		}
		if !isLabel(p) {
			titleSeen = true
			continue
		}
		if titleSeen || hasTitleAfter(top, drop, i) {
			drop[i] = true
			continue
		}
		titleSeen = true
	}
}

func hasTitleAfter(top []string, drop []bool, i int) bool {
	for j := i + 1; j < len(top); j++ {
		if !drop[j] && !isLabel(top[j]) {
			return true
		}
	}
	return false
}

// isLabel reports a section label or button: at most two words, not a sentence.
func isLabel(p string) bool { return !wordsOver(p, 2) && !endsSentence(p) }

// isNavLine reports menu-like lines seen at the top of scraped pages.
func isNavLine(p string) bool {
	return isBreadcrumb(p) || isShareLine(p) || isGluedMenu(p) || isCopyright(p)
}

var (
	crumbSep = regexp.MustCompile(`\s+[/>»|•·›]\s+`)
	// gluedWords matches menu items scraped without a separator ("EditionASIA").
	gluedWords = regexp.MustCompile(`\p{Ll}{2,}\p{Lu}{2,}`)
)

// isBreadcrumb matches "Home / World / Europe" and "News | Sport | Football":
// short segments joined by separators.
func isBreadcrumb(p string) bool {
	segs := crumbSep.Split(p, -1)
	if len(segs) < 2 {
		return false
	}
	for _, s := range segs {
		if s == "" || wordsOver(s, 4) || endsSentence(s) {
			return false
		}
	}
	if len(segs) >= 3 {
		return true
	}
	switch phrase(segs[0]) {
	case "home", "news", "accueil", "inicio", "startseite", "portada":
		return true
	}
	return false
}

func isGluedMenu(p string) bool {
	return !wordsOver(p, 10) && !endsSentence(p) && gluedWords.MatchString(p)
}

// shareWords are the words of share and social buttons; shareCore must
// appear for a line to count, so "This story" is not taken for a button.
var (
	shareWords = wordSet("share shares sharing tweet email e mail print wechat weibo facebook twitter x whatsapp linkedin telegram reddit pinterest messenger bluesky threads copy link url comments comment save on via this article story page")
	shareCore  = wordSet("share shares tweet email mail print wechat weibo facebook twitter whatsapp linkedin telegram reddit pinterest messenger bluesky link")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isShareLine reports a line made only of share-button words ("Share - WeChat").
func isShareLine(p string) bool {
	toks := strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(toks) == 0 || len(toks) > 6 {
		return false
	}
	core := false
	for _, t := range toks {
		if !shareWords[t] {
			return false
		}
		core = core || shareCore[t]
	}
	return core
}

// chrome is page furniture that is never article text, wherever it appears.
var chrome = wordSetLines([]string{
	"top", "back to top", "back to the top", "scroll to top", "go to top",
	"advertisement", "advertising", "sponsored", "skip to content", "skip to main content",
	"skip navigation", "close", "menu", "open menu", "loading", "read more", "show more",
	"click here", "continue reading", "haut de page", "publicité", "volver arriba", "publicidad",
})

func wordSetLines(phrases []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		m[p] = true
	}
	return m
}

// isChrome reports page furniture lines ("BACK TO THE TOP", "Share").
func isChrome(p string) bool {
	return !moreTokens(p, maxPhraseTokens) && (chrome[phrase(p)] || isShareLine(p))
}

// footerPhrases are headings that start a footer or a list of other
// headlines, matched as the whole line or before a colon.
var footerPhrases = wordSetLines([]string{
	"most viewed", "most read", "most popular", "most shared", "popular", "trending", "trending now",
	"latest", "latest news", "latest stories", "top stories", "more stories", "more news", "more on this",
	"more on this story", "related", "related articles", "related news", "related stories", "related content",
	"related topics", "related coverage", "see also", "read also", "read more", "also read", "you may also like",
	"you might also like", "recommended", "recommended for you", "editor's picks", "tags", "topics",
	"follow us", "lire aussi", "à lire aussi", "a lire aussi", "sur le même sujet", "les plus lus",
	"leer también", "lea también", "ver también", "lo más leído", "lesen sie auch", "mehr zum thema",
	"leia também", "leggi anche",
})

// footerPrefixes start footer lines that go on with more words
// ("Follow us also on google news", "Most Viewed in 24 Hours").
var footerPrefixes = []string{
	"follow us", "most viewed", "most read", "most popular", "most shared", "sign up for", "subscribe to our",
	"download our app", "download the app", "connect with us", "stay connected", "suivez-nous", "suivez nous",
	"síguenos", "folgen sie uns",
}

// copyrightStart matches the start of a copyright notice ("Copyright 1995",
// "© 2024", "(c) 2024", "Copyright © by …").
var copyrightStart = regexp.MustCompile(`^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|by\b)`)

// legalWords appear in site footers and almost never in news prose.
var legalWords = []string{
	"copyright", "©", "all rights reserved", "registration number", "license", "licence",
	"privacy policy", "terms of use", "terms of service", "cookie", "contact us", "about us", "advertise with us",
}

// isCopyright reports a copyright notice line.
func isCopyright(p string) bool {
	if isASCII(p) {
		// Lowercasing ASCII changes only A-Z, so both tests can be made
		// on p itself, and the regexp only where it can match.
		return (hasPrefixFoldASCII(p, "copyright") || hasPrefixFoldASCII(p, "(c)")) && copyrightStart.MatchString(strings.ToLower(p)) ||
			containsFoldASCII(p, "all rights reserved")
	}
	lower := strings.ToLower(p)
	return copyrightStart.MatchString(lower) || strings.Contains(lower, "all rights reserved")
}

// hasLegalWords reports a line with footer vocabulary.
func hasLegalWords(p string) bool {
	lower := strings.ToLower(p)
	for _, w := range legalWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// isFooterMarker reports a line that starts a footer or a headline list.
func isFooterMarker(p string) bool {
	short := !moreTokens(p, maxPhraseTokens)
	if short && footerPhrases[phrase(p)] || isCopyright(p) {
		return true
	}
	// The cheap tests go first: words scans the whole line.
	if i := indexColon(p); i > 0 && footerPhrases[phrase(p[:i])] && !wordsOver(p, 20) {
		return true
	}
	if !endsSentence(p) && !wordsOver(p, 12) {
		ph := phrase(p)
		for _, pre := range footerPrefixes {
			if strings.HasPrefix(ph, pre) {
				return true
			}
		}
	}
	return false
}

// indexColon is strings.IndexAny(p, ":："), the first ASCII or fullwidth
// colon, with two substring searches instead of a test per rune.
func indexColon(p string) int {
	i := strings.IndexByte(p, ':')
	head := p
	if i >= 0 {
		head = p[:i]
	}
	if j := strings.Index(head, "："); j >= 0 {
		return j
	}
	return i
}

// isFooterish reports lines that can make up a footer: markers, list items,
// legal notices, chrome and short headline-like lines. A short line that
// ends like a sentence is not one: it is more likely the article's last
// words, and cutting it would lose text.
func isFooterish(p string) bool {
	return isListItem(p) || isFooterMarker(p) || isChrome(p) || hasLegalWords(p) ||
		isHeadline(p)
}

// cutFooter removes footers and headline lists. At a marker line that
// follows some article prose: when everything after it is footer-like, the
// rest is cut; otherwise the article goes on, and only the marker and the
// bulleted list right after it are dropped.
func cutFooter(paras []string) []string {
	// tail[i] reports whether paras[i:] is all footer-like; computed once so
	// a file full of markers stays linear.
	tail := make([]bool, len(paras)+1)
	tail[len(paras)] = true
	for i := len(paras) - 1; i >= 0; i-- {
		tail[i] = tail[i+1] && isFooterish(paras[i])
	}
	out := make([]string, 0, len(paras))
	seenProse := false
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if !seenProse || !isFooterMarker(p) {
			seenProse = seenProse || isSentenceLike(p)
			out = append(out, p)
			continue
		}
		if tail[i+1] {
			return out
		}
		i = skipLinked(paras, i)
	}
	return out
}

// linkMarkers introduce links to other articles ("Lire aussi" then a
// headline) rather than a footer.
var linkMarkers = wordSetLines([]string{
	"read also", "also read", "see also", "read more", "related", "related articles", "related stories",
	"related news", "more on this story", "lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
	"leer también", "lea también", "ver también", "lesen sie auch", "leia também", "leggi anche",
})

// skipLinked returns the index of the last paragraph that belongs to the
// marker at i inside the body: the bulleted list after it or, after a
// bare link marker, the one headline it introduces.
func skipLinked(paras []string, i int) int {
	j := i
	for j+1 < len(paras) && isListItem(paras[j+1]) {
		j++
	}
	if j == i && linkMarkers[phrase(paras[i])] && i+1 < len(paras) && isHeadline(paras[i+1]) {
		j++
	}
	return j
}

// isHeadline reports a short line that does not end like a sentence.
func isHeadline(p string) bool { return !wordsOver(p, 15) && !endsSentence(p) }

// dedupe keeps the first of paragraphs repeated within an article (scrapes
// often repeat the standfirst or a caption), comparing case-insensitively.
func dedupe(paras []string) []string {
	seen := make(map[string]bool, len(paras))
	out := paras[:0:0]
	for _, p := range paras {
		k := strings.ToLower(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}
