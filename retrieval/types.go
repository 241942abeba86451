// Package retrieval chunks articles, embeds the chunks into a chromem-go
// collection, keeps a BM25 index over the same chunks, and ranks passages
// for a query by fusing both.
package retrieval

import "context"

// Chunk is a piece of one article: a few sentences cut on sentence and
// paragraph boundaries, overlapping its neighbours.
type Chunk struct {
	// ID is unique within an index and stable for the same article content.
	ID     string
	Source string // article file name, as in corpus.Article.Source
	Title  string // article title, as in corpus.Article.Title
	Date   string // article date (YYYY-MM-DD) or "", as in corpus.Article.Date
	URL    string // article URL or "", as in corpus.Article.URL
	Text   string // the chunk's text, a slice of the article's cleaned text
	// Start and End are the byte span of Text in the article's cleaned text.
	Start, End int
}

// Passage is a chunk ranked for a query.
type Passage struct {
	Chunk
	// Score is the fused score; higher is better. It only orders passages of
	// one query; it is not comparable across queries.
	Score float64
	// Vector and Lexical are the cosine similarity and the BM25 score that
	// went into Score (0 when the chunk was not in that list).
	Vector, Lexical float64
	// AlsoIn lists the other articles that repeat most of this passage
	// (wire copies), in corpus order; their copies took no slot.
	AlsoIn []string
}

// Embedder turns texts into vectors. Implementations: [LocalEmbedder]
// (offline, deterministic) and the OpenAI-compatible one in package llm.
type Embedder interface {
	// Key names the provider, model and dimension ("local/hash-v1/512").
	// An index built with another key is rebuilt, never mixed.
	Key() string
	// Embed returns one vector per text, in order. The vectors need not be
	// normalised; the index normalises them.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Term is one analysed word of a query, as the index sees it.
type Term struct {
	// Word is the query word as typed, lowercased.
	Word string
	// Stem is the normalised, stemmed form used for matching. When the word
	// is not in the index vocabulary but a close spelling is ("delegaton"),
	// Stem is that vocabulary term and Corrected is true.
	Stem      string
	Corrected bool // Stem is a spelling correction of Word
	// Known reports whether Stem occurs in the index at all.
	Known bool
	// IDF is the term's inverse document frequency over chunks; an unknown
	// term gets the highest IDF the index can give (it is rare by definition).
	IDF float64
}
