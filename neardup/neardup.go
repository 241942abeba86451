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
	"slices"
	"unicode"
	"unicode/utf8"
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
	return o.NewSigner().Sign(text)
}

// Signer signs texts as [Options.Sign] does, reusing its buffers from one
// text to the next. Not safe for concurrent use.
type Signer struct {
	o     Options
	buf   []byte
	spans [][2]int32
}

// NewSigner returns a Signer for o.
func (o Options) NewSigner() *Signer { return &Signer{o: o} }

// Sign returns the MinHash signature of text's word shingles; see
// [Options.Sign].
func (sg *Signer) Sign(text string) Signature {
	// The text is lowercased into one buffer, and each word is a span of
	// it: no copy of the text and no string per word.
	buf, spans := sg.buf[:0], sg.spans[:0] // spans: each word's bytes in buf
	defer func() { sg.buf, sg.spans = buf[:0], spans[:0] }()
	inWord := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			} else if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				inWord = false
				continue
			}
		} else if r = unicode.ToLower(r); !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			inWord = false
			continue
		}
		if !inWord {
			spans = append(spans, [2]int32{int32(len(buf)), int32(len(buf))})
			inWord = true
		}
		buf = utf8.AppendRune(buf, r)
		spans[len(spans)-1][1] = int32(len(buf))
	}
	n := sg.o.shingle()
	if len(spans) < n {
		return nil
	}
	var mins [Hashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	params := &hashParams
	for i := 0; i+n <= len(spans); i++ {
		x := shingleHash(buf, spans[i:i+n])
		for j := range mins {
			mins[j] = min(mins[j], params[j][0]*x+params[j][1])
		}
	}
	sig := make(Signature, Hashes)
	copy(sig, mins[:])
	return sig
}

// shingleHash hashes a run of words (spans of buf), each followed by a
// space, with a fixed FNV-1a, independent of process.
func shingleHash(buf []byte, ws [][2]int32) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		for _, c := range buf[w[0]:w[1]] {
			h ^= uint64(c)
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
// group that spans unrelated ones. It is [Grouper.Add] over sigs in order.
func (o Options) Groups(sigs []Signature) []int {
	leader := make([]int, len(sigs))
	g := o.NewGrouper()
	for i, s := range sigs {
		leader[i] = g.Add(s)
	}
	return leader
}

// Grouper groups signatures one at a time, as [Options.Groups] does for a
// slice of them, so that a stream of texts can be grouped as it arrives.
// It keeps only the leaders' signatures. Not safe for concurrent use.
type Grouper struct {
	o Options
	n int // signatures added so far
	// leaders are the indexes of the leaders, in order, with their
	// signatures; buckets map a band key to positions in leaders.
	leaders []int
	sigs    []Signature
	buckets bucketTable
	// seen[m] is 1 + the index of the last signature leader m was a
	// candidate for: a leader in several of a text's buckets is compared
	// once. cand is Add's scratch list of candidates.
	seen []int32
	cand []int32
	// need is the number of equal hashes at which two signatures are
	// similar under o.
	need int
}

// NewGrouper returns an empty Grouper.
func (o Options) NewGrouper() *Grouper {
	need := 0
	for need <= Hashes && float64(need)/Hashes < o.threshold() {
		need++
	}
	return &Grouper{o: o, need: need}
}

// similar is o.Similar(a, b) for two signatures of Hashes values, stopping
// as soon as the count of equal hashes decides it.
func (g *Grouper) similar(a, b Signature) bool {
	if len(a) != Hashes || len(b) != Hashes {
		return false // as Similarity: 0
	}
	// Equal hashes are counted eight at a time without a branch each; the
	// count is checked between blocks.
	x, y := (*[Hashes]uint64)(a), (*[Hashes]uint64)(b)
	same := 0
	for i := 0; i < Hashes; i += 8 {
		same += eq(x[i], y[i]) + eq(x[i+1], y[i+1]) + eq(x[i+2], y[i+2]) + eq(x[i+3], y[i+3]) +
			eq(x[i+4], y[i+4]) + eq(x[i+5], y[i+5]) + eq(x[i+6], y[i+6]) + eq(x[i+7], y[i+7])
		if same >= g.need {
			return true
		}
		if same+Hashes-8-i < g.need {
			return false
		}
	}
	return false
}

// eq is 1 when a == b, else 0, in arithmetic: x | -x has its top bit set
// for every x but 0.
func eq(a, b uint64) int {
	x := a ^ b
	return int(1 ^ (x|-x)>>63)
}

// Add groups the next signature (index i, counting from 0 over every
// call) and returns the index of its group's leader.
func (g *Grouper) Add(s Signature) int {
	i := g.n
	g.n++
	if s == nil {
		return i
	}
	// The candidates are the first maxBucketCompare leaders of each of
	// s's buckets; s joins the earliest one it is similar to, so they are
	// compared in leader order (which is index order) and the first
	// similar one ends the search.
	var keys [bands]uint64
	stamp := int32(i + 1) // marks the leaders gathered for s already
	cand := g.cand[:0]
	for b := range bands {
		keys[b] = bandKey(b, s[b*rows:(b+1)*rows])
		for e, n := g.buckets.first(keys[b]), 0; e >= 0 && n < maxBucketCompare; e, n = g.buckets.next(e), n+1 {
			if m := g.buckets.members[e].leader; g.seen[m] != stamp {
				g.seen[m] = stamp
				cand = append(cand, m)
			}
		}
	}
	slices.Sort(cand)
	g.cand = cand
	for _, m := range cand {
		if g.similar(s, g.sigs[m]) {
			return g.leaders[m]
		}
	}
	m := int32(len(g.leaders))
	g.leaders = append(g.leaders, i)
	g.sigs = append(g.sigs, s)
	g.seen = append(g.seen, 0)
	for _, k := range keys {
		g.buckets.add(k, m)
	}
	return i
}

// bucketTable maps LSH band keys to the leaders in each bucket, in the
// order they came: an open-addressing table of band keys (already
// well-mixed hashes) pointing at per-bucket lists threaded through one
// slice. Most buckets hold one leader, where a map of slices allocated a
// slice for each.
type bucketTable struct {
	slots []bucketSlot // len a power of two, at most three quarters full
	used  int
	// members[e] is a leader and the entry after it in its bucket (-1 at
	// the end); a leader's entries follow the order of Add.
	members []bucketEntry
}

type bucketSlot struct {
	key        uint64
	head, tail int32 // entries in members, +1 (0: empty slot)
}

type bucketEntry struct {
	leader, next int32
}

// first returns the position in members of bucket key's first leader,
// or -1 when the bucket is empty.
func (t *bucketTable) first(key uint64) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.head == 0 {
			return -1
		}
		if sl.key == key {
			return sl.head - 1
		}
	}
}

// next returns the position of the leader after entry e in its bucket, or
// -1.
func (t *bucketTable) next(e int32) int32 { return t.members[e].next }

// add appends leader m to bucket key.
func (t *bucketTable) add(key uint64, m int32) {
	if 4*(t.used+1) > 3*len(t.slots) {
		t.grow()
	}
	e := int32(len(t.members))
	t.members = append(t.members, bucketEntry{leader: m, next: -1})
	mask := uint64(len(t.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.head == 0 {
			*sl = bucketSlot{key: key, head: e + 1, tail: e + 1}
			t.used++
			return
		}
		if sl.key == key {
			t.members[sl.tail-1].next = e
			sl.tail = e + 1
			return
		}
	}
}

func (t *bucketTable) grow() {
	old := t.slots
	t.slots = make([]bucketSlot, max(64, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, sl := range old {
		if sl.head == 0 {
			continue
		}
		i := sl.key & mask
		for t.slots[i].head != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
	}
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
