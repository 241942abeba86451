package corpus_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"footnote/corpus"
)

// warnings collects OnWarning calls as "source: msg".
type warnings []string

func (w *warnings) add(source, msg string) { *w = append(*w, source+": "+msg) }

func sources(arts []corpus.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Source)
	}
	return out
}

func TestDefault(t *testing.T) {
	want := []string{
		"000_2a32f4e3c815aa48.txt", "001_2658a89f975dce50.txt", "002_bcc062b99b0d70aa.txt",
		"003_dc69a18de921cef9.txt", "004_c2f305a5063d9f21.txt",
	}
	n, err := corpus.Count(corpus.Default())
	if err != nil || n != len(want) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(want))
	}
	var w warnings
	arts, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{OnWarning: w.add})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := sources(arts); !slices.Equal(got, want) {
		t.Errorf("sources = %q, want %q", got, want)
	}
	if len(w) != 0 {
		t.Errorf("warnings on the default corpus: %q", w)
	}
	for _, a := range arts {
		raw, err := fs.ReadFile(corpus.Default(), a.Source)
		if err != nil || a.Size != int64(len(raw)) || a.Text == "" || a.Title == "" {
			t.Errorf("%s: size %d (file %d, %v), empty text or title", a.Source, a.Size, len(raw), err)
		}
	}
}

// TestWalkTree walks testdata/tree: nested directories, Markdown, hidden
// entries, foreign extensions, and empty files.
func TestWalkTree(t *testing.T) {
	fsys := os.DirFS(filepath.Join("testdata", "tree"))
	var w warnings
	arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{OnWarning: w.add})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	// "a.txt" sorts before "a/b.txt": the order is by full path.
	if got, want := sources(arts), []string{"a.txt", "a/b.txt", "c/d.md"}; !slices.Equal(got, want) {
		t.Errorf("sources = %q, want %q", got, want)
	}
	if got, want := arts[2].Title, "Markdown article"; got != want {
		t.Errorf("markdown title = %q, want %q", got, want)
	}
	wantWarn := []string{
		"blank.txt: skipped: no article text left after cleaning",
		"empty.txt: skipped: empty file",
	}
	if !slices.Equal(w, wantWarn) {
		t.Errorf("warnings = %q, want %q", w, wantWarn)
	}
	n, err := corpus.Count(fsys)
	if err != nil || n != 5 {
		t.Errorf("Count = %d, %v; want 5 candidates", n, err)
	}
}

// TestWalkErrors covers the corpora that cannot be loaded.
func TestWalkErrors(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file.txt")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		fsys    fs.FS
		is      error  // the error must wrap this, when set
		message string // and mention this
	}{
		{"missing directory", os.DirFS(filepath.Join(t.TempDir(), "nope")), fs.ErrNotExist, "open corpus"},
		{"root is a file", os.DirFS(notDir), nil, "not a directory"},
		{"empty directory", os.DirFS(t.TempDir()), corpus.ErrEmpty, "no .txt, .md or .html files"},
		{"only foreign files", fstest.MapFS{"a.json": {Data: []byte("{}")}}, corpus.ErrEmpty, "no .txt, .md or .html files"},
		{"only empty files", fstest.MapFS{"a.txt": {}, "b/c.md": {Data: []byte(" \n")}}, corpus.ErrEmpty, "all 2 files were skipped"},
		{"nil file system", nil, nil, "no file system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			err := corpus.Walk(context.Background(), tt.fsys, corpus.WalkOptions{}, func(corpus.Article) error {
				called = true
				return nil
			})
			if err == nil {
				t.Fatal("Walk succeeded, want an error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want it to wrap %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("err = %q, want it to mention %q", err, tt.message)
			}
			if called {
				t.Error("fn was called")
			}
			if _, err := corpus.Load(context.Background(), tt.fsys, corpus.WalkOptions{}); err == nil {
				t.Error("Load succeeded, want an error")
			}
		})
	}
}

// faultFS wraps an fs.FS to fail opening one path, to make Stat report a
// false size, and to count the bytes read.
type faultFS struct {
	fs.FS
	failOpen  string
	fakeSize  int64 // when > 0, Stat reports this size for every file
	bytesRead *int64
}

var errInjected = errors.New("injected read failure")

func (f faultFS) Open(name string) (fs.File, error) {
	if name == f.failOpen {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errInjected}
	}
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: file, fs: f}, nil
}

// ReadDir lists directories of the wrapped file system; the wrapper's
// files do not implement fs.ReadDirFile.
func (f faultFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

type faultFile struct {
	fs.File
	fs faultFS
}

func (f *faultFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if f.fs.bytesRead != nil {
		*f.fs.bytesRead += int64(n)
	}
	return n, err
}

func (f *faultFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil || f.fs.fakeSize <= 0 || info.IsDir() {
		return info, err
	}
	return sizedInfo{FileInfo: info, size: f.fs.fakeSize}, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }

func article(body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("A title\n\n" + body + "\n")}
}

func TestWalkUnreadableFile(t *testing.T) {
	fsys := faultFS{FS: fstest.MapFS{
		"a.txt":     article("The first article is fine and has a full sentence."),
		"sub/b.txt": article("The second article cannot be opened at all, sadly."),
		"sub/c.txt": article("The third article is fine again and is read after it."),
	}, failOpen: "sub/b.txt"}
	var got []string
	var w warnings
	err := corpus.Walk(context.Background(), fsys, corpus.WalkOptions{OnWarning: w.add}, func(a corpus.Article) error {
		got = append(got, a.Source)
		return nil
	})
	if err != nil {
		t.Fatalf("err = %v, want the unreadable file skipped", err)
	}
	if !slices.Equal(got, []string{"a.txt", "sub/c.txt"}) {
		t.Errorf("articles = %q, want [a.txt sub/c.txt]", got)
	}
	if len(w) != 1 || !strings.HasPrefix(w[0], "sub/b.txt: skipped: cannot read: ") {
		t.Errorf("warnings = %q, want one for sub/b.txt", w)
	}
}

func TestWalkOversize(t *testing.T) {
	big := strings.Repeat("A long sentence that fills the file with words. ", 100)
	tests := []struct {
		name     string
		fakeSize int64 // Stat's claimed size; 0 keeps the real one
		maxRead  int64 // most bytes the walk may read of the big file
	}{
		{"size known from Stat", 0, 0},
		{"Stat understates the size", 10, 1001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var read int64
			fsys := faultFS{FS: fstest.MapFS{"big.txt": article(big)}, fakeSize: tt.fakeSize, bytesRead: &read}
			var w warnings
			n := 0
			err := corpus.Walk(context.Background(), fsys, corpus.WalkOptions{OnWarning: w.add, MaxFileBytes: 1000},
				func(corpus.Article) error { n++; return nil })
			if !errors.Is(err, corpus.ErrEmpty) || n != 0 {
				t.Fatalf("err = %v after %d articles, want ErrEmpty and none", err, n)
			}
			if len(w) != 1 || !strings.HasPrefix(w[0], "big.txt: skipped: file is") || !strings.Contains(w[0], "1000-byte limit") {
				t.Errorf("warnings = %q, want one size warning for big.txt", w)
			}
			if read > tt.maxRead {
				t.Errorf("read %d bytes of the oversize file, want at most %d", read, tt.maxRead)
			}
		})
	}
	t.Run("default limit admits normal files", func(t *testing.T) {
		fsys := fstest.MapFS{"big.txt": article(big)}
		arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("Load = %d articles, %v", len(arts), err)
		}
	})
}

func TestWalkRepairWarnings(t *testing.T) {
	fsys := fstest.MapFS{"bad.txt": {Data: []byte("Caf\u00e9 title\n\nA sentence with a bad \xff byte in it, to be repaired.\n")}}
	var w warnings
	arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{OnWarning: w.add})
	if err != nil {
		t.Fatal(err)
	}
	want := "replaced 1 invalid UTF-8 byte with U+FFFD"
	if !slices.Equal(arts[0].Warnings, []string{want}) || !slices.Equal(w, warnings{"bad.txt: " + want}) {
		t.Errorf("article warnings %q, reported %q; want %q in both", arts[0].Warnings, w, want)
	}
}

func TestWalkStops(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": article("The first article has a complete sentence in it."),
		"b.txt": article("The second article has a complete sentence in it."),
		"c.txt": article("The third article has a complete sentence in it."),
	}
	t.Run("fn error is returned as is", func(t *testing.T) {
		stop := errors.New("stop here")
		n := 0
		err := corpus.Walk(context.Background(), fsys, corpus.WalkOptions{}, func(corpus.Article) error {
			n++
			return stop
		})
		if err != stop || n != 1 {
			t.Errorf("err = %v after %d calls, want the fn error after 1", err, n)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := corpus.Walk(ctx, fsys, corpus.WalkOptions{}, func(corpus.Article) error {
			n++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("err = %v after %d calls, want context.Canceled after 1", err, n)
		}
	})
	t.Run("expired deadline before the walk", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
		defer cancel()
		_, err := corpus.Load(ctx, fsys, corpus.WalkOptions{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
	})
}

func TestArticles(t *testing.T) {
	t.Run("yields every article in order", func(t *testing.T) {
		var got []string
		for a, err := range corpus.Articles(context.Background(), corpus.Default(), corpus.WalkOptions{}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, a.Source)
		}
		if len(got) != 5 || !slices.IsSorted(got) {
			t.Errorf("sources = %q, want the 5 default articles in order", got)
		}
	})
	t.Run("break stops reading", func(t *testing.T) {
		var read int64
		fsys := faultFS{FS: fstest.MapFS{
			"a.txt": article("The first article has a complete sentence in it."),
			"b.txt": article("The second article has a complete sentence in it."),
		}, bytesRead: &read}
		for range corpus.Articles(context.Background(), fsys, corpus.WalkOptions{}) {
			break
		}
		if size := int64(len(article("The first article has a complete sentence in it.").Data)); read != size {
			t.Errorf("read %d bytes, want only the first file's %d", read, size)
		}
	})
	t.Run("error is yielded once, last", func(t *testing.T) {
		var errs []error
		n := 0
		for _, err := range corpus.Articles(context.Background(), fstest.MapFS{}, corpus.WalkOptions{}) {
			n++
			if err != nil {
				errs = append(errs, err)
			}
		}
		if n != 1 || len(errs) != 1 || !errors.Is(errs[0], corpus.ErrEmpty) {
			t.Errorf("got %d items, errors %v; want one ErrEmpty", n, errs)
		}
	})
}

// TestReadsOneFileAtATime checks the streaming promise: when fn runs for
// an article, no later file has been read yet.
func TestReadsOneFileAtATime(t *testing.T) {
	var read int64
	files := fstest.MapFS{}
	var sizes []int64
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		f := article("Article " + name + " has a complete sentence in it.")
		files[name] = f
		sizes = append(sizes, int64(len(f.Data)))
	}
	var total int64
	i := 0
	err := corpus.Walk(context.Background(), faultFS{FS: files, bytesRead: &read}, corpus.WalkOptions{},
		func(corpus.Article) error {
			total += sizes[i]
			i++
			if read != total {
				t.Errorf("at article %d, read %d bytes, want %d", i, read, total)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
}

var _ io.Reader = (*faultFile)(nil)
