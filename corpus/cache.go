package corpus

import (
	"io/fs"
	"sync"
	"time"
)

// Cache remembers the cleaned articles of a walk by path, size and
// modification time, so the next walk over a corpus that changed a little
// (a live corpus being re-indexed) reads and cleans only the files that
// were added or changed. Files that were skipped stay skipped, silently,
// until they change. A Cache may be shared by walks that do not overlap;
// it is safe for concurrent use. The zero value is not usable: call
// [NewCache].
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	size int64
	mod  time.Time
	art  Article
	ok   bool // false: the file was skipped
	seen bool // met by the current walk
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

// lookup returns the cached result for p when the file is unchanged.
func (c *Cache) lookup(fsys fs.FS, p string) (art Article, ok, hit bool, info fs.FileInfo) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return Article{}, false, false, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, found := c.entries[p]
	if !found || e.size != info.Size() || !e.mod.Equal(info.ModTime()) {
		return Article{}, false, false, info
	}
	e.seen = true
	c.entries[p] = e
	return e.art, e.ok, true, info
}

// store records the result of loading p.
func (c *Cache) store(p string, info fs.FileInfo, art Article, ok bool) {
	if info == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[p] = cacheEntry{size: info.Size(), mod: info.ModTime(), art: art, ok: ok, seen: true}
}

// prune forgets the files the walk that just ended did not meet (deleted).
func (c *Cache) prune() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p, e := range c.entries {
		if !e.seen {
			delete(c.entries, p)
			continue
		}
		e.seen = false
		c.entries[p] = e
	}
}
