package retrieval

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// gobUint appends x as gob encodes an unsigned integer.
func gobUint(b []byte, x uint64) []byte {
	if x < 128 {
		return append(b, byte(x))
	}
	var be [8]byte
	n := 0
	for v := x; v > 0; v >>= 8 {
		n++
	}
	for i := 0; i < n; i++ {
		be[i] = byte(x >> (8 * (n - 1 - i)))
	}
	return append(append(b, byte(-n)), be[:n]...)
}

// readGobUint reads a gob unsigned integer from b.
func readGobUint(b []byte) (uint64, int) {
	if b[0] < 128 {
		return uint64(b[0]), 1
	}
	n := int(-int8(b[0]))
	var x uint64
	for i := 1; i <= n; i++ {
		x = x<<8 | uint64(b[i])
	}
	return x, n + 1
}

// writeBomb writes an index file at path whose one article claims a
// vector slab of inflated zero bytes: a gzip bomb in the file's own
// format, so the decoder gets as far as it can. It is streamed, never held
// in memory.
func writeBomb(t testing.TB, path string, inflated int64) {
	t.Helper()
	h := fileHeader{Magic: fileMagic, Version: formatVersion, EmbedderKey: "k", Dim: 8, Articles: 1}
	art := storedArticle{Source: "a.txt", Hash: make([]byte, sha256.Size), Chunks: []storedChunk{{ID: "a#0", Text: "x", End: 1}}}
	var head, all bytes.Buffer
	if err := gob.NewEncoder(&head).Encode(h); err != nil {
		t.Fatal(err)
	}
	enc := gob.NewEncoder(&all)
	if err := enc.Encode(h); err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(art); err != nil {
		t.Fatal(err)
	}
	// After the header: the type messages, then the value message last.
	rest := all.Bytes()[head.Len():]
	var last int
	for i := 0; i < len(rest); {
		n, w := readGobUint(rest[i:])
		last = i
		i += w + int(n)
	}
	n, w := readGobUint(rest[last:])
	body := rest[last+w : last+w+int(n)]
	// The body ends the struct with 0; Vectors (the field after Chunks) is
	// added before it: delta 1, length, bytes.
	pre := append([]byte(nil), body[:len(body)-1]...)
	pre = append(pre, 1)
	pre = gobUint(pre, uint64(inflated))
	msgLen := uint64(len(pre)) + uint64(inflated) + 1

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	gz.Write(head.Bytes())
	gz.Write(rest[:last])
	gz.Write(gobUint(nil, msgLen))
	gz.Write(pre)
	zeros := make([]byte, 1<<20)
	for left := inflated; left > 0; left -= int64(len(zeros)) {
		gz.Write(zeros[:min(int64(len(zeros)), left)])
	}
	gz.Write([]byte{0})
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
}

// A gzip bomb at the index path is refused as corrupt after inflating no
// more than a small multiple of its size.
func TestLoadSnapshotGzipBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.gob.gz")
	writeBomb(t, path, 8<<20)
	fi, _ := os.Stat(path)
	_, err := loadSnapshot(context.Background(), path)
	var ce *corruptError
	if !errors.As(err, &ce) || !errors.Is(err, errInflated) {
		t.Fatalf("a %d-byte file inflating to 8 MiB: err = %v, want a corrupt file that inflates too far", fi.Size(), err)
	}
}

// Loading stops as soon as the context ends, with the context's error
// (not "corrupt", which would rebuild): SIGINT interrupts a long load.
func TestLoadSnapshotCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.gob.gz")
	writeBomb(t, path, 8<<20)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := loadSnapshot(ctx, path)
	var ce *corruptError
	if !errors.Is(err, context.Canceled) || errors.As(err, &ce) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
