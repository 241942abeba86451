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
	rs := []rune(Normalize(text))
	var out []string
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		if word, next, ok := acronymAt(rs, i); ok {
			out = append(out, word)
			i = next
			continue
		}
		word, next := wordAt(rs, i)
		if word = cleanApostrophes(word); word != "" {
			out = append(out, word)
		}
		i = next
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// wordAt reads the word starting at rs[i] and returns it with the index just
// past it.
func wordAt(rs []rune, i int) (string, int) {
	var b strings.Builder
	for i < len(rs) {
		r := rs[i]
		switch {
		case isWordRune(r):
			b.WriteRune(r)
			i++
			continue
		case r == '\'' && i > 0 && unicode.IsLetter(rs[i-1]) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			b.WriteRune(r) // contraction or possessive, cleaned up later
			i++
			continue
		case r == '.' && i > 0 && isDigit(rs[i-1]) && i+1 < len(rs) && isDigit(rs[i+1]):
			b.WriteRune(r) // decimal point
			i++
			continue
		case r == ',' && i > 0 && isDigit(rs[i-1]) && thousandsGroupAt(rs, i+1):
			i++ // thousands separator: dropped
			continue
		}
		break
	}
	return b.String(), i
}

// thousandsGroupAt reports whether rs[i:] starts with exactly three digits.
func thousandsGroupAt(rs []rune, i int) bool {
	if i+3 > len(rs) {
		return false
	}
	for j := i; j < i+3; j++ {
		if !isDigit(rs[j]) {
			return false
		}
	}
	return i+3 == len(rs) || !isWordRune(rs[i+3])
}

// acronymAt recognises dotted acronyms of single letters ("U.S.", "e.g.",
// "U.K") at rs[i] and returns the letters joined.
func acronymAt(rs []rune, i int) (string, int, bool) {
	var letters []rune
	j := i
	for j < len(rs) && unicode.IsLetter(rs[j]) && (j+1 == len(rs) || !isWordRune(rs[j+1])) {
		letters = append(letters, rs[j])
		j++
		if j < len(rs) && rs[j] == '.' && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
			j++ // the dot between two letters
			continue
		}
		if j < len(rs) && rs[j] == '.' {
			j++ // the final dot
		}
		break
	}
	if len(letters) < 2 {
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
