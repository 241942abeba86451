// Package lexicon is footnote's word knowledge: WordNet 3.0 lemmas,
// morphology, synonyms, derivations, hypernyms and antonyms compiled into an
// embedded table, and the project's one list of closed-class words
// (closed.go).
//
// The WordNet table is decoded once, on first use, by [Default], and shared:
// a *[Lexicon] is immutable and safe for concurrent use, so there is no
// reason for each caller to load its own copy (about 13 MB of heap and
// 50-60 ms of CPU to decode). The lazily decoded table behind Default is the
// package's only state; [Decode] reads a table from any reader instead.
// Lemmas are lower-case
// and multi-word lemmas use spaces, also for WordNet's hyphens ("wrap up",
// "united nations", "cease fire"); input words are normalised the same way.
//
// The data is compiled from Debian's wordnet-base by ./internal/gen (run
// `go generate ./lexicon` with wordnet-base installed) and committed as
// wordnet.bin.gz, so building needs no WordNet install. WordNet 3.0 Copyright 2006 by Princeton University; see
// LICENSE.wordnet.
package lexicon

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -out wordnet.bin.gz

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:embed wordnet.bin.gz
var wordnetGz []byte

// POS is a WordNet part of speech. Adjective satellites count as [Adj].
type POS uint8

// The parts of speech WordNet covers.
const (
	Noun POS = iota
	Verb
	Adj
	Adv
	numPOS
)

// String returns "noun", "verb", "adj" or "adv".
func (p POS) String() string {
	switch p {
	case Noun:
		return "noun"
	case Verb:
		return "verb"
	case Adj:
		return "adj"
	case Adv:
		return "adv"
	}
	return fmt.Sprintf("POS(%d)", uint8(p))
}

// Lexicon is a decoded WordNet table. Get the embedded one with [Default];
// the zero value is an empty lexicon that knows no words. A Lexicon must not
// be copied after first use.
type Lexicon struct {
	blob string   // all lemmas, sorted, concatenated
	off  []uint32 // lemma i is blob[off[i]:off[i+1]]

	senseOff []uint32 // senses of lemma i in POS p: senses[senseOff[4i+p]:senseOff[4i+p+1]]
	senses   []uint32 // synset ids
	freq     []uint32 // SemCor tag count of lemma i in POS p, at 4i+p

	synPOS  []POS
	synSup  []Supersense
	memOff  []uint32
	mem     []uint32 // member lemma ids of each synset
	hypOff  []uint32
	hyp     []uint32 // hypernym synset id<<1 | 1 if instance hypernym
	partOff []uint32
	part    []uint32 // part-holonym synset ids
	entOff  []uint32
	ent     []uint32 // entailed/caused verb synsets, both directions, sorted

	derivOff []uint32
	deriv    []uint32 // derivationally related lemma ids, sorted
	antOff   []uint32
	ant      []uint32 // antonym lemma ids, sorted

	exc [numPOS]excList

	alias excList // solid spellings of hyphenated lemmas; base holds one lemma id each

	hypo hypoCache // inverse hypernyms, built on first use by Expand
}

// excList is one POS's morphological exception list.
type excList struct {
	blob    string
	off     []uint32
	baseOff []uint32
	base    []uint32
}

// defaultLexicon holds the embedded table, decoded on first use.
var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	return decodeGzip(wordnetGz)
})

// Default returns the embedded WordNet lexicon, decoding it on the first call
// (tens of milliseconds; see BenchmarkLoad) and sharing it afterwards. The
// embedded data is checked by the package tests, so Default panics only if
// the binary itself is corrupt.
func Default() *Lexicon {
	l, err := defaultLexicon()
	if err != nil {
		panic("lexicon: embedded WordNet data: " + err.Error())
	}
	return l
}

// ErrFormat reports lexicon data that is not in the format ./internal/gen
// writes.
var ErrFormat = errors.New("lexicon: bad data format")

// Decode reads a gzip-compressed lexicon in the format ./internal/gen writes.
// Most callers want [Default].
func Decode(r io.Reader) (*Lexicon, error) {
	gz, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return decodeGzip(gz)
}

// decodeGzip gunzips into a buffer sized from the gzip trailer (the
// uncompressed length mod 2^32) and decodes the table.
func decodeGzip(gz []byte) (*Lexicon, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var buf bytes.Buffer
	if len(gz) >= 4 {
		if n := binary.LittleEndian.Uint32(gz[len(gz)-4:]); n < 64<<20 {
			buf.Grow(int(n) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return decodeRaw(buf.Bytes())
}

func decodeRaw(raw []byte) (*Lexicon, error) {
	const magic = "FNWN6\n"
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("%w: no magic", ErrFormat)
	}
	d := &decoder{b: raw[len(magic):]}
	// Table sizes, so that every table is allocated once. Each is bounded
	// by the input length: an id takes at least one byte.
	var size [8]int
	for i := range size {
		size[i] = d.count(len(raw))
	}
	l := &Lexicon{}

	n := d.count(len(raw))
	l.blob, l.off = d.strings(n, size[0])

	ns := d.count(len(raw))
	l.synPOS = make([]POS, ns)
	l.synSup = make([]Supersense, ns)
	l.memOff, l.mem = make([]uint32, 1, ns+1), make([]uint32, 0, size[1])
	l.hypOff, l.hyp = make([]uint32, 1, ns+1), make([]uint32, 0, size[2])
	l.partOff, l.part = make([]uint32, 1, ns+1), make([]uint32, 0, size[3])
	l.entOff, l.ent = make([]uint32, 1, ns+1), make([]uint32, 0, size[7])
	for i := range ns {
		sup := Supersense(d.byte())
		if sup >= numSupersenses {
			d.fail("bad supersense")
		}
		l.synSup[i], l.synPOS[i] = sup, sup.pos()
		l.mem, l.memOff = d.ids(l.mem, l.memOff, n)
		l.hyp, l.hypOff = d.ids(l.hyp, l.hypOff, ns<<1)
		l.part, l.partOff = d.ids(l.part, l.partOff, ns)
		l.ent, l.entOff = d.ids(l.ent, l.entOff, ns)
	}

	l.senseOff, l.senses = make([]uint32, 1, 4*n+1), make([]uint32, 0, size[4])
	l.freq = make([]uint32, 4*n)
	l.derivOff, l.deriv = make([]uint32, 1, n+1), make([]uint32, 0, size[5])
	l.antOff, l.ant = make([]uint32, 1, n+1), make([]uint32, 0, size[6])
	for i := range n {
		flags := d.byte()
		for p := range 4 {
			if flags&(1<<p) == 0 {
				l.senseOff = append(l.senseOff, uint32(len(l.senses)))
				continue
			}
			l.senses, l.senseOff = d.ids(l.senses, l.senseOff, ns)
			l.freq[4*i+p] = uint32(d.uv())
		}
		if flags&(1<<4) != 0 {
			l.deriv, l.derivOff = d.ids(l.deriv, l.derivOff, n)
		} else {
			l.derivOff = append(l.derivOff, uint32(len(l.deriv)))
		}
		if flags&(1<<5) != 0 {
			l.ant, l.antOff = d.ids(l.ant, l.antOff, n)
		} else {
			l.antOff = append(l.antOff, uint32(len(l.ant)))
		}
	}
	for p := range numPOS {
		e := &l.exc[p]
		ne := d.count(len(raw))
		e.off = make([]uint32, 1, ne+1)
		e.baseOff = make([]uint32, 1, ne+1)
		var sb strings.Builder
		prev := ""
		for range ne {
			s := d.front(prev)
			sb.WriteString(s)
			e.off = append(e.off, uint32(sb.Len()))
			prev = s
			e.base, e.baseOff = d.ids(e.base, e.baseOff, n)
		}
		e.blob = sb.String()
	}
	na := d.count(len(raw))
	l.alias.off = make([]uint32, 1, na+1)
	l.alias.base = make([]uint32, 0, na)
	var sb strings.Builder
	prev := ""
	for range na {
		s := d.front(prev)
		sb.WriteString(s)
		l.alias.off = append(l.alias.off, uint32(sb.Len()))
		prev = s
		id := d.uv()
		if id >= uint64(n) {
			d.fail("alias id out of range")
		}
		l.alias.base = append(l.alias.base, uint32(id))
	}
	l.alias.blob = sb.String()
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, len(d.b))
	}
	return l, nil
}

// decoder reads uvarints; the first error sticks and later reads return 0.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrFormat, msg)
	}
	d.b = nil
}

func (d *decoder) uv() uint64 {
	b := d.b
	if len(b) > 0 && b[0] < 0x80 { // fast paths: one, two and three bytes
		d.b = b[1:]
		return uint64(b[0])
	}
	if len(b) > 1 && b[1] < 0x80 {
		d.b = b[2:]
		return uint64(b[0]&0x7f) | uint64(b[1])<<7
	}
	if len(b) > 2 && b[2] < 0x80 {
		d.b = b[3:]
		return uint64(b[0]&0x7f) | uint64(b[1]&0x7f)<<7 | uint64(b[2])<<14
	}
	x, k := binary.Uvarint(b)
	if k <= 0 {
		d.fail("truncated")
		return 0
	}
	d.b = b[k:]
	return x
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// count reads a length no larger than max.
func (d *decoder) count(max int) int {
	x := d.uv()
	if x > uint64(max) {
		d.fail("length out of range")
		return 0
	}
	return int(x)
}

// ids appends one length-prefixed id list (each id < limit) and its end offset.
func (d *decoder) ids(dst, off []uint32, limit int) ([]uint32, []uint32) {
	k := d.count(len(d.b))
	for range k {
		x := d.uv()
		if x >= uint64(limit) {
			d.fail("id out of range")
			break
		}
		dst = append(dst, uint32(x))
	}
	return dst, append(off, uint32(len(dst)))
}

// front reads one front-coded string following prev.
func (d *decoder) front(prev string) string {
	shared := d.count(len(prev))
	k := d.count(len(d.b))
	if d.err != nil {
		return ""
	}
	s := prev[:shared] + string(d.b[:k])
	d.b = d.b[k:]
	return s
}

// strings reads n front-coded strings of size bytes in all into one blob
// with offsets.
func (d *decoder) strings(n, size int) (string, []uint32) {
	buf := make([]byte, 0, size)
	off := make([]uint32, 1, n+1)
	prevStart := 0
	for range n {
		shared := d.count(len(buf) - prevStart)
		k := d.count(len(d.b))
		if d.err != nil {
			break
		}
		start := len(buf)
		buf = append(buf, buf[prevStart:prevStart+shared]...)
		buf = append(buf, d.b[:k]...)
		d.b = d.b[k:]
		off = append(off, uint32(len(buf)))
		prevStart = start
	}
	for len(off) < n+1 {
		off = append(off, uint32(len(buf)))
	}
	return string(buf), off
}

// Len returns the number of lemmas.
func (l *Lexicon) Len() int {
	if len(l.off) == 0 {
		return 0
	}
	return len(l.off) - 1
}

func (l *Lexicon) lemma(id uint32) string {
	return l.blob[l.off[id]:l.off[id+1]]
}

// find returns the id of lemma s (already normalised) by binary search, or
// of the hyphenated lemma s is the solid spelling of ("ceasefire").
func (l *Lexicon) find(s string) (uint32, bool) {
	if id, ok := l.findExact(s); ok {
		return id, true
	}
	a := &l.alias
	if i, ok := lookup(a.blob, a.off, s); ok {
		return a.base[i], true
	}
	return 0, false
}

// findExact looks s up among the lemmas only.
func (l *Lexicon) findExact(s string) (uint32, bool) {
	i, ok := lookup(l.blob, l.off, s)
	return uint32(i), ok
}

// lowerBound returns the index of the first entry of a sorted string
// table (entry i is blob[off[i]:off[i+1]]) that is not less than s, or
// the number of entries. It takes s as a string or as bytes, so a caller
// with bytes does not allocate a string.
func lowerBound[S string | []byte](blob string, off []uint32, s S) int {
	lo, hi := 0, max(len(off)-1, 0)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if blob[off[m]:off[m+1]] < string(s) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// lookup returns the index of the entry s of a sorted string table (see
// [lowerBound]) and whether it is there.
func lookup(blob string, off []uint32, s string) (int, bool) {
	i := lowerBound(blob, off, s)
	if i < len(off)-1 && blob[off[i]:off[i+1]] == s {
		return i, true
	}
	return 0, false
}

// sensesOf returns the synsets of lemma id in POS p, most frequent sense first.
func (l *Lexicon) sensesOf(id uint32, p POS) []uint32 {
	i := 4*int(id) + int(p)
	return l.senses[l.senseOff[i]:l.senseOff[i+1]]
}

func (l *Lexicon) inPOS(id uint32, p POS) bool {
	i := 4*int(id) + int(p)
	return l.senseOff[i+1] > l.senseOff[i]
}

// Has reports whether word, normalised (lower-cased, underscores, hyphens
// and runs of spaces as one space), is a WordNet lemma in any part of
// speech, or the solid spelling of a hyphenated one ("ceasefire"). It does not
// lemmatize: Has("united nations") and Has("sit") are true, Has("sat") is
// true only because "sat" is itself a noun (Saturday).
func (l *Lexicon) Has(word string) bool {
	_, ok := l.find(normalize(word))
	return ok
}

// HasPrefix reports whether some lemma starts with prefix (normalised like
// [Lexicon.Has]). A scanner uses it to decide whether extending a phrase by
// another word can still reach a multi-word lemma: HasPrefix("united ").
func (l *Lexicon) HasPrefix(prefix string) bool {
	p := normalize(prefix)
	if k := len(prefix); k > 0 && p != "" && (prefix[k-1] == ' ' || prefix[k-1] == '_' || prefix[k-1] == '-') {
		p += " " // keep the word boundary normalize trimmed
	}
	i := lowerBound(l.blob, l.off, p)
	return i < l.Len() && strings.HasPrefix(l.lemma(uint32(i)), p)
}

// normWord normalises a single word for lemmatizing: [normalize], then a
// possessive ending ("kyiv's", "talks'") is dropped unless the whole form is
// a lemma.
func (l *Lexicon) normWord(s string) string {
	w := normalize(s)
	var base string
	switch {
	case strings.HasSuffix(w, "'s"):
		base = w[:len(w)-2]
	case strings.HasSuffix(w, "’s"):
		base = w[:len(w)-len("’s")]
	case strings.HasSuffix(w, "s'"):
		base = w[:len(w)-1]
	case strings.HasSuffix(w, "s’"):
		base = w[:len(w)-len("’")]
	default:
		return w
	}
	if _, ok := l.find(w); ok || base == "" {
		return w
	}
	return base
}

// normalize lower-cases s, maps '_' and '-' to ' ', trims and collapses
// spaces. It allocates only when s needs changing.
func normalize(s string) string {
	clean := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c >= 0x80 || c == ' ' && i > 0 && s[i-1] == ' ' || c == '\t' || c == '\n' {
			clean = false
		}
	}
	if clean {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return ' '
		}
		return r
	}, strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
