package retrieval

import (
	"errors"
	"time"

	"footnote/neardup"

	chromem "github.com/philippgille/chromem-go"
)

// ErrDimensionMismatch is returned (wrapped) when an embedder returns vectors
// whose dimension differs from the index's or from each other.
var ErrDimensionMismatch = errors.New("embedding dimension mismatch")

// Defaults for [Options].
const (
	DefaultBatchSize   = 64
	DefaultConcurrency = 4
)

// Options configures [Open].
type Options struct {
	// Embedder embeds chunks and queries. Required.
	Embedder Embedder
	// Dir is the directory holding the index file. "" keeps the index in
	// memory only and persists nothing.
	Dir string
	// Chunking controls how articles are cut into chunks.
	Chunking ChunkOptions
	// BatchSize is the number of texts per Embed call; 0 means
	// [DefaultBatchSize].
	BatchSize int
	// Concurrency is the number of Embed calls in flight; 0 means
	// [DefaultConcurrency].
	Concurrency int
	// Progress, when set, is called as articles are chunked and chunks are
	// embedded. Calls never overlap, but they may come from different
	// goroutines.
	Progress func(p Progress)
	// Dedupe tunes the detection of wire copies (near-duplicate paragraphs
	// across articles, see package neardup); a copy of a passage already
	// retrieved takes no slot and is named in [Passage.AlsoIn]. A
	// Threshold above 1 turns it off.
	Dedupe neardup.Options
	// Notice, when set, receives human-readable notices about the index
	// file, such as a rebuild after the embedding model changed.
	Notice func(msg string)
}

// Progress reports how far [Open] has got. All counts are running totals.
type Progress struct {
	Articles int // articles read
	Chunks   int // chunks in the index so far
	Embedded int // chunks embedded during this Open
	Reused   int // chunks whose vectors came from the index file
}

// Stats describes an opened [Index].
type Stats struct {
	Chunks   int // chunks in the index
	Articles int // articles in the index
	// Embedded counts chunks embedded during this Open; Reused counts chunks
	// whose vectors were loaded from the index file instead.
	Embedded, Reused int
	// Removed counts chunks of the index file dropped because their article
	// is gone or changed.
	Removed int
	// Saved reports whether Open wrote the index file.
	Saved bool
	// SaveErr is why a save that was due failed: the index differs from
	// the file (which may hold older content), and Open still answers
	// from memory. Nil when saved or when nothing changed.
	SaveErr error
	// Path is the index file, "" for an in-memory index.
	Path string
	// EmbedderKey is the Key of the embedder that built the vectors.
	EmbedderKey string
	// Dim is the vector dimension, 0 for an index without chunks.
	Dim int
}

// ArticleInfo summarises one indexed article.
type ArticleInfo struct {
	// Source, Title, Date and URL are as in the article's [Chunk]s.
	Source, Title, Date, URL string
	Chunks                   int // chunks cut from the article
}

// Index is a hybrid (vector + BM25) index over the chunks of a corpus. It is
// built by [Open] and read-only afterwards, so it is safe for concurrent use.
type Index struct {
	emb    Embedder
	dim    int
	coll   *chromem.Collection
	bm25   *BM25
	chunks map[string]*record // by chunk ID
	// recs holds the chunks in index order: a chunk's position is its row
	// in scan and its document index in bm25.
	recs []*record
	scan *vecScan
	// first[i] is the position in recs of articles[i]'s first chunk; an
	// article's chunks are contiguous.
	first []int
	// lexDecoded and copiesDecoded report that bm25 and dups were decoded
	// from the index file.
	lexDecoded, copiesDecoded bool
	articles                  []ArticleInfo
	stats                     Stats
	dups                      map[string]*dupInfo // chunks other articles repeat, by ID
	// oldest and newest are the dates of the oldest and newest dated
	// articles, for the recency prior.
	oldest, newest time.Time
}

// record is one indexed chunk with its normalised vector and, when loaded
// from the index file, its int8 codes (moved into the scan slab at build).
type record struct {
	Chunk
	vec []float32

	codes        []int8
	qscale, qerr float32
	// words is Words(Text), kept from the BM25 analysis while the chunk
	// waits for the local embedder, which reads it instead of splitting
	// the text again; nil otherwise.
	words []string
}

// Len returns the number of chunks in the index.
func (ix *Index) Len() int { return len(ix.chunks) }

// Stats returns figures about the index and the Open that built it.
func (ix *Index) Stats() Stats { return ix.stats }

// Articles lists the indexed articles in corpus order.
func (ix *Index) Articles() []ArticleInfo {
	out := make([]ArticleInfo, len(ix.articles))
	copy(out, ix.articles)
	return out
}
