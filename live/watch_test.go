package live_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"footnote/live"
)

// watch runs Watch over dir in the background and returns a channel that
// receives one value per reload.
func watch(t *testing.T, dir string, reloadErr error) (<-chan struct{}, *atomic.Int32) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reloads := make(chan struct{}, 16)
	var errs atomic.Int32
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- live.Watch(ctx, dir, live.WatchOptions{
			Debounce: 50 * time.Millisecond,
			Reload: func(context.Context) error {
				reloads <- struct{}{}
				return reloadErr
			},
			OnError: func(error) { errs.Add(1) },
			Ready:   ready,
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch = %v, want nil after cancel", err)
		}
	})
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("watcher not ready")
	}
	return reloads, &errs
}

func expectReload(t *testing.T, reloads <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-reloads:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no reload", what)
	}
}

func expectQuiet(t *testing.T, reloads <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-reloads:
		t.Fatalf("%s: reloaded", what)
	case <-time.After(300 * time.Millisecond):
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	reloads, _ := watch(t, dir, nil)

	// A burst of writes settles into one reload.
	for i := range 5 {
		write(t, filepath.Join(dir, "a.txt"), "version "+string(rune('0'+i)))
	}
	expectReload(t, reloads, "added file")
	expectQuiet(t, reloads, "after one burst")

	write(t, filepath.Join(dir, ".a.txt.tmp"), "temporary")
	write(t, filepath.Join(dir, "notes.json"), "{}")
	expectQuiet(t, reloads, "hidden and non-article files")

	if err := os.Rename(filepath.Join(dir, ".a.txt.tmp"), filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	expectReload(t, reloads, "atomic rename into place")

	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	expectReload(t, reloads, "removed file")

	// New subdirectories are watched too.
	sub := filepath.Join(dir, "2025")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	expectReload(t, reloads, "new directory")
	time.Sleep(100 * time.Millisecond) // the watcher adds it on the Create event
	write(t, filepath.Join(sub, "c.html"), "<p>x</p>")
	expectReload(t, reloads, "file in a new directory")
}

func TestWatchReloadErrorsGoOn(t *testing.T) {
	dir := t.TempDir()
	reloads, errs := watch(t, dir, errors.New("boom"))
	write(t, filepath.Join(dir, "a.txt"), "one")
	expectReload(t, reloads, "first change")
	write(t, filepath.Join(dir, "b.txt"), "two")
	expectReload(t, reloads, "after a failed reload")
	if errs.Load() < 1 {
		t.Error("the reload error was not reported")
	}
}

func TestWatchMissingDir(t *testing.T) {
	err := live.Watch(context.Background(), filepath.Join(t.TempDir(), "nope"), live.WatchOptions{Reload: func(context.Context) error { return nil }})
	if err == nil {
		t.Error("Watch of a missing directory = nil, want an error")
	}
	if err := live.Watch(context.Background(), t.TempDir(), live.WatchOptions{}); err == nil {
		t.Error("Watch without Reload = nil, want an error")
	}
}
