package corpus_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"footnote/corpus"
)

// TestWalkOddFiles walks files of odd shapes misnamed or malformed as
// articles: binary data and other encodings are skipped with a reason,
// files with nothing in them are skipped, and a Latin-1 article or one very
// long line is still read.
func TestWalkOddFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	utf16 := []byte{0xff, 0xfe}
	for _, c := range "Talks end. Delegations leave Istanbul after an hour." {
		utf16 = append(utf16, byte(c), 0)
	}
	files := map[string]struct {
		data []byte
		kept bool
		warn string // the start of the file's warning; "" for none
	}{
		"random.txt": {data: random, warn: "skipped: not UTF-8 text ("},
		"png.txt":    {data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random...), warn: "skipped: not UTF-8 text ("},
		"utf16.txt":  {data: utf16, warn: "skipped: not UTF-8 text ("},
		"nul.md":     {data: make([]byte, 100), warn: "skipped: not UTF-8 text ("},
		"empty.txt":  {data: nil, warn: "skipped: empty file"},
		"crlf.txt":   {data: []byte(strings.Repeat("\r\n", 1000)), warn: "skipped: no article text"},
		"latin1.txt": {data: []byte("Le d\xe9l\xe9gu\xe9 a parl\xe9.\n\nLes n\xe9gociations ont dur\xe9 une heure \xe0 Istanbul, selon le minist\xe8re.\n"), kept: true, warn: "not UTF-8: decoded as Windows-1252"},
		"long.txt":   {data: []byte(strings.Repeat("word ", 200_000)), kept: true},
	}
	fsys := fstest.MapFS{}
	for name, f := range files {
		fsys[name] = &fstest.MapFile{Data: f.data}
	}
	got := map[string][]string{}
	arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{OnWarning: func(source, msg string) {
		got[source] = append(got[source], msg)
	}})
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, a := range arts {
		kept[a.Source] = true
	}
	for name, f := range files {
		if kept[name] != f.kept {
			t.Errorf("%s: kept = %v, want %v", name, kept[name], f.kept)
		}
		if f.warn == "" {
			if len(got[name]) != 0 {
				t.Errorf("%s: warnings %q, want none", name, got[name])
			}
			continue
		}
		if len(got[name]) == 0 || !strings.HasPrefix(got[name][0], f.warn) {
			t.Errorf("%s: warnings %q, want one starting %q", name, got[name], f.warn)
		}
	}
}

// TestCleanNotText checks that a binary file is refused with both
// sentinels: callers that skip on ErrNoText keep working.
func TestCleanNotText(t *testing.T) {
	_, err := corpus.Clean("x.txt", []byte("\x00\x01\x02\x03\xff\xfe text"))
	if !errors.Is(err, corpus.ErrNotText) || !errors.Is(err, corpus.ErrNoText) {
		t.Fatalf("Clean(binary) = %v, want ErrNotText and ErrNoText", err)
	}
}
