package retrieval

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultLocalDim is the dimension of a [LocalEmbedder] built with dim <= 0.
const DefaultLocalDim = 512

// Feature weights of the local embedder. They were tuned on name variants
// and typos (see embed_local_test.go): the stem matches inflections
// ("negotiations"/"negotiate"), and is kept a little below the n-grams so a
// misspelt word still shares most of its weight with the right one.
// Character n-grams of a word share one budget so that long words do not
// drown short ones; they are what lets "Zelenskyy" meet "Zelensky" and
// "delegaton" meet "delegation". The consonant skeleton bridges spellings
// that share few n-grams ("Kyiv"/"Kiev"). Word bigrams reward phrases.
const (
	weightStem     = 0.8
	weightGrams    = 1.0
	weightSkeleton = 0.7
	weightBigram   = 0.4
	// weightCommon scales words that occur in most news text and so say
	// little about which passage is meant.
	weightCommon = 0.35
)

// Feature kinds, mixed into the hash so that a stem and an n-gram with the
// same letters land in unrelated buckets.
const (
	kindStem     = 's'
	kindGram     = 'g'
	kindSkeleton = 'k'
	kindBigram   = 'b'
	kindEmpty    = 'e'
)

// LocalEmbedder is an offline, deterministic [Embedder]: it hashes stemmed
// words, character 3- and 4-grams, consonant skeletons and word bigrams of
// a text into a fixed number of signed buckets (the "hashing trick"), with
// sublinear term frequency, and L2-normalises the result. It needs no model
// file, gives the same vector for the same text in every process, and is
// safe for concurrent use.
//
// A text without any word (empty, only punctuation or stopwords) gets one
// fixed unit vector, never a zero vector, so cosine similarity stays defined.
type LocalEmbedder struct {
	dim int
	// mask is dim-1 when dim is a power of two (a bucket is then the hash's
	// low bits, the same as the remainder), else 0.
	mask  uint64
	words *featureMemo
	// scratch holds *embedScratch values, reused across texts.
	scratch sync.Pool
}

// NewLocalEmbedder returns a LocalEmbedder of dimension dim; dim <= 0 means
// DefaultLocalDim.
func NewLocalEmbedder(dim int) *LocalEmbedder {
	if dim <= 0 {
		dim = DefaultLocalDim
	}
	e := &LocalEmbedder{dim: dim, words: &featureMemo{}}
	if dim&(dim-1) == 0 {
		e.mask = uint64(dim - 1)
	}
	return e
}

// Dim returns the vector dimension.
func (e *LocalEmbedder) Dim() int { return e.dim }

// Key names the embedder: "local/hash-v1/<dim>". Bump the version whenever
// the features or weights change, so stored indexes are rebuilt.
func (e *LocalEmbedder) Key() string { return "local/hash-v1/" + strconv.Itoa(e.dim) }

// Embed returns one unit vector per text. It stops between texts when ctx
// is done and then returns ctx's error.
func (e *LocalEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("local embed: text %d of %d: %w", i, len(texts), err)
		}
		out[i] = e.embed(t)
	}
	return out, nil
}

// embed computes the vector of one text.
func (e *LocalEmbedder) embed(text string) []float32 {
	return e.embedWords(Words(text))
}

// embedWords computes the vector of a text split by [Words].
func (e *LocalEmbedder) embedWords(words []string) []float32 {
	v := make([]float32, e.dim)
	sc, _ := e.scratch.Get().(*embedScratch)
	if sc == nil {
		sc = newEmbedScratch()
	}
	defer e.scratch.Put(sc)
	sc.reset()

	// Counts keep first-occurrence order: float addition is not associative,
	// and map order would make the low bits differ from run to run. Words
	// are counted by spelling, stems by stem (two words may share one),
	// bigrams by the pair of stems.
	prev := int32(-1)
	for _, w := range words {
		if IsStopword(w) {
			continue
		}
		wi, ok := sc.wordIndex[w]
		if !ok {
			f := sc.features(e.words, w)
			wi = int32(len(sc.words))
			sc.wordIndex[w] = wi
			si, ok := sc.stemIndex[f.stem]
			if !ok {
				si = int32(len(sc.stems))
				sc.stemIndex[f.stem] = si
				sc.stems = append(sc.stems, f)
				sc.stemCounts = append(sc.stemCounts, 0)
			}
			sc.words = append(sc.words, f)
			sc.wordStem = append(sc.wordStem, si)
			sc.wordCounts = append(sc.wordCounts, 0)
		}
		sc.wordCounts[wi]++
		si := sc.wordStem[wi]
		sc.stemCounts[si]++
		if prev >= 0 {
			key := uint64(uint32(prev))<<32 | uint64(uint32(si))
			bi, ok := sc.bigramIndex[key]
			if !ok {
				bi = int32(len(sc.bigrams))
				sc.bigramIndex[key] = bi
				sc.bigrams = append(sc.bigrams, [2]int32{prev, si})
				sc.bigramCounts = append(sc.bigramCounts, 0)
			}
			sc.bigramCounts[bi]++
		}
		prev = si
	}
	if len(sc.words) == 0 {
		e.add(v, hashFeature(kindEmpty, ""), 1)
		return v
	}
	for i, f := range sc.stems {
		e.add(v, f.stemHash, weightStem*sublinear(sc.stemCounts[i])*f.common)
	}
	for i, f := range sc.words {
		if f.digit {
			continue // numbers match exactly or not at all
		}
		wt := sublinear(sc.wordCounts[i]) * f.common
		if n := len(f.grams); n > 0 {
			each := weightGrams * wt / math.Sqrt(float64(n))
			for _, h := range f.grams {
				e.add(v, h, each)
			}
		}
		if f.hasSkeleton {
			e.add(v, f.skeleton, weightSkeleton*wt)
		}
	}
	for i, bg := range sc.bigrams {
		h := hashMore(sc.stems[bg[0]].bigramHead, sc.stems[bg[1]].stem)
		e.add(v, h, weightBigram*sublinear(sc.bigramCounts[i]))
	}
	normalize(v)
	return v
}

// embedScratch is the per-text bookkeeping of embedWords, kept between
// texts so its maps and slices are not allocated again for every chunk.
type embedScratch struct {
	// cache holds features from the shared memo, so a word met again by
	// this scratch costs a map lookup rather than a sync.Map one.
	cache       map[string]*wordFeatures
	wordIndex   map[string]int32
	stemIndex   map[string]int32
	bigramIndex map[uint64]int32
	// words, stems and bigrams in order of first occurrence, with counts;
	// a stem is named by its first word's features, a bigram by its two
	// stems' indexes.
	words        []*wordFeatures
	wordStem     []int32
	wordCounts   []int
	stems        []*wordFeatures
	stemCounts   []int
	bigrams      [][2]int32
	bigramCounts []int
}

func newEmbedScratch() *embedScratch {
	return &embedScratch{
		cache:       make(map[string]*wordFeatures, 1024),
		wordIndex:   make(map[string]int32, 128),
		stemIndex:   make(map[string]int32, 128),
		bigramIndex: make(map[uint64]int32, 256),
	}
}

// maxScratchCache bounds embedScratch.cache; it is emptied when full.
const maxScratchCache = 1 << 15

// features returns the features of word w, from the scratch's cache or
// the shared memo.
func (sc *embedScratch) features(memo *featureMemo, w string) *wordFeatures {
	if f, ok := sc.cache[w]; ok {
		return f
	}
	f := memo.features(w)
	if f.word != "" { // memoised: its key is a copy, not part of a text
		if len(sc.cache) >= maxScratchCache {
			clear(sc.cache)
		}
		sc.cache[f.word] = f
	}
	return f
}

func (sc *embedScratch) reset() {
	clear(sc.wordIndex)
	clear(sc.stemIndex)
	clear(sc.bigramIndex)
	sc.words, sc.wordStem, sc.wordCounts = sc.words[:0], sc.wordStem[:0], sc.wordCounts[:0]
	sc.stems, sc.stemCounts = sc.stems[:0], sc.stemCounts[:0]
	sc.bigrams, sc.bigramCounts = sc.bigrams[:0], sc.bigramCounts[:0]
}

// wordFeatures is what the embedder adds for one content word, worked out
// once per spelling: its stem and the hashes of its features.
type wordFeatures struct {
	// word is the word when the memo holds the features (its own copy of
	// the spelling), else "".
	word string
	stem string
	// stemHash is the stem feature's hash, common its commonness, and
	// bigramHead the hash state of a bigram that starts with the stem.
	stemHash, bigramHead uint64
	common               float64
	// digit: the word holds a digit, so it has no n-grams or skeleton.
	digit bool
	// grams are the hashes of the word's character 3-grams, then 4-grams.
	grams       []uint64
	skeleton    uint64
	hasSkeleton bool
}

func newWordFeatures(w string) *wordFeatures {
	s := stemWord(w)
	f := &wordFeatures{
		stem:       s,
		stemHash:   hashFeature(kindStem, s),
		bigramHead: hashMore(hashFeature(kindBigram, s), "\x00"),
		common:     commonness(s),
		digit:      hasDigit(w),
	}
	if f.digit {
		return f
	}
	f.grams = gramHashes(w)
	if sk := skeleton(w); len(sk) >= 2 {
		f.skeleton, f.hasSkeleton = hashFeature(kindSkeleton, sk), true
	}
	return f
}

// add puts weight w into the bucket of feature hash h, with the sign taken
// from another bit of h so that collisions cancel out on average.
func (e *LocalEmbedder) add(v []float32, h uint64, w float64) {
	idx := h & 0x7fffffffffffffff
	if e.mask != 0 && len(v) == e.dim {
		idx &= e.mask
	} else {
		idx %= uint64(len(v))
	}
	// -w when the top bit is set, by flipping w's sign bit: the same value
	// as negating, without a branch that half the features mispredict.
	w = math.Float64frombits(math.Float64bits(w) ^ h&(1<<63))
	v[idx] += float32(w)
}

// gramHashes returns the hashes of the character 3- and 4-grams of word,
// marked with "<" and ">" at its boundaries; the embedder shares the
// word's n-gram weight (L2) among them.
func gramHashes(word string) []uint64 {
	rs := make([]rune, 0, len(word)+2)
	rs = append(rs, '<')
	rs = append(rs, []rune(word)...)
	rs = append(rs, '>')
	n := 0
	for _, size := range [2]int{3, 4} {
		if len(rs) >= size {
			n += len(rs) - size + 1
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]uint64, 0, n)
	for _, size := range [2]int{3, 4} {
		for i := 0; i+size <= len(rs); i++ {
			out = append(out, hashRunes(kindGram, rs[i:i+size]))
		}
	}
	return out
}

// skeleton returns the first letter of a word followed by its remaining
// consonants with vowels (and y, w, h) dropped and doubles collapsed:
// "kyiv" and "kiev" → "kv", "zelenskyy" → "zlnsk". Short words give "".
func skeleton(word string) string {
	rs := []rune(word)
	if len(rs) < 4 {
		return ""
	}
	out := []rune{rs[0]}
	for _, r := range rs[1:] {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h':
			continue
		}
		if out[len(out)-1] != r {
			out = append(out, r)
		}
	}
	return string(out)
}

// featureMemo memoises wordFeatures across calls: stemming and hashing
// were most of the cost of embedding, and the words of a corpus repeat
// endlessly. It is safe for concurrent use and stops growing at
// maxFeatureMemo words, so a stream of junk tokens cannot exhaust memory
// (words past it are worked out on every use).
type featureMemo struct {
	m    sync.Map // string → *wordFeatures
	size atomic.Int64
}

const maxFeatureMemo = 1 << 18

func (c *featureMemo) features(w string) *wordFeatures {
	if f, ok := c.m.Load(w); ok {
		return f.(*wordFeatures)
	}
	f := newWordFeatures(w)
	if c.size.Load() < maxFeatureMemo {
		// The key is cloned: w may be a substring of a whole chunk's text,
		// which the memo must not keep alive.
		f.word = strings.Clone(w)
		if got, loaded := c.m.LoadOrStore(f.word, f); loaded {
			return got.(*wordFeatures)
		}
		c.size.Add(1)
	}
	return f
}

// sublinear is 1 + ln(tf), the weight of a feature seen tf times.
func sublinear(tf int) float64 {
	if tf < len(sublinearTable) {
		return sublinearTable[tf]
	}
	return 1 + math.Log(float64(tf))
}

// sublinearTable holds sublinear's small values, computed the same way.
var sublinearTable = func() (t [64]float64) {
	for i := 1; i < len(t); i++ {
		t[i] = 1 + math.Log(float64(i))
	}
	return t
}()

// commonness down-weights stems so frequent in news that they say little.
func commonness(stem string) float64 {
	switch stem {
	case "said", "say", "told", "tell", "also", "year", "new", "one", "two",
		"time", "peopl", "includ", "accord", "report", "last", "first", "week",
		"day", "like", "make", "made", "go", "get", "take", "want", "mani",
		"much", "well", "even", "still", "back", "way", "use", "happen",
		"describ", "mean", "think", "know", "seem", "becom", "give", "come",
		"see", "look", "need", "call", "ask", "show", "tri", "find", "put",
		"keep", "let", "begin", "help", "thing", "part", "place", "case",
		"point", "fact", "number", "kind", "lot", "name", "long":
		return weightCommon
	}
	return 1
}

// normalize scales v to unit length in place.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := 1 / math.Sqrt(sum)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
}

// FNV-1a 64 constants. The hash is fixed (no random seed) so vectors are
// identical across processes and can be stored.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashFeature(kind byte, s string) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(kind)
	h *= fnvPrime
	return hashMore(h, s)
}

func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return mix(h)
}

func hashRunes(kind byte, rs []rune) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(kind)
	h *= fnvPrime
	for _, r := range rs {
		h ^= uint64(r)
		h *= fnvPrime
	}
	return mix(h)
}

// mix is the splitmix64 finaliser: FNV's low bits are weak, and the bucket
// index comes from them.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
