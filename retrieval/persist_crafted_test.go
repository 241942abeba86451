package retrieval

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"math"
	"strings"
	"testing"
)

// craftFile gob-encodes values into a gzip stream, as an index file is.
func craftFile(t *testing.T, values ...any) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	enc := gob.NewEncoder(gz)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeSnapshotCrafted feeds well-formed gzip and gob streams that are
// not index files, or whose header lies about sizes: each must be refused
// with an error saying why, without a panic and without allocating what
// the header claims.
func TestDecodeSnapshotCrafted(t *testing.T) {
	header := func(dim, articles int) fileHeader {
		return fileHeader{Magic: fileMagic, Version: formatVersion, EmbedderKey: "k", Dim: dim, Articles: articles}
	}
	oneChunk := storedArticle{
		Source: "a.txt", Hash: make([]byte, sha256.Size),
		Chunks: []storedChunk{{ID: "a#0", Text: "x", Start: 0, End: 1}},
	}
	// dims whose byte count wraps around to 0 (or to the bytes given) in
	// int arithmetic.
	wrapDims := []int{1 << 62, math.MaxInt/4 + 1, math.MaxInt}
	tests := []struct {
		name    string
		file    []byte
		problem string
	}{
		{"gob of a string", craftFile(t, "footnote-index"), "header"},
		{"gob of an int slice", craftFile(t, []int{1, 2, 3}), "header"},
		{"gob of another struct", craftFile(t, struct{ Magic, Version int }{1, 2}), "header"},
		{"header only, claiming articles", craftFile(t, header(8, 1<<40)), "article 1 of"},
		{"wrong type after header", craftFile(t, header(8, 1), "not an article"), "article 1 of"},
		{"negative dimension", craftFile(t, header(-1, 0)), "bad header"},
		{"huge dimension", craftFile(t, header(1<<40, 1), oneChunk), "dimension"},
		{"vectors without chunks", craftFile(t, header(8, 1), storedArticle{Source: "a.txt", Hash: make([]byte, sha256.Size), Vectors: make([]byte, 32)}), "vector bytes"},
	}
	for _, d := range wrapDims {
		tests = append(tests, struct {
			name    string
			file    []byte
			problem string
		}{"wrapping dimension", craftFile(t, header(d, 1), oneChunk), "dimension"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := decodeSnapshot(bytes.NewReader(tt.file), inflateLimit(int64(len(tt.file))))
			if err == nil {
				t.Fatalf("decoded %+v, want an error", s)
			}
			if strings.Contains(err.Error(), "panic") || !strings.Contains(err.Error(), tt.problem) {
				t.Errorf("error %q, want one mentioning %q and no panic", err, tt.problem)
			}
			var ce *corruptError
			if errors.As(err, &ce) {
				t.Errorf("decodeSnapshot wrapped its own corruptError: %v", err)
			}
		})
	}
}
