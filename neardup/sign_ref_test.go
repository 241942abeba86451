package neardup

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// signReference is Sign as first written (the text lowercased whole, split
// into strings, each shingle hashed from them): the span-based Sign must
// give the same signatures, so that stored copy tables stay valid.
func signReference(o Options, text string) Signature {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	n := o.shingle()
	if len(words) < n {
		return nil
	}
	sig := make(Signature, Hashes)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for i := 0; i+n <= len(words); i++ {
		h := uint64(14695981039346656037)
		for _, w := range words[i : i+n] {
			for j := 0; j < len(w); j++ {
				h ^= uint64(w[j])
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		h ^= h >> 33
		h *= 0xff51afd7ed558ccd
		h ^= h >> 33
		for j, p := range hashParams {
			if v := p[0]*h + p[1]; v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

var signEdgeCases = []string{
	"", "one two three", "one two three four", "One, TWO; three. Four! five",
	"Erdoğan İstanbul STRASSE Straße ÀÉÎÕÜ ǅ ǈ ǋ Σίσυφος ΣΊΣΥΦΟΣ", "x\xffy z\xfe\xfd w v u", "١٢٣ ٤٥٦ ٧٨٩ ٠١٢ arabic digits",
	"日本語 の テキスト です ね", "a-b-c-d-e", "it's the U.S. that's it", "\u00a0no\u2009break space here ok",
	"ⅻ ⅼ ½ ² numbers of other kinds here",
}

func TestSignMatchesReference(t *testing.T) {
	texts := slices.Clone(signEdgeCases)
	texts = append(texts, strings.Repeat("Russian and Ukrainian negotiators met in Istanbul on Friday. ", 20))
	for _, o := range []Options{{}, {Shingle: 1}, {Shingle: 2}, {Shingle: 7}} {
		for _, text := range texts {
			if got, want := o.Sign(text), signReference(o, text); !slices.Equal(got, want) {
				t.Errorf("shingle %d: Sign(%.40q) differs from the reference", o.Shingle, text)
			}
		}
	}
}

func FuzzSignMatchesReference(f *testing.F) {
	for _, s := range signEdgeCases {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, shingle int) {
		o := Options{Shingle: shingle % 8}
		if got, want := o.Sign(text), signReference(o, text); !slices.Equal(got, want) {
			t.Errorf("Sign(%q) with shingle %d differs from the reference", text, o.Shingle)
		}
	})
}
