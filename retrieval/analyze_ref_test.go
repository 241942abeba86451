package retrieval_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"footnote/internal/haystack"
	"footnote/retrieval"
)

// wordsReference is Words as first written, over a rune slice with a
// builder per word: the byte-wise Words must split every text the same way.
func wordsReference(text string) []string {
	rs := []rune(retrieval.Normalize(text))
	var out []string
	for i := 0; i < len(rs); {
		if !refWordRune(rs[i]) {
			i++
			continue
		}
		if word, next, ok := refAcronymAt(rs, i); ok {
			out = append(out, word)
			i = next
			continue
		}
		word, next := refWordAt(rs, i)
		if word = refCleanApostrophes(word); word != "" {
			out = append(out, word)
		}
		i = next
	}
	return out
}

func refWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func refDigit(r rune) bool { return r >= '0' && r <= '9' }

func refWordAt(rs []rune, i int) (string, int) {
	var b strings.Builder
	for i < len(rs) {
		r := rs[i]
		switch {
		case refWordRune(r):
			b.WriteRune(r)
			i++
			continue
		case r == '\'' && i > 0 && unicode.IsLetter(rs[i-1]) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			b.WriteRune(r)
			i++
			continue
		case r == '.' && i > 0 && refDigit(rs[i-1]) && i+1 < len(rs) && refDigit(rs[i+1]):
			b.WriteRune(r)
			i++
			continue
		case r == ',' && i > 0 && refDigit(rs[i-1]) && refThousandsGroupAt(rs, i+1):
			i++
			continue
		}
		break
	}
	return b.String(), i
}

func refThousandsGroupAt(rs []rune, i int) bool {
	if i+3 > len(rs) {
		return false
	}
	for j := i; j < i+3; j++ {
		if !refDigit(rs[j]) {
			return false
		}
	}
	return i+3 == len(rs) || !refWordRune(rs[i+3])
}

func refAcronymAt(rs []rune, i int) (string, int, bool) {
	var letters []rune
	j := i
	for j < len(rs) && unicode.IsLetter(rs[j]) && (j+1 == len(rs) || !refWordRune(rs[j+1])) {
		letters = append(letters, rs[j])
		j++
		if j < len(rs) && rs[j] == '.' && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
			j++
			continue
		}
		if j < len(rs) && rs[j] == '.' {
			j++
		}
		break
	}
	if len(letters) < 2 {
		return "", i, false
	}
	return string(letters), j, true
}

func refCleanApostrophes(w string) string {
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

// wordsEdgeCases are texts at the edges of Words' rules.
var wordsEdgeCases = []string{
	"", "a", "U.S.", "U.S", "u.s.a. and e.g. x.y", "A.", "J. R. R. Tolkien", "1,000,000 and 1,00 and 12,0000 and ,123 and 1,234a",
	"3.14.15 and .5 and 5. and 1..2", "don't 'quoted' it's o'", "d'Istanbul l'Europe d'x l'", "Zelensky’s ‘x’ ”y“",
	"Ünïcödé ÉCOLE İstanbul ß Æsir", "١٢٣ ٤,٥٦٧ arabic digits", "日本語のテキスト", "a\u00adb c\u200bd", "x\xffy \xff\xfe abc",
	"Ǆ ǅ ǆ titlecase", "ⅻ roman numeral", "½ vulgar", "a'b'c's", "1'2 a'1", "U.S.-backed", "the U.K.'s", "A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S",
	"`backtick` words", "12,345,678.90", "e.g.,", "x,123", "9,123ab",
}

func TestWordsMatchesReference(t *testing.T) {
	texts := slices.Clone(wordsEdgeCases)
	for _, a := range defaultArticlesOf(t) {
		texts = append(texts, a)
	}
	gen, err := haystack.Generate(haystack.Options{Seed: 5, Docs: 60})
	if err != nil {
		t.Fatal(err)
	}
	for d := range gen {
		texts = append(texts, d.Text)
	}
	for _, text := range texts {
		if got, want := retrieval.Words(text), wordsReference(text); !slices.Equal(got, want) {
			t.Errorf("Words(%.60q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzWordsMatchesReference(f *testing.F) {
	for _, s := range wordsEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := retrieval.Words(text), wordsReference(text); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	})
}

func defaultArticlesOf(t *testing.T) []string {
	var out []string
	for _, a := range defaultArticles(t) {
		out = append(out, a.Text)
	}
	return out
}
