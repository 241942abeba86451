package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Normalize lowercases s, folds accents ("é"→"e", "ğ"→"g", "ł"→"l",
// "ß"→"ss") and unifies typographic quotes: curly and prime apostrophes
// become "'" and curly double quotes become '"'. It works on a single word or
// on whole text; it never changes the order of characters, but it may change
// byte lengths, so offsets into the result do not map back onto s.
func Normalize(s string) string {
	if isPlainASCII(s) {
		// Fast path: the overwhelming majority of words in English news.
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of a decomposed letter
		}
		if folded, ok := foldRune(r); ok {
			b.WriteString(folded)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// isPlainASCII reports whether s is ASCII without anything Normalize would
// have to fold.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '`' {
			return false
		}
	}
	return true
}

// foldRune maps letters and punctuation that Unicode decomposition leaves
// alone onto their plain equivalents.
func foldRune(r rune) (string, bool) {
	switch r {
	case '‘', '’', '‚', '‛', '′', '`', '´', 'ʼ':
		return "'", true
	case '“', '”', '„', '‟', '″', '«', '»':
		return `"`, true
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return "-", true
	case 'ß':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ı':
		return "i", true
	case '\u00a0', '\u2009', '\u202f', '\u2007':
		return " ", true
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return "", true // soft hyphen and zero-width marks must not split words
	}
	return "", false
}

// Words splits text into normalised words, in order. A word is a run of
// letters and digits, with these rules:
//   - "12,000" → "12000" (thousands separators dropped) and "1.5" stays
//     "1.5"; "0930" keeps its leading zero;
//   - hyphens split: "30-day" → "30", "day" and "cease-fire" → "cease",
//     "fire", so hyphenated and spaced spellings match;
//   - dotted acronyms are joined: "U.S." → "us", "e.g." → "eg";
//   - the possessive "'s" is stripped ("Zelensky's" → "zelensky"), French
//     elision is dropped ("d'Istanbul" → "istanbul") and other apostrophes
//     are removed ("don't" → "dont").
func Words(text string) []string {
	// The rules are read over the normalised string byte by byte (a rune
	// is decoded only where one is not ASCII), and a word is a substring
	// of it unless a thousands separator was dropped from it: no rune
	// slice and no builder per word.
	s := Normalize(text)
	var out []string
	for i := 0; i < len(s); {
		r, size := runeAt(s, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		if out == nil {
			out = make([]string, 0, len(s)/6+1)
		}
		if word, next, ok := acronymAt(s, i); ok {
			out = append(out, word)
			i = next
			continue
		}
		word, next := wordAt(s, i)
		if word = cleanApostrophes(word); word != "" {
			out = append(out, word)
		}
		i = next
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// runeAt decodes the rune at byte i of s (i < len(s)) and its size.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// runeAfter is the rune at byte i of s, or -1 past the end.
func runeAfter(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	r, _ := runeAt(s, i)
	return r
}

// wordAt reads the word starting at byte i of s (a word rune) and returns
// it with the index just past it.
func wordAt(s string, i int) (string, int) {
	start := i
	var kept []byte // the word so far, once a separator was dropped from it
	prev := rune(-1)
	for i < len(s) {
		r, size := runeAt(s, i)
		switch {
		case isWordRune(r):
		case r == '\'' && isLetter(prev) && isLetter(runeAfter(s, i+size)):
			// contraction or possessive, cleaned up later
		case r == '.' && isDigit(prev) && isDigit(runeAfter(s, i+size)):
			// decimal point
		case r == ',' && isDigit(prev) && thousandsGroupAt(s, i+size):
			// thousands separator: dropped
			if kept == nil {
				kept = append(make([]byte, 0, len(s[start:i])+8), s[start:i]...)
			}
			prev = r
			i += size
			continue
		default:
			if kept != nil {
				return string(kept), i
			}
			return s[start:i], i
		}
		if kept != nil {
			kept = append(kept, s[i:i+size]...)
		}
		prev = r
		i += size
	}
	if kept != nil {
		return string(kept), i
	}
	return s[start:i], i
}

// thousandsGroupAt reports whether s[i:] starts with exactly three digits.
func thousandsGroupAt(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for j := i; j < i+3; j++ {
		if !isDigit(rune(s[j])) {
			return false
		}
	}
	return i+3 == len(s) || !isWordRune(runeAfter(s, i+3))
}

// acronymAt recognises dotted acronyms of single letters ("U.S.", "e.g.",
// "U.K") at byte i of s and returns the letters joined.
func acronymAt(s string, i int) (string, int, bool) {
	var buf [16]byte
	letters, n := buf[:0], 0
	j := i
	for j < len(s) {
		r, size := runeAt(s, j)
		if !isLetter(r) || isWordRune(runeAfter(s, j+size)) {
			break
		}
		letters = append(letters, s[j:j+size]...)
		n++
		j += size
		if j < len(s) && s[j] == '.' && isLetter(runeAfter(s, j+1)) {
			j++ // the dot between two letters
			continue
		}
		if j < len(s) && s[j] == '.' {
			j++ // the final dot
		}
		break
	}
	if n < 2 {
		return "", i, false
	}
	return string(letters), j, true
}

// cleanApostrophes strips possessives and elision and drops the remaining
// apostrophes of a word read by wordAt.
func cleanApostrophes(w string) string {
	if !strings.Contains(w, "'") {
		return w
	}
	w = strings.TrimSuffix(w, "'s")
	for _, p := range []string{"d'", "l'"} {
		if strings.HasPrefix(w, p) && len(w) > len(p)+1 {
			w = w[len(p):]
		}
	}
	return strings.ReplaceAll(w, "'", "")
}

// Analyze turns text into index terms: [Words] minus stopwords, each stemmed
// with the English Snowball stemmer ("negotiations" → "negoti"). Words that
// contain a digit are kept as they are ("2022", "1.5", "0930").
func Analyze(text string) []string {
	return analyzeWords(Words(text))
}

// analyzeWords is Analyze for text already split by Words.
func analyzeWords(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if IsStopword(w) {
			continue
		}
		out = append(out, stemWord(w))
	}
	return out
}

// Stem returns the index term of one normalised word: the word itself when
// it contains a digit, else its English Snowball stem.
func Stem(word string) string {
	return stemWord(word)
}

func stemWord(w string) string {
	if hasDigit(w) {
		return w
	}
	return english.Stem(w, true)
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
