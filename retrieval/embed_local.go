package retrieval

import (
	"context"
	"fmt"
	"math"
	"strconv"
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
	dim   int
	stems *stemMemo
}

// NewLocalEmbedder returns a LocalEmbedder of dimension dim; dim <= 0 means
// DefaultLocalDim.
func NewLocalEmbedder(dim int) *LocalEmbedder {
	if dim <= 0 {
		dim = DefaultLocalDim
	}
	return &LocalEmbedder{dim: dim, stems: &stemMemo{}}
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
	stems := e.stems
	v := make([]float32, e.dim)
	words := Words(text)
	content := make([]string, 0, len(words))
	for _, w := range words {
		if !IsStopword(w) {
			content = append(content, w)
		}
	}
	if len(content) == 0 {
		e.add(v, hashFeature(kindEmpty, ""), 1)
		return v
	}

	// Counts keep first-occurrence order: float addition is not associative,
	// and map order would make the low bits differ from run to run.
	var words1, stems1 counter[string]
	var bigrams counter[[2]string]
	prev := ""
	for i, w := range content {
		s := stems.stem(w)
		words1.add(w)
		stems1.add(s)
		if i > 0 {
			bigrams.add([2]string{prev, s})
		}
		prev = s
	}
	for i, s := range stems1.keys {
		e.add(v, hashFeature(kindStem, s), weightStem*sublinear(stems1.counts[i])*commonness(s))
	}
	for i, w := range words1.keys {
		if hasDigit(w) {
			continue // numbers match exactly or not at all
		}
		wt := sublinear(words1.counts[i]) * commonness(stems.stem(w))
		e.addGrams(v, w, weightGrams*wt)
		if sk := skeleton(w); len(sk) >= 2 {
			e.add(v, hashFeature(kindSkeleton, sk), weightSkeleton*wt)
		}
	}
	for i, bg := range bigrams.keys {
		h := hashMore(hashMore(hashFeature(kindBigram, bg[0]), "\x00"), bg[1])
		e.add(v, h, weightBigram*sublinear(bigrams.counts[i]))
	}
	normalize(v)
	return v
}

// add puts weight w into the bucket of feature hash h, with the sign taken
// from another bit of h so that collisions cancel out on average.
func (e *LocalEmbedder) add(v []float32, h uint64, w float64) {
	idx := (h & 0x7fffffffffffffff) % uint64(len(v))
	if h>>63 == 1 {
		w = -w
	}
	v[idx] += float32(w)
}

// addGrams adds the character 3- and 4-grams of word, marked with "<" and
// ">" at its boundaries, sharing total weight w (L2) among them.
func (e *LocalEmbedder) addGrams(v []float32, word string, w float64) {
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
		return
	}
	each := w / math.Sqrt(float64(n))
	for _, size := range [2]int{3, 4} {
		for i := 0; i+size <= len(rs); i++ {
			e.add(v, hashRunes(kindGram, rs[i:i+size]), each)
		}
	}
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

// stemMemo memoises stemWord across calls: stemming is the largest cost of
// embedding, and the words of a corpus repeat endlessly. It is safe for
// concurrent use and stops growing at maxStemMemo words, so a stream of
// junk tokens cannot exhaust memory.
type stemMemo struct {
	m    sync.Map // string → string
	size atomic.Int64
}

const maxStemMemo = 1 << 18

func (c *stemMemo) stem(w string) string {
	if s, ok := c.m.Load(w); ok {
		return s.(string)
	}
	s := stemWord(w)
	if c.size.Load() < maxStemMemo {
		if _, loaded := c.m.LoadOrStore(w, s); !loaded {
			c.size.Add(1)
		}
	}
	return s
}

// counter counts keys in order of first occurrence.
type counter[K comparable] struct {
	index  map[K]int
	keys   []K
	counts []int
}

func (c *counter[K]) add(k K) {
	if c.index == nil {
		c.index = map[K]int{}
	}
	if i, ok := c.index[k]; ok {
		c.counts[i]++
		return
	}
	c.index[k] = len(c.keys)
	c.keys = append(c.keys, k)
	c.counts = append(c.counts, 1)
}

func sublinear(tf int) float64 { return 1 + math.Log(float64(tf)) }

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
