package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// maxLineBytes caps one line of questions on stdin.
const maxLineBytes = 1 << 20

// errLineTooLong reports a stdin line over maxLineBytes; the reader skips
// the rest of it and goes on with the next line.
var errLineTooLong = fmt.Errorf("line longer than %d bytes (1 MiB), skipped", maxLineBytes)

// lineReader reads lines of at most maxLineBytes. Unlike bufio.Scanner it
// does not stop at a longer line: it reports errLineTooLong for that line,
// skips its remainder, and the next call reads the following line.
type lineReader struct {
	r    *bufio.Reader
	line int // number of the line last returned, 1-based
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64*1024)}
}

// next returns the next line without its line ending. At the end of input
// it returns io.EOF (after a last line with no newline has been returned).
func (l *lineReader) next() (string, error) {
	var buf []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(buf)+len(chunk) > maxLineBytes+1 { // +1: the newline
			l.line++
			if err := l.skipLine(err); err != nil && !errors.Is(err, io.EOF) {
				return "", err
			}
			return "", errLineTooLong
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
func (l *lineReader) skipLine(err error) error {
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
