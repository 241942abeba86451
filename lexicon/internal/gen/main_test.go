package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// wordnetDir is where Debian's wordnet-base installs the database.
const wordnetDir = "/usr/share/wordnet"

// TestCommittedDataIsCurrent regenerates the lexicon from the installed
// WordNet database and checks that the committed ../../wordnet.bin.gz holds
// exactly the same table. It needs wordnet-base (apt-get install
// wordnet-base) and skips without it.
func TestCommittedDataIsCurrent(t *testing.T) {
	if _, err := os.Stat(filepath.Join(wordnetDir, "index.noun")); err != nil {
		t.Skip("WordNet not installed in " + wordnetDir + " (apt-get install wordnet-base)")
	}
	out := filepath.Join(t.TempDir(), "wordnet.bin.gz")
	if err := run(wordnetDir, out); err != nil {
		t.Fatal(err)
	}
	fresh, committed := gunzip(t, out), gunzip(t, "../../wordnet.bin.gz")
	if !bytes.Equal(fresh, committed) {
		t.Fatalf("committed wordnet.bin.gz (%d bytes raw) differs from the generator's output (%d bytes raw); run go generate ./lexicon", len(committed), len(fresh))
	}
}

func TestCompileRejectsMissingDir(t *testing.T) {
	if _, err := Compile(t.TempDir()); err == nil {
		t.Fatal("Compile of an empty directory succeeded")
	}
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
