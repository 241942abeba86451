package retrieval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"footnote/internal/atomicfile"
)

// tempSuffix ends the names of files being written by [writeAtomic].
const tempSuffix = ".tmp"

// staleTempAge is how old a leftover temp file must be before
// [removeStaleTemps] deletes it where there are no file locks. A younger
// one may belong to another process still writing it.
const staleTempAge = time.Hour

// writeAtomic writes a file so that a crash at any moment leaves either the
// old file or the complete new one at path, never a torn one: it writes a
// temp file in the same directory, fsyncs and closes it, renames it over
// path and fsyncs the directory so the rename itself is durable.
func writeAtomic(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("create temp file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// Held until the file is closed (or the process dies): a temp file
	// nobody holds is a dead writer's, which removeStaleTemps removes.
	if _, err := tryLock(f); err != nil {
		return fmt.Errorf("lock temp file: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s: %w", tmp, err)
	}
	return atomicfile.SyncDir(dir)
}
