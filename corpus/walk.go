package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"sort"
	"strings"
)

// DefaultMaxFileBytes is the size above which a file is skipped when
// [WalkOptions.MaxFileBytes] is zero. News articles are a few KB; a file of
// many MB is almost certainly not one, and reading it whole would cost memory.
const DefaultMaxFileBytes int64 = 8 << 20

// ErrEmpty is returned when a corpus yields no usable article: no candidate
// files, or every one of them was empty or skipped.
var ErrEmpty = errors.New("corpus has no articles")

// WalkOptions tunes [Walk], [Load] and [Articles]. The zero value is ready to use.
type WalkOptions struct {
	// OnWarning, when set, receives every non-fatal problem: files skipped
	// (empty, too large, no text left after cleaning) and repairs made to an
	// article (the latter are also in [Article.Warnings]). Source is the
	// file's slash path relative to the corpus root.
	OnWarning func(source, msg string)
	// MaxFileBytes skips files larger than this with a warning, without
	// reading them whole. Zero or negative means [DefaultMaxFileBytes].
	MaxFileBytes int64
	// Cache, when set, lets the walk reuse the articles of files unchanged
	// since an earlier walk with the same cache (see [Cache]).
	Cache *Cache
}

func (o WalkOptions) warn(source, msg string) {
	if o.OnWarning != nil {
		o.OnWarning(source, msg)
	}
}

func (o WalkOptions) maxBytes() int64 {
	if o.MaxFileBytes <= 0 {
		return DefaultMaxFileBytes
	}
	return o.MaxFileBytes
}

// Walk reads the corpus in fsys one file at a time and calls fn with each
// cleaned article. Candidates are the .txt, .md and .markdown files in any
// directory, hidden files and directories (".name") excepted, visited in
// lexical order of their slash path, which becomes [Article.Source].
//
// Empty files, files over the size limit, files that are not text
// (binary, UTF-16), files with no text left after cleaning, unreadable
// files and subdirectories and dangling symlinks are skipped with a
// warning. A missing, unreadable or non-directory root, ctx being done, or fn returning an error
// stops the walk with that error (fn's error is returned as is). When no
// article was delivered Walk returns an error wrapping [ErrEmpty].
func Walk(ctx context.Context, fsys fs.FS, opts WalkOptions, fn func(Article) error) error {
	paths, err := candidates(ctx, fsys, opts.OnWarning)
	if err != nil {
		return err
	}
	delivered := 0
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read corpus: %w", err)
		}
		art, ok, cached, err := loadCached(fsys, p, opts)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		for _, w := range art.Warnings {
			if !cached {
				opts.warn(p, w)
			}
		}
		if err := fn(art); err != nil {
			return err
		}
		delivered++
	}
	if opts.Cache != nil {
		opts.Cache.prune()
	}
	if delivered == 0 {
		if len(paths) == 0 {
			return fmt.Errorf("%w: no .txt, .md or .html files found", ErrEmpty)
		}
		return fmt.Errorf("%w: all %d files were skipped", ErrEmpty, len(paths))
	}
	return nil
}

// Load reads the whole corpus into memory; see [Walk] for the rules.
func Load(ctx context.Context, fsys fs.FS, opts WalkOptions) ([]Article, error) {
	var out []Article
	err := Walk(ctx, fsys, opts, func(a Article) error {
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// errStop ends a walk early when an iterator's consumer stops ranging.
var errStop = errors.New("corpus: iteration stopped")

// Articles is [Walk] as an iterator. Each article is yielded with a nil
// error; a failure is yielded once as (Article{}, err) and ends the
// sequence. Stopping the range stops reading files.
func Articles(ctx context.Context, fsys fs.FS, opts WalkOptions) iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		err := Walk(ctx, fsys, opts, func(a Article) error {
			if !yield(a, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(Article{}, err)
		}
	}
}

// Count returns how many candidate files the corpus holds, without reading
// them. It is meant for progress bars: some of the files may still be
// skipped by [Walk].
func Count(fsys fs.FS) (int, error) {
	paths, err := candidates(context.Background(), fsys, nil)
	if err != nil {
		return 0, err
	}
	return len(paths), nil
}

// candidates lists the article files under the root, sorted.
func candidates(ctx context.Context, fsys fs.FS, warn func(source, msg string)) ([]string, error) {
	if fsys == nil {
		return nil, errors.New("open corpus: no file system given")
	}
	info, err := fs.Stat(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	if !info.IsDir() {
		return nil, errors.New("open corpus: root is not a directory")
	}
	var paths []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return fmt.Errorf("list corpus directory: %w", err)
			}
			// An unreadable subdirectory is skipped, like an unreadable file.
			if warn != nil {
				warn(p, "skipped directory: cannot read: "+readReason(err))
			}
			return fs.SkipDir
		}
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("list corpus: %w", cerr)
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 {
			if isArticleName(p) {
				paths = append(paths, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// WalkDir sorts each directory, but "a.txt" < "a/b.txt" needs a global sort.
	sort.Strings(paths)
	return paths, nil
}

// IsArticleName reports whether a file name has an article extension
// (.txt, .md, .markdown, .html, .htm), the files a walk reads.
func IsArticleName(p string) bool { return isArticleName(p) }

// isArticleName reports whether a file name has an article extension.
func isArticleName(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".txt", ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// loadCached is loadFile through opts.Cache: an unchanged file's article
// comes from the cache without its warnings being repeated.
func loadCached(fsys fs.FS, p string, opts WalkOptions) (art Article, ok, cached bool, err error) {
	if opts.Cache == nil {
		art, ok, err = loadFile(fsys, p, opts)
		return art, ok, false, err
	}
	art, ok, hit, info := opts.Cache.lookup(fsys, p)
	if hit {
		return art, ok, true, nil
	}
	art, ok, err = loadFile(fsys, p, opts)
	if err == nil {
		opts.Cache.store(p, info, art, ok)
	}
	return art, ok, false, err
}

// loadFile reads and cleans one file. ok is false when the file was skipped
// (with a warning); err is set only for failures that stop the walk.
func loadFile(fsys fs.FS, p string, opts WalkOptions) (Article, bool, error) {
	raw, skip, err := readLimited(fsys, p, opts.maxBytes())
	if err != nil {
		// An unreadable file (no permission, a dangling symlink, gone since
		// it was listed) costs that article, not the corpus.
		opts.warn(p, "skipped: cannot read: "+readReason(err))
		return Article{}, false, nil
	}
	if skip != "" {
		opts.warn(p, skip)
		return Article{}, false, nil
	}
	art, err := Clean(p, raw)
	if errors.Is(err, ErrNotText) {
		opts.warn(p, "skipped: "+strings.TrimPrefix(err.Error(), p+": no article text: "))
		return Article{}, false, nil
	}
	if errors.Is(err, ErrNoText) {
		opts.warn(p, "skipped: no article text left after cleaning")
		return Article{}, false, nil
	}
	if err != nil {
		return Article{}, false, fmt.Errorf("clean corpus file %q: %w", p, err)
	}
	return art, true, nil
}

// readLimited reads a file of at most limit bytes. When the file is empty
// or larger, it returns a skip reason instead of the content, having read
// at most limit+1 bytes.
func readLimited(fsys fs.FS, p string, limit int64) ([]byte, string, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	if info.IsDir() {
		return nil, "skipped: a directory with an article name", nil
	}
	if info.Size() > limit {
		return nil, tooLarge(info.Size(), limit), nil
	}
	// The size from Stat can lie (growing files, special files), so the read
	// itself is bounded too.
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(raw)) > limit {
		return nil, tooLarge(int64(len(raw)), limit), nil
	}
	if len(raw) == 0 {
		return nil, "skipped: empty file", nil
	}
	return raw, "", nil
}

// readReason is err without the path that fs errors repeat.
func readReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "the file does not exist (a dangling symlink?)"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

func tooLarge(size, limit int64) string {
	if size > limit+1 {
		return fmt.Sprintf("skipped: file is %d bytes, over the %d-byte limit", size, limit)
	}
	return fmt.Sprintf("skipped: file is over the %d-byte limit", limit)
}
