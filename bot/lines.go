package bot

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLineBytes caps one input line of the CLI (1 MiB).
const DefaultMaxLineBytes = 1 << 20

// ErrLineTooLong reports an input line over the LineReader's cap; the
// reader has skipped the rest of it and goes on with the next line.
var ErrLineTooLong = errors.New("line too long, skipped")

// LineReader reads lines of at most a cap of bytes for the CLI (piped
// questions to ask and chat). Unlike bufio.Scanner it does not stop at a
// longer line: it reports ErrLineTooLong for that line, skips its
// remainder, and the next call reads the following line.
type LineReader struct {
	r    *bufio.Reader
	max  int
	line int // number of the line last returned, 1-based
}

// NewLineReader reads r with lines capped at maxBytes (<= 0:
// DefaultMaxLineBytes).
func NewLineReader(r io.Reader, maxBytes int) *LineReader {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxLineBytes
	}
	return &LineReader{r: bufio.NewReaderSize(r, min(64*1024, maxBytes)+16), max: maxBytes}
}

// Line is the number of the line Next last returned (or skipped), 1-based.
func (l *LineReader) Line() int { return l.line }

// Next returns the next line without its line ending. At the end of input
// it returns io.EOF (after a last line with no newline has been returned).
// A line over the cap returns an error wrapping ErrLineTooLong.
func (l *LineReader) Next() (string, error) {
	var buf []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(buf)+len(chunk) > l.max+1 { // +1: the newline
			l.line++
			if err := l.skipLine(err); err != nil && !errors.Is(err, io.EOF) {
				return "", err
			}
			return "", fmt.Errorf("%w (over %d bytes)", ErrLineTooLong, l.max)
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			l.line++
			return trimEOL(buf), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0:
			l.line++
			return trimEOL(buf), nil
		default:
			return "", err
		}
	}
}

// skipLine discards the rest of the current line; err is the last read's.
func (l *LineReader) skipLine(err error) error {
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = l.r.ReadSlice('\n')
	}
	return err
}

// trimEOL drops a trailing "\n" or "\r\n".
func trimEOL(b []byte) string {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return string(b)
}
