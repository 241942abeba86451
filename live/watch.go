package live

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"footnote/corpus"
)

// DefaultDebounce is how long the directory must stay quiet after a change
// before [Watch] reloads: editors and copies write a file in several steps.
const DefaultDebounce = 300 * time.Millisecond

// WatchOptions configures [Watch]. Reload is required.
type WatchOptions struct {
	// Debounce is the quiet time after the last change before Reload is
	// called; 0 means [DefaultDebounce].
	Debounce time.Duration
	// Reload is called, never concurrently, once changes have settled. Its
	// error is passed to OnError and watching goes on.
	Reload func(ctx context.Context) error
	// OnError, when set, receives reload and watcher errors.
	OnError func(err error)
	// Ready, when set, is closed once the directory is being watched.
	Ready chan<- struct{}
}

// Watch watches dir and its subdirectories (hidden ones excepted) until
// ctx is done, calling opts.Reload after each settled burst of changes to
// files that can be articles (added, written, removed, renamed) or to
// directories. Hidden files, such as the temporary files of atomic writes,
// are ignored. It returns nil when ctx ends, or the error that made
// watching impossible.
func Watch(ctx context.Context, dir string, opts WatchOptions) error {
	if opts.Reload == nil {
		return errors.New("watch: no reload function")
	}
	debounce := opts.Debounce
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	onErr := opts.OnError
	if onErr == nil {
		onErr = func(error) {}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := addTree(w, dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	if opts.Ready != nil {
		close(opts.Ready)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						onErr(fmt.Errorf("watch %s: %w", ev.Name, err))
					}
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			onErr(fmt.Errorf("watch %s: %w", dir, err))
			timer.Reset(debounce) // an overflow may have lost events
		case <-timer.C:
			if err := opts.Reload(ctx); err != nil && ctx.Err() == nil {
				onErr(err)
			}
		}
	}
}

// addTree watches dir and every non-hidden directory under it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subdirectory: the corpus walk warns about it
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// relevant reports whether an event can change the corpus: not a hidden
// file, and a file with an article extension or no extension (a directory,
// or a removed one).
func relevant(ev fsnotify.Event) bool {
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || ev.Op == fsnotify.Chmod {
		return false
	}
	return filepath.Ext(base) == "" || corpus.IsArticleName(base)
}
