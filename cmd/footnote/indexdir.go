package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"footnote/internal/atomicfile"
)

// Each corpus gets its own directory of index files under
// FOOTNOTE_INDEX_DIR/corpora, so indexing one corpus never replaces the
// index of another (re-embedding a large corpus with OpenAI is paid work).
// Inside it, retrieval keys the file by embedder.
const (
	corporaDir = "corpora"
	// corpusMarker names the file in a corpus's index directory that holds
	// the corpus key; its modification time records the last use.
	corpusMarker = "corpus"
	// embeddedCorpusKey is the key of the corpus built into the binary.
	embeddedCorpusKey = "embedded"
	// indexUnusedFor is how long an index may go unused before it is
	// pruned.
	indexUnusedFor = 60 * 24 * time.Hour
)

// corpusKey identifies a corpus: "embedded", or its absolute path with
// symlinks resolved, so "./news" and "/home/me/news" share an index.
func corpusKey(corpusDir string) (string, error) {
	if corpusDir == "" {
		return embeddedCorpusKey, nil
	}
	abs, err := filepath.Abs(corpusDir)
	if err != nil {
		return "", fmt.Errorf("corpus directory %s: %w", corpusDir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return abs, nil
}

// corpusIndexDir is the directory under root for the corpus with key: a
// readable name (the corpus folder's base name) plus a hash of the key.
func corpusIndexDir(root, key string) string {
	base := "embedded"
	if key != embeddedCorpusKey {
		base = sanitizeName(filepath.Base(key))
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(root, corporaDir, base+"-"+hex.EncodeToString(sum[:6]))
}

// sanitizeName keeps letters, digits, '.', '-' and '_' of s (others become
// '-'), at most 40 bytes.
func sanitizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "corpus"
	}
	return b.String()
}

// prepareIndexDir returns the index directory of the corpus under root,
// creating it and recording the corpus key and its use. fresh reports that
// the corpus had no index yet. Index directories of other corpora unused
// for longer than indexUnusedFor are removed, each with a notice.
func prepareIndexDir(root, corpusDir string, now time.Time, notice func(string)) (dir string, fresh bool, err error) {
	key, err := corpusKey(corpusDir)
	if err != nil {
		return "", false, err
	}
	dir = corpusIndexDir(root, key)
	marker := filepath.Join(dir, corpusMarker)
	if _, err := os.Stat(marker); errors.Is(err, fs.ErrNotExist) {
		fresh = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, fmt.Errorf("index directory %s: %w", root, unwrapPath(err))
	}
	if fresh {
		if err := atomicfile.WriteFile(marker, []byte(key+"\n"), 0o600); err != nil {
			return "", false, fmt.Errorf("index directory %s: %w", root, unwrapPath(err))
		}
	} else if err := os.Chtimes(marker, now, now); err != nil {
		return "", false, fmt.Errorf("index directory %s: %w", root, unwrapPath(err))
	}
	pruneIndexDirs(filepath.Join(root, corporaDir), dir, now, notice)
	return dir, fresh, nil
}

// pruneIndexDirs removes the corpus index directories under parent, other
// than keep, whose marker was last touched more than indexUnusedFor ago.
// Failures only cost disk space, so they are not reported.
func pruneIndexDirs(parent, keep string, now time.Time, notice func(string)) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(parent, e.Name())
		if !e.IsDir() || dir == keep {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, corpusMarker))
		if err != nil || now.Sub(fi.ModTime()) < indexUnusedFor {
			continue
		}
		key, _ := os.ReadFile(filepath.Join(dir, corpusMarker))
		if os.RemoveAll(dir) == nil {
			notice(fmt.Sprintf("removed the index of %s, unused since %s", strings.TrimSpace(string(key)), fi.ModTime().Format("2006-01-02")))
		}
	}
}

// unwrapPath drops the *fs.PathError around err: the caller names the
// directory the user configured, and the reason is what is left
// ("permission denied", "read-only file system").
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// homeRelative shortens a path under the home directory to ~/…, for
// messages.
func homeRelative(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rel, err := filepath.Rel(home, path); err == nil && !strings.HasPrefix(rel, "..") && rel != "." {
		return filepath.Join("~", rel)
	}
	return path
}
