package feedback

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

var _ Store = (*File)(nil)

// maxRecordLine bounds one JSONL record when reading the log back.
const maxRecordLine = 1 << 20

// File is a Store in a JSON Lines file: one record a line, appended and
// fsynced, so a crash loses at most the record being written and never an
// earlier one. One process writes it; votes seen in the file at open (and
// added since) are deduplicated.
type File struct {
	path string

	mu   sync.Mutex
	seen map[string]bool // AnswerID + "\x00" + UserID
}

// OpenFile opens (creating if needed) the feedback log at path.
func OpenFile(path string) (*File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("feedback log %s: %w", path, err)
	}
	f := &File{path: path, seen: map[string]bool{}}
	recs, err := f.read()
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		f.seen[key(r)] = true
	}
	return f, nil
}

// Path is the log's file path.
func (f *File) Path() string { return f.path }

func key(r Record) string { return r.AnswerID + "\x00" + r.UserID }

// Add appends r, fsynced, unless that user already voted on that answer.
func (f *File) Add(_ context.Context, r Record) error {
	if err := r.Validate(); err != nil {
		return err
	}
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("feedback: encode: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.seen[key(r)] {
		return ErrDuplicate
	}
	w, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("feedback log: %w", err)
	}
	_, werr := w.Write(append(line, '\n'))
	serr := w.Sync()
	cerr := w.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("feedback log %s: %w", f.path, err)
	}
	f.seen[key(r)] = true
	return nil
}

// All reads every record back, oldest first. A torn last line (a crash
// mid-append) is skipped; any other bad line is an error naming it.
func (f *File) All(context.Context) ([]Record, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.read()
}

func (f *File) read() ([]Record, error) {
	r, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feedback log: %w", err)
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxRecordLine)
	var out []Record
	var bad error
	for n := 1; sc.Scan(); n++ {
		if bad != nil {
			return nil, bad // a bad line that was not the last
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			bad = fmt.Errorf("feedback log %s: line %d: %w", f.path, n, err)
			continue
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feedback log %s: %w", f.path, err)
	}
	return out, nil
}
