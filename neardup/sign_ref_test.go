package neardup

import (
	"fmt"
	"math/rand/v2"
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
		sg := o.NewSigner() // reused across texts, long and short
		for _, text := range texts {
			want := signReference(o, text)
			if got := o.Sign(text); !slices.Equal(got, want) {
				t.Errorf("shingle %d: Sign(%.40q) differs from the reference", o.Shingle, text)
			}
			if got := sg.Sign(text); !slices.Equal(got, want) {
				t.Errorf("shingle %d: a reused Signer's Sign(%.40q) differs from the reference", o.Shingle, text)
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

// groupsReference is Groups as first written (a key slice per signature,
// every bucket member compared with the full Similarity).
func groupsReference(o Options, sigs []Signature) []int {
	leader := make([]int, len(sigs))
	buckets := make(map[uint64][]int)
	for i, s := range sigs {
		leader[i] = i
		if s == nil {
			continue
		}
		keys := make([]uint64, bands)
		best := -1
		for b := range bands {
			keys[b] = bandKey(b, s[b*rows:(b+1)*rows])
			members := buckets[keys[b]]
			for _, j := range members[:min(len(members), maxBucketCompare)] {
				if (best < 0 || j < best) && o.Similar(s, sigs[j]) {
					best = j
				}
			}
		}
		if best >= 0 {
			leader[i] = best
			continue
		}
		for _, k := range keys {
			buckets[k] = append(buckets[k], i)
		}
	}
	return leader
}

// TestGrouperMatchesReference groups texts that are edits of a few base
// texts (so buckets fill past maxBucketCompare) and unrelated ones, at
// several thresholds, against the original algorithm.
func TestGrouperMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 300)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	var bases [][]string
	for range 5 {
		b := make([]string, 40)
		for i := range b {
			b[i] = vocab[rng.IntN(len(vocab))]
		}
		bases = append(bases, b)
	}
	var sigs []Signature
	for i := range 3000 {
		var words []string
		if i%7 == 0 {
			for range 40 {
				words = append(words, vocab[rng.IntN(len(vocab))])
			}
		} else {
			words = slices.Clone(bases[rng.IntN(len(bases))])
			for range rng.IntN(12) {
				words[rng.IntN(len(words))] = vocab[rng.IntN(len(vocab))]
			}
		}
		if i%50 == 0 {
			words = words[:2] // too short: a nil signature
		}
		sigs = append(sigs, Options{}.Sign(strings.Join(words, " ")))
	}
	for _, th := range []float64{0, 0.3, 0.5, 0.6, 0.75, 0.9, 1, 1.5} {
		o := Options{Threshold: th}
		got, want := o.Groups(sigs), groupsReference(o, sigs)
		if !slices.Equal(got, want) {
			t.Errorf("threshold %.2f: Groups differs from the reference", th)
		}
		leaders := 0
		for i, g := range got {
			if g == i {
				leaders++
			}
		}
		t.Logf("threshold %.2f: %d groups of %d texts", th, leaders, len(sigs))
	}
}
