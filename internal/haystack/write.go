package haystack

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"
)

// Summary counts what was generated.
type Summary struct {
	Files int   // articles generated
	Bytes int64 // total bytes of their text
}

// Write generates the haystack into dir (created if missing), one file per
// article. Existing files of the same names are overwritten; other files in
// dir are left alone.
func Write(dir string, opts Options) (Summary, error) {
	docs, err := Generate(opts)
	if err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("haystack: %w", err)
	}
	var sum Summary
	for d := range docs {
		if err := os.WriteFile(filepath.Join(dir, d.Name), []byte(d.Text), 0o644); err != nil {
			return sum, fmt.Errorf("haystack: %w", err)
		}
		sum.Files++
		sum.Bytes += int64(len(d.Text))
	}
	return sum, nil
}

// MapFS returns an in-memory file system holding every regular file of
// base (nil for none) and the generated articles at its root: a corpus
// with the haystack, for tests that should not touch the disk. A generated
// name that clashes with a file of base is an error.
func MapFS(base fs.FS, opts Options) (fstest.MapFS, Summary, error) {
	docs, err := Generate(opts)
	if err != nil {
		return nil, Summary{}, err
	}
	m := fstest.MapFS{}
	if base != nil {
		if err := copyFS(m, base); err != nil {
			return nil, Summary{}, err
		}
	}
	var sum Summary
	for d := range docs {
		if m[d.Name] != nil {
			return nil, sum, fmt.Errorf("haystack: %s is already in the base corpus", d.Name)
		}
		m[d.Name] = &fstest.MapFile{Data: []byte(d.Text), Mode: 0o644}
		sum.Files++
		sum.Bytes += int64(len(d.Text))
	}
	return m, sum, nil
}

// copyFS copies base's regular files into m under the same paths.
func copyFS(m fstest.MapFS, base fs.FS) error {
	return fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("haystack: read base corpus: %w", err)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(base, p)
		if err != nil {
			return fmt.Errorf("haystack: read base corpus: %w", err)
		}
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
}
