package feeds

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// SeenFile is the hidden file in the corpus directory that lists the
// GUIDs and URLs of the items saved, one key a line.
const SeenFile = ".footnote-feeds-seen"

// seenLog is the set of items saved, kept in memory and appended to
// SeenFile (each append synced) as items are saved.
type seenLog struct {
	path string
	mu   sync.Mutex
	keys map[string]bool
}

func openSeen(dir string) (*seenLog, error) {
	s := &seenLog{path: filepath.Join(dir, SeenFile), keys: map[string]bool{}}
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feeds: read %s: %w", s.path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if k := strings.TrimSpace(sc.Text()); k != "" {
			s.keys[k] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feeds: read %s: %w", s.path, err)
	}
	return s, nil
}

// any reports whether any of keys was saved.
func (s *seenLog) any(keys []string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if s.keys[k] {
			return true
		}
	}
	return false
}

// add records keys, appending them to the file and syncing it.
func (s *seenLog) add(keys []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, k := range keys {
		if !s.keys[k] && !strings.ContainsAny(k, "\r\n") {
			b.WriteString(k + "\n")
		}
		s.keys[k] = true
	}
	if b.Len() == 0 {
		return nil
	}
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
