package retrieval

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// The index file is a gzip stream of gob values: one fileHeader, then
// Header.Articles storedArticle values. Writing article by article keeps
// memory flat while saving, and the header alone tells a reader which
// embedder built the file. gzip's CRC, checked by reading to EOF, catches
// truncation and bit rot; the data is stored uncompressed (see
// saveSnapshot), which any gzip reader accepts.
const (
	fileMagic     = "footnote-index"
	formatVersion = 1
	filePrefix    = "index-"
	fileSuffix    = ".gob.gz"
	// maxFileDim bounds the vector dimension a file may claim, far above
	// any embedding model's (a few thousand), so that dimension × chunks
	// cannot overflow when a damaged header is checked against the data.
	maxFileDim = 1 << 20
)

// fileHeader opens an index file.
type fileHeader struct {
	Magic       string
	Version     int
	EmbedderKey string
	Dim         int
	Chunking    ChunkOptions
	// Chunker fingerprints the chunker's behaviour (see chunkerFingerprint);
	// when it changes, stored chunks are stale even for unchanged articles.
	Chunker  string
	Articles int
}

// storedArticle is one article and its chunks in the file. Source, Title
// and Date are stored once per article rather than per chunk.
type storedArticle struct {
	Source, Title, Date string
	// Hash is articleHash of the article the chunks were cut from.
	Hash   []byte
	Chunks []storedChunk
	// Vectors holds len(Chunks)*Dim little-endian float32s: one slab is
	// much faster to encode and decode than a gob slice per chunk.
	Vectors []byte
}

// storedChunk is a chunk without its article fields and vector.
type storedChunk struct {
	ID, Text   string
	Start, End int
}

// snapshot is a loaded index file.
type snapshot struct {
	header   fileHeader
	articles []*storedState
	bySource map[string]*storedState
	chunks   int
}

// storedState is a loaded article; used marks it as carried into the new
// index so the rest can be counted as removed.
type storedState struct {
	info ArticleInfo
	hash []byte
	recs []*record
	used bool
}

// indexPath names the index file for an embedder key: readable (the key,
// sanitised) and unique (a hash of the exact key).
func indexPath(dir, key string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(key) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := b.String()
	if len(name) > 60 {
		name = name[:60]
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, filePrefix+name+"-"+hex.EncodeToString(sum[:4])+fileSuffix)
}

// saveSnapshot writes the index atomically (see [writeAtomic]).
func saveSnapshot(path string, h fileHeader, arts []articleState, recs []*record) error {
	h.Magic, h.Version, h.Articles = fileMagic, formatVersion, len(arts)
	return writeAtomic(path, func(w io.Writer) error {
		// Stored, not compressed: inflating the file was a fifth of a
		// restart (0.45 s of 10 MB of articles) and deflating it most of
		// the save, to halve a file of a few tens of MB. The gzip framing
		// stays for its CRC, and readers take either form.
		gz, err := gzip.NewWriterLevel(w, gzip.NoCompression)
		if err != nil {
			return err
		}
		enc := gob.NewEncoder(gz)
		if err := enc.Encode(h); err != nil {
			return fmt.Errorf("encode header: %w", err)
		}
		var slab []byte
		for _, a := range arts {
			sa, s := toStored(a, recs[a.first:a.first+a.info.Chunks], h.Dim, slab)
			slab = s
			if err := enc.Encode(sa); err != nil {
				return fmt.Errorf("encode article %s: %w", a.info.Source, err)
			}
		}
		return gz.Close()
	})
}

// toStored converts an article for the file, reusing slab's memory for the
// vectors.
func toStored(a articleState, recs []*record, dim int, slab []byte) (storedArticle, []byte) {
	sa := storedArticle{
		Source: a.info.Source, Title: a.info.Title, Date: a.info.Date, Hash: a.hash,
		Chunks: make([]storedChunk, len(recs)),
	}
	slab = slab[:0]
	for i, r := range recs {
		sa.Chunks[i] = storedChunk{ID: r.ID, Text: r.Text, Start: r.Start, End: r.End}
		for _, x := range r.vec {
			slab = binary.LittleEndian.AppendUint32(slab, math.Float32bits(x))
		}
	}
	sa.Vectors = slab
	return sa, slab
}

// corruptError marks a file that was read but could not be decoded, as
// opposed to one that could not be opened at all.
type corruptError struct{ err error }

func (e *corruptError) Error() string { return e.err.Error() }
func (e *corruptError) Unwrap() error { return e.err }

// loadSnapshot reads an index file. Opening errors are returned as they are
// (a missing file wraps [os.ErrNotExist]); a file that cannot be decoded
// yields a *corruptError saying why.
func loadSnapshot(path string) (*snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := decodeSnapshot(f)
	if err != nil {
		return nil, &corruptError{err}
	}
	return s, nil
}

// decodeSnapshot decodes an index file's content.
func decodeSnapshot(f io.Reader) (s *snapshot, err error) {
	// gob is hardened against bad input, but a panic on a corrupt file must
	// never take the process down: the caller rebuilds instead.
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	gz, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, describeReadErr(err)
	}
	br := bufio.NewReaderSize(gz, 1<<16)
	dec := gob.NewDecoder(br)
	var h fileHeader
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("header: %w", describeReadErr(err))
	}
	if err := checkHeader(h); err != nil {
		return nil, err
	}
	// The count comes from the file: cap the hint so garbage cannot force a
	// huge allocation before decoding fails.
	s = &snapshot{header: h, bySource: make(map[string]*storedState, min(h.Articles, 1<<16))}
	for i := range h.Articles {
		var sa storedArticle
		if err := dec.Decode(&sa); err != nil {
			return nil, fmt.Errorf("article %d of %d: %w", i+1, h.Articles, describeReadErr(err))
		}
		st, err := fromStored(sa, h.Dim)
		if err != nil {
			return nil, fmt.Errorf("article %d of %d: %w", i+1, h.Articles, err)
		}
		if s.bySource[st.info.Source] != nil {
			return nil, fmt.Errorf("article %s appears twice", st.info.Source)
		}
		s.articles = append(s.articles, st)
		s.bySource[st.info.Source] = st
		s.chunks += len(st.recs)
	}
	// Reading to EOF makes gzip verify its checksum and length.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("end of stream: %w", err)
	}
	return s, nil
}

// readHeader reads only the header of an index file, to name the embedder
// of an index built with another key.
func readHeader(path string) (h fileHeader, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder panic: %v", r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return h, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return h, err
	}
	if err := gob.NewDecoder(gz).Decode(&h); err != nil {
		return h, err
	}
	return h, checkHeader(h)
}

// checkHeader rejects files of another format or version.
func checkHeader(h fileHeader) error {
	switch {
	case h.Magic != fileMagic:
		return errors.New("not a footnote index file")
	case h.Version != formatVersion:
		return fmt.Errorf("format version %d, want %d", h.Version, formatVersion)
	case h.EmbedderKey == "":
		return errors.New("no embedder key")
	case h.Dim < 0 || h.Dim > maxFileDim || h.Articles < 0:
		return fmt.Errorf("bad header (dimension %d, %d articles)", h.Dim, h.Articles)
	}
	return nil
}

// fromStored validates a stored article and turns it into records whose
// vectors share one slab per article (fewer allocations, better locality).
func fromStored(sa storedArticle, dim int) (*storedState, error) {
	n := len(sa.Chunks)
	if sa.Source == "" {
		return nil, errors.New("article without source")
	}
	if len(sa.Hash) != sha256.Size {
		return nil, fmt.Errorf("article %s: bad content hash", sa.Source)
	}
	if len(sa.Vectors) != n*dim*4 || (n > 0 && dim == 0) {
		return nil, fmt.Errorf("article %s: %d vector bytes for %d chunks of dimension %d", sa.Source, len(sa.Vectors), n, dim)
	}
	slab := make([]float32, n*dim)
	for i := range slab {
		slab[i] = math.Float32frombits(binary.LittleEndian.Uint32(sa.Vectors[4*i:]))
	}
	st := &storedState{
		info: ArticleInfo{Source: sa.Source, Title: sa.Title, Date: sa.Date, Chunks: n},
		hash: sa.Hash,
		recs: make([]*record, n),
	}
	for i, c := range sa.Chunks {
		if c.ID == "" || c.Start < 0 || c.End < c.Start {
			return nil, fmt.Errorf("article %s: bad chunk %d (id %q, span %d-%d)", sa.Source, i, c.ID, c.Start, c.End)
		}
		st.recs[i] = &record{
			Chunk: Chunk{ID: c.ID, Source: sa.Source, Title: sa.Title, Date: sa.Date, Text: c.Text, Start: c.Start, End: c.End},
			// The full slice expression stops an append from spilling into
			// the next chunk's vector.
			vec: slab[i*dim : (i+1)*dim : (i+1)*dim],
		}
	}
	return st, nil
}

// describeReadErr makes the usual decode errors of a damaged file readable.
func describeReadErr(err error) error {
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("file is empty or ends early")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("file is truncated")
	}
	return err
}

// globIndexes lists the index files in dir, whatever their embedder.
func globIndexes(dir string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, filePrefix+"*"+fileSuffix))
}
