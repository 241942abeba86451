package retrieval

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
)

// The index file is a gzip stream of gob values: one fileHeader, then
// Header.Articles storedArticle values, then (from format 2) one
// storedLexicon. Writing article by article keeps
// memory flat while saving, and the header alone tells a reader which
// embedder built the file. gzip's CRC, checked by reading to EOF, catches
// truncation and bit rot; the data is stored uncompressed (see
// saveSnapshot), which any gzip reader accepts.
const (
	fileMagic = "footnote-index"
	// formatVersion 2 added the int8 codes of the vectors and the BM25
	// lexicon. A format-1 file still loads (its vectors are reused) and is
	// rewritten in format 2.
	formatVersion = 2
	// oldestVersion is the oldest format still read.
	oldestVersion = 1
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
	URL                 string // "" when unknown; absent in files written before it existed
	// Hash is articleHash of the article the chunks were cut from.
	Hash   []byte
	Chunks []storedChunk
	// Vectors holds len(Chunks)*Dim little-endian float32s: one slab is
	// much faster to encode and decode than a gob slice per chunk.
	Vectors []byte
	// Codes holds len(Chunks)*Dim int8 codes of the vectors (see
	// [quantize]) and Scales and QErrs len(Chunks) little-endian float32s
	// each: the scan slab, stored so a restart does not quantise again.
	// Empty in format 1 and when they could not be saved.
	Codes, Scales, QErrs []byte
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
	// lexicon is the stored BM25 index (Present false for format 1).
	lexicon storedLexicon
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

// saveSnapshot writes the index atomically (see [writeAtomic]): recs in
// the order of arts, their codes from scan, the lexicon from lex (rows and
// documents being positions in recs) with the copy table. A nil scan or
// lex saves without them.
func saveSnapshot(path string, h fileHeader, arts []articleState, recs []*record, scan *vecScan, lex *BM25, copies *storedCopies) error {
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
			storeCodes(&sa, scan, a.first, h.Dim)
			if err := enc.Encode(sa); err != nil {
				return fmt.Errorf("encode article %s: %w", a.info.Source, err)
			}
		}
		var sl storedLexicon
		if lex != nil && len(lex.ids) == len(recs) {
			sl = lex.stored()
			sl.Copies = copies
		}
		if err := enc.Encode(sl); err != nil {
			return fmt.Errorf("encode lexicon: %w", err)
		}
		return gz.Close()
	})
}

// toStored converts an article for the file, reusing slab's memory for the
// vectors.
func toStored(a articleState, recs []*record, dim int, slab []byte) (storedArticle, []byte) {
	sa := storedArticle{
		Source: a.info.Source, Title: a.info.Title, Date: a.info.Date, URL: a.info.URL, Hash: a.hash,
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

// storeCodes adds the scan rows of an article's chunks (from row first) to
// sa, when the scan has them.
func storeCodes(sa *storedArticle, scan *vecScan, first, dim int) {
	n := len(sa.Chunks)
	if scan == nil || scan.dim != dim || dim == 0 || first+n > len(scan.scale) {
		return
	}
	codes := scan.codes[first*dim : (first+n)*dim]
	sa.Codes = make([]byte, len(codes))
	for i, c := range codes {
		sa.Codes[i] = byte(c)
	}
	sa.Scales = make([]byte, 0, 4*n)
	sa.QErrs = make([]byte, 0, 4*n)
	for i := first; i < first+n; i++ {
		sa.Scales = binary.LittleEndian.AppendUint32(sa.Scales, math.Float32bits(scan.scale[i]))
		sa.QErrs = binary.LittleEndian.AppendUint32(sa.QErrs, math.Float32bits(scan.qerr[i]))
	}
}

// corruptError marks a file that was read but could not be decoded, as
// opposed to one that could not be opened at all.
type corruptError struct{ err error }

func (e *corruptError) Error() string { return e.err.Error() }
func (e *corruptError) Unwrap() error { return e.err }

// loadSnapshot reads an index file. Opening errors are returned as they are
// (a missing file wraps [os.ErrNotExist]); a file that cannot be decoded,
// or is not a regular file, yields a *corruptError saying why; when ctx
// ends, its error. See openIndexFile for what is refused.
func loadSnapshot(ctx context.Context, path string) (*snapshot, error) {
	f, size, err := openIndexFile(path)
	if errors.Is(err, errNotRegular) {
		return nil, &corruptError{err}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := decodeSnapshot(ctxReader{ctx, f}, inflateLimit(size))
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, &corruptError{err}
	}
	return s, nil
}

// decodeSnapshot decodes an index file's content, refusing to inflate it
// to more than maxInflated bytes.
func decodeSnapshot(f io.Reader, maxInflated int64) (s *snapshot, err error) {
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
	br := bufio.NewReaderSize(&inflateCap{r: gz, left: maxInflated}, 1<<16)
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
	if h.Version >= 2 {
		if err := dec.Decode(&s.lexicon); err != nil {
			return nil, fmt.Errorf("lexicon: %w", describeReadErr(err))
		}
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
	f, size, err := openIndexFile(path)
	if err != nil {
		return h, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return h, err
	}
	if err := gob.NewDecoder(&inflateCap{r: gz, left: inflateLimit(size)}).Decode(&h); err != nil {
		return h, err
	}
	return h, checkHeader(h)
}

// checkHeader rejects files of another format or version.
func checkHeader(h fileHeader) error {
	switch {
	case h.Magic != fileMagic:
		return errors.New("not a footnote index file")
	case h.Version > formatVersion:
		return fmt.Errorf("format version %d is newer than this footnote's (%d)", h.Version, formatVersion)
	case h.Version < oldestVersion:
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
	hasCodes := len(sa.Codes) > 0 || len(sa.Scales) > 0 || len(sa.QErrs) > 0
	if hasCodes && (len(sa.Codes) != n*dim || len(sa.Scales) != 4*n || len(sa.QErrs) != 4*n) {
		return nil, fmt.Errorf("article %s: %d code bytes, %d scale bytes and %d error bytes for %d chunks of dimension %d", sa.Source, len(sa.Codes), len(sa.Scales), len(sa.QErrs), n, dim)
	}
	codes := codesOf(sa.Codes)
	st := &storedState{
		info: ArticleInfo{Source: sa.Source, Title: sa.Title, Date: sa.Date, URL: sa.URL, Chunks: n},
		hash: sa.Hash,
		recs: make([]*record, n),
	}
	for i, c := range sa.Chunks {
		if c.ID == "" || c.Start < 0 || c.End < c.Start {
			return nil, fmt.Errorf("article %s: bad chunk %d (id %q, span %d-%d)", sa.Source, i, c.ID, c.Start, c.End)
		}
		st.recs[i] = &record{
			Chunk: Chunk{ID: c.ID, Source: sa.Source, Title: sa.Title, Date: sa.Date, URL: sa.URL, Text: c.Text, Start: c.Start, End: c.End},
			// The full slice expression stops an append from spilling into
			// the next chunk's vector.
			vec: slab[i*dim : (i+1)*dim : (i+1)*dim],
		}
		if hasCodes {
			r := st.recs[i]
			r.codes = codes[i*dim : (i+1)*dim : (i+1)*dim]
			r.qscale = math.Float32frombits(binary.LittleEndian.Uint32(sa.Scales[4*i:]))
			r.qerr = math.Float32frombits(binary.LittleEndian.Uint32(sa.QErrs[4*i:]))
			if !(r.qscale >= 0 && r.qerr >= 0) || math.IsInf(float64(r.qscale), 0) || math.IsInf(float64(r.qerr), 0) {
				return nil, fmt.Errorf("article %s: bad quantisation of chunk %d", sa.Source, i)
			}
		}
	}
	return st, nil
}

// codesOf views stored code bytes as int8 codes (a copy: the stored bytes
// are the gob's).
func codesOf(b []byte) []int8 {
	out := make([]int8, len(b))
	for i, x := range b {
		out[i] = int8(x)
	}
	return out
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
