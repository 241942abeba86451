// Package neardup finds near-duplicate texts, such as the copies of one
// wire story that several outlets print with small edits, by estimating
// the Jaccard similarity of their word shingles with MinHash and finding
// candidate pairs with locality-sensitive hashing (LSH) over bands of the
// signatures.
//
// No maintained Go MinHash module fits (github.com/ekzhu/minhash-lsh and
// github.com/dgryski/go-minhash were last changed in 2017), and the
// method is a few dozen lines, so it is implemented here.
package neardup

import (
	"strings"
	"unicode"
)

// Defaults for [Options].
const (
	DefaultShingle   = 4
	DefaultThreshold = 0.6
	// Hashes is the signature length: the standard error of a similarity
	// estimate is about sqrt(J(1-J)/Hashes), 0.057 at J = 0.7.
	Hashes = 64
	// bands × rows = Hashes. A pair with similarity J shares a band with
	// probability 1-(1-J^rows)^bands: 0.89 at J = 0.6, 0.988 at J = 0.7,
	// 0.998 at J = 0.8,
	// 0.0016 at J = 0.1.
	bands = 16
	rows  = Hashes / bands
)

// Options tunes near-duplicate detection. The zero value is ready to use.
type Options struct {
	// Shingle is the number of consecutive words per shingle; 0 means
	// [DefaultShingle].
	Shingle int
	// Threshold is the estimated Jaccard similarity of shingle sets at or
	// above which two texts are near duplicates; 0 means
	// [DefaultThreshold]. Values above 1 never match.
	Threshold float64
}

func (o Options) shingle() int {
	if o.Shingle <= 0 {
		return DefaultShingle
	}
	return o.Shingle
}

func (o Options) threshold() float64 {
	if o.Threshold <= 0 {
		return DefaultThreshold
	}
	return o.Threshold
}

// Signature is the MinHash signature of a text: for each of [Hashes] hash
// functions, the least hash over the text's shingles. nil for a text too
// short to have a shingle.
type Signature []uint64

// hashParams are the odd multipliers and the offsets of the hash family
// h_i(x) = a_i*x + b_i (mod 2^64), derived from a fixed splitmix64 stream.
var hashParams = func() (p [Hashes][2]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 {
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range p {
		p[i] = [2]uint64{next() | 1, next()}
	}
	return p
}()

// Sign returns the MinHash signature of text's word shingles. Words are
// lowercased runs of letters and digits, so punctuation and case edits do
// not count as differences.
func (o Options) Sign(text string) Signature {
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
		x := shingleHash(words[i : i+n])
		for j, p := range hashParams {
			if h := p[0]*x + p[1]; h < sig[j] {
				sig[j] = h
			}
		}
	}
	return sig
}

// shingleHash hashes a run of words with a fixed FNV-1a, independent of
// process.
func shingleHash(ws []string) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= 1099511628211
		}
		h ^= ' '
		h *= 1099511628211
	}
	// One more mix, so that the linear hash family sees well-spread input.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures: the share of hash functions whose minima agree. It is 0
// when either text was too short to sign.
func Similarity(a, b Signature) float64 {
	if len(a) != Hashes || len(b) != Hashes {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / Hashes
}

// Similar reports whether two signatures are near duplicates under o.
func (o Options) Similar(a, b Signature) bool {
	return Similarity(a, b) >= o.threshold()
}

// maxBucketCompare bounds the leaders a text is compared with inside one
// LSH bucket, so a corpus of many near-identical passages stays linear.
const maxBucketCompare = 32

// Groups clusters signatures into groups of near duplicates. It returns
// for each signature the index of its group's leader, the first member
// (itself when it has no near duplicate; nil signatures are always
// alone). A text joins the group of the earliest leader it is near
// (estimated similarity at the threshold or above) among the candidates
// that share an LSH band with it; comparing with leaders, not with any
// member, keeps a chain of slightly different texts from growing one
// group that spans unrelated ones.
func (o Options) Groups(sigs []Signature) []int {
	leader := make([]int, len(sigs))
	buckets := make(map[uint64][]int) // band key → leaders in it
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

func bandKey(band int, vals []uint64) uint64 {
	h := uint64(band+1) * 0x9E3779B97F4A7C15
	for _, v := range vals {
		h ^= v
		h *= 0xff51afd7ed558ccd
		h ^= h >> 29
	}
	return h
}
