//go:build linux

package retrieval_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"footnote/retrieval"
)

// holdLock takes an flock on path as another process would, until the test
// ends or the returned function is called.
func holdLock(t *testing.T, path string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return func() { f.Close() }
}

// A temp file a live writer holds is left alone however old; one nobody
// holds (its writer was killed) is removed at once however young.
func TestStaleTempsByLock(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	opts := retrieval.Options{Embedder: newCounting(8), Dir: dir}
	base := filepath.Base(openIndex(t, opts, arts).Stats().Path)
	live := filepath.Join(dir, "."+base+".live.tmp")
	dead := filepath.Join(dir, "."+base+".dead.tmp")
	holdLock(t, live)
	if err := os.WriteFile(dead, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-48 * time.Hour)
	os.Chtimes(live, long, long)
	openIndex(t, opts, arts)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a killed writer's temp file is still there: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a live writer's temp file was removed: %v", err)
	}
}

// A FIFO (or any non-regular file) at the index path is refused at once
// and rebuilt over, instead of blocking the open for ever.
func TestOpenRefusesFIFO(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	opts := retrieval.Options{Embedder: newCounting(8), Dir: dir}
	path := openIndex(t, opts, arts).Stats().Path
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	var notes noticeLog
	opts.Notice = notes.add
	done := make(chan *retrieval.Index, 1)
	go func() {
		ix, err := retrieval.Open(context.Background(), opts, seq(arts))
		if err != nil {
			t.Error(err)
		}
		done <- ix
	}()
	select {
	case ix := <-done:
		if ix != nil && !ix.Stats().Saved {
			t.Errorf("stats %+v: want the index rebuilt and saved over the FIFO", ix.Stats())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Open blocked on a FIFO at the index path")
	}
	if msgs := notes.all(); len(msgs) == 0 || !strings.Contains(msgs[0], "not a regular file") {
		t.Errorf("notices %q, want one saying the index path is not a regular file", msgs)
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("index path after Open: %v, %v; want a regular file", fi, err)
	}
}

// Two indexers on one directory take turns: while one holds the index
// file's lock, another waits (with a notice) and then loads what the first
// saved; its wait ends when its context does (SIGINT).
func TestOpenWaitsForAnotherIndexer(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	emb := newCounting(8)
	opts := retrieval.Options{Embedder: emb, Dir: dir}
	path := openIndex(t, opts, arts).Stats().Path
	release := holdLock(t, filepath.Join(dir, "."+filepath.Base(path)+".lock"))

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := retrieval.Open(ctx, opts, seq(arts)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Open while another holds the lock, until the deadline: err = %v, want the deadline", err)
	}

	var notes noticeLog
	opts.Notice = notes.add
	done := make(chan retrieval.Stats, 1)
	go func() {
		ix, err := retrieval.Open(context.Background(), opts, seq(arts))
		if err != nil {
			t.Error(err)
			done <- retrieval.Stats{}
			return
		}
		done <- ix.Stats()
	}()
	select {
	case st := <-done:
		t.Fatalf("Open finished (%+v) while another indexer held the lock", st)
	case <-time.After(300 * time.Millisecond):
	}
	release()
	select {
	case st := <-done:
		if st.Embedded != 0 || st.Reused == 0 {
			t.Errorf("after the wait: %+v, want the other's file reused", st)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Open never got the lock after it was released")
	}
	if msgs := notes.all(); len(msgs) == 0 || !strings.Contains(msgs[0], "another footnote process") {
		t.Errorf("notices %q, want one about waiting for another process", msgs)
	}
}

// Loading a large index file stops when the context ends.
func TestOpenLoadCancelled(t *testing.T) {
	arts := defaultArticles(t)
	dir := t.TempDir()
	opts := retrieval.Options{Embedder: newCounting(8), Dir: dir}
	openIndex(t, opts, arts)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := retrieval.Open(ctx, opts, seq(arts)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Open with an ended context: err = %v, want context.Canceled", err)
	}
}
