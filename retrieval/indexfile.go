package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// Reading an index file defends against what may stand at its path: a
// FIFO or device (which would block every command on open or read), a
// gzip bomb (a small file that inflates to gigabytes), or a file so large
// that loading it must stay interruptible.

// errNotRegular marks an index path that holds something other than a
// regular file.
var errNotRegular = errors.New("not a regular file")

// inflateFactor and inflateSlack bound how much an index file may inflate
// to: footnote stores its data uncompressed (inflated ≈ file size), and
// files written by older versions with real compression shrank vectors
// and text by well under this factor. A file inflating further is not an
// index footnote wrote, and is rebuilt instead of read into memory.
const (
	inflateFactor = 16
	inflateSlack  = 1 << 20
)

// inflateLimit is the most an index file of size bytes may inflate to.
func inflateLimit(size int64) int64 {
	return size*inflateFactor + inflateSlack
}

// openIndexFile opens path for reading when it is a regular file. The
// open does not block on a FIFO (O_NONBLOCK), and the check is made on
// the opened file, so nothing can be swapped in between.
func openIndexFile(path string) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNonblock, 0)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w (%v)", path, errNotRegular, fi.Mode().Type())
	}
	return f, fi.Size(), nil
}

// ctxReader fails reads once ctx has ended, so that loading a large index
// file stops on SIGINT/SIGTERM.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

// Read reads from r unless ctx has ended.
func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// errInflated is the error of a file that inflates beyond its limit.
var errInflated = errors.New("inflates beyond any index of its size (a gzip bomb?)")

// inflateCap passes at most left bytes of inflated data through, then
// fails with errInflated.
type inflateCap struct {
	r    io.Reader
	left int64
}

// Read reads from r up to the cap.
func (c *inflateCap) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file that ends exactly at the cap from one
		// that goes on.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errInflated
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
