package retrieval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Advisory locks keep footnote processes sharing an index directory from
// undoing each other's work:
//
//   - Open holds the index file's lock (a ".lock" file beside it) from
//     loading the file to saving it, so two indexers run one after the
//     other: the second loads what the first saved, and neither reports
//     "indexed" for a file the other then overwrote.
//   - writeAtomic holds a lock on its temp file while writing it. A temp
//     file nobody holds belongs to a writer that died (kill -9, a crash)
//     and is removed at once, whatever its age.
//
// The locks are flock(2) locks where the system has them; the kernel
// drops them when the process dies, so a crash never leaves one behind.
// Elsewhere locking is a no-op and leftovers are removed by age.

// lockPoll is how often a wait for a lock held by another process looks
// again.
const lockPoll = 50 * time.Millisecond

// lockIndex takes the exclusive lock of the index file at path, waiting
// (with a notice) while another process holds it, until ctx ends; only
// that is an error. The returned function releases it. A directory where
// no lock file can be made goes on unlocked, with a notice: the index
// still works from memory, and its save will fail with a notice too.
func lockIndex(ctx context.Context, path string, notice func(string)) (unlock func(), err error) {
	dir, base := filepath.Split(path)
	lockPath := filepath.Join(dir, "."+base+".lock")
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, os.ErrNotExist) {
		if os.MkdirAll(dir, 0o755) == nil {
			f, err = os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
		}
	}
	if err != nil {
		notice(fmt.Sprintf("cannot lock index file %s (%v): going on without a lock", path, err))
		return func() {}, nil
	}
	waited := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			notice(fmt.Sprintf("cannot lock index file %s (%v): going on without a lock", path, err))
			return func() {}, nil
		}
		if ok {
			return func() { f.Close() }, nil // closing releases the lock
		}
		if !waited {
			waited = true
			notice(fmt.Sprintf("index file %s is being written by another footnote process: waiting", path))
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// removeStaleTemps deletes temp files that [writeAtomic] left behind for
// path when their writer died mid-write, so kills do not leak disk space:
// a temp file no live writer holds a lock on goes at once; where there are
// no locks, one older than staleTempAge. Errors are ignored: a leftover
// temp file is harmless.
func removeStaleTemps(path string, now time.Time) {
	dir, base := filepath.Split(path)
	matches, _ := filepath.Glob(filepath.Join(dir, "."+base+".*"+tempSuffix))
	for _, m := range matches {
		if !locking {
			if fi, err := os.Stat(m); err == nil && now.Sub(fi.ModTime()) > staleTempAge {
				os.Remove(m)
			}
			continue
		}
		f, err := os.OpenFile(m, os.O_RDWR|syscallNonblock, 0)
		if err != nil {
			continue
		}
		if ok, err := tryLock(f); err == nil && ok {
			os.Remove(m) // nobody writes it: its writer is gone
		}
		f.Close()
	}
}
