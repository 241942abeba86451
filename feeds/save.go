package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"

	"footnote/corpus"
	"footnote/internal/atomicfile"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// maxSlugRunes bounds the title part of a file name.
const maxSlugRunes = 60

// saveItem fetches an item's page, extracts its article and saves it,
// returning the file name. The item is remembered only once saved, so a
// failure is retried at the next fetch.
func (f *Fetcher) saveItem(ctx context.Context, it *gofeed.Item, link, feedURL string) (string, error) {
	page, _, err := f.get(ctx, link)
	if err != nil {
		return "", fmt.Errorf("fetch page: %w", err)
	}
	art, err := corpus.Clean("page.html", page)
	if err != nil {
		return "", fmt.Errorf("extract article: %w", err)
	}
	title := collapse(it.Title)
	if title == "" {
		title = art.Title
	}
	date := art.Date
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			date = t.UTC().Format(time.DateOnly)
			break
		}
	}
	stamp := date
	if stamp == "" {
		stamp = f.opts.Now().UTC().Format(time.DateOnly)
	}
	body := frontMatter(title, date, link, it.GUID, feedURL) + art.Text + "\n"
	f.names.Lock()
	defer f.names.Unlock()
	name, err := freeName(f.opts.Dir, stamp+"_"+slug(title))
	if err != nil {
		return "", err
	}
	if err := atomicfile.WriteFile(filepath.Join(f.opts.Dir, name), []byte(body), 0o644); err != nil {
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	if err := f.seen.add(itemKeys(it.GUID, link)); err != nil {
		return name, fmt.Errorf("saved %s but could not record it as seen: %w", name, err)
	}
	return name, nil
}

// frontMatter renders the metadata block corpus reads from a .txt file.
func frontMatter(title, date, link, guid, feed string) string {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(k, v string) {
		if v = collapse(v); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	field("title", title)
	field("date", date)
	field("url", link)
	field("guid", guid)
	field("feed", feed)
	b.WriteString("---\n")
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// slug turns a title into a file-name part: lower-case letters and digits
// joined by hyphens, at most maxSlugRunes runes; "untitled" when empty.
func slug(title string) string {
	var b strings.Builder
	n, dash := 0, false
	for _, r := range strings.ToLower(title) {
		if n >= maxSlugRunes {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "untitled"
	}
	return b.String()
}

// freeName returns base+".txt", or base+"-N.txt" for the first N that is
// not taken in dir.
func freeName(dir, base string) (string, error) {
	for i := 1; i < 1000; i++ {
		name := base + ".txt"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.txt", base, i)
		}
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
	}
	return "", fmt.Errorf("no free file name for %s in %s", base, dir)
}
