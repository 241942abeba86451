package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrEmptyQuery is returned by Search for a query with no text.
var ErrEmptyQuery = errors.New("query is empty")

// minCandidates is the least depth of each list fed to fusion. Fusion needs
// more than k candidates per list: a chunk ranked 12th by vectors and 3rd by
// BM25 can end up first.
const minCandidates = 40

// Query is one retrieval request. The zero value of every filter field
// means "no filter".
type Query struct {
	// Text is the query text. Required.
	Text string
	// K is how many passages to return. Required, positive.
	K int
	// Since and Until, when non-zero, keep only chunks of articles dated on
	// or after Since and on or before Until (whole days, UTC). Undated
	// articles are dropped by either bound.
	Since, Until time.Time
	// Sources, when non-empty, keeps only chunks of these article files.
	Sources []string
	// Recency, in [0, 1], is how much newer articles are preferred: each
	// passage's fused score gains Recency × [RecencyWeight] × its
	// article's freshness (0 for the oldest dated article, 1 for the
	// newest, 0 for undated ones). 0 ranks by relevance alone.
	Recency float64
}

// filtered reports whether q restricts which chunks may be returned.
func (q Query) filtered() bool {
	return !q.Since.IsZero() || !q.Until.IsZero() || len(q.Sources) > 0
}

// keepArticle reports whether the chunks of article a pass q's filters;
// since and until are q's bounds as dates ("" when unset).
func (q Query) keepArticle(a ArticleInfo, since, until string) bool {
	if len(q.Sources) > 0 && !slices.Contains(q.Sources, a.Source) {
		return false
	}
	if since == "" && until == "" {
		return true
	}
	if a.Date == "" {
		return false
	}
	return (since == "" || a.Date >= since) && (until == "" || a.Date <= until)
}

// allowed returns the bitmap over chunk positions of the chunks that pass
// q's filters, built article by article (an article's chunks share its
// source and date), or nil when q has no filter.
func (ix *Index) allowed(q Query) []uint64 {
	if !q.filtered() {
		return nil
	}
	var since, until string
	if !q.Since.IsZero() {
		since = q.Since.UTC().Format(time.DateOnly)
	}
	if !q.Until.IsZero() {
		until = q.Until.UTC().Format(time.DateOnly)
	}
	bits := make([]uint64, (len(ix.recs)+63)/64)
	for i, a := range ix.articles {
		if !q.keepArticle(a, since, until) {
			continue
		}
		for p := ix.first[i]; p < ix.first[i]+a.Chunks; p++ {
			bits[p>>6] |= 1 << (p & 63)
		}
	}
	return bits
}

// Search returns up to k passages for query, best first. It is
// Retrieve with no filters.
func (ix *Index) Search(ctx context.Context, query string, k int) ([]Passage, error) {
	return ix.Retrieve(ctx, Query{Text: query, K: k})
}

// Retrieve returns up to q.K passages for q.Text that pass q's filters,
// best first: the vector list (chromem's cosine similarity, found by the
// int8 scan of [vecScan] and re-scored exactly) and the BM25 list over spell-corrected query terms, fused by [fuse]. Equal
// scores are ordered by chunk ID, so the same query on the same index
// always gives the same order. Filters apply before fusion, so a filtered
// query still gets its best q.K matching passages. When the query cannot
// be embedded (the embeddings service is down), the passages are BM25's
// alone and the error wraps [ErrLexicalOnly]; see there. A wire copy of
// a passage already returned takes no slot: the passage names the copy's
// article in AlsoIn.
func (ix *Index) Retrieve(ctx context.Context, q Query) ([]Passage, error) {
	query, k := q.Text, q.K
	if strings.TrimSpace(query) == "" {
		return nil, ErrEmptyQuery
	}
	if k <= 0 {
		return nil, fmt.Errorf("search: k must be positive, got %d", k)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if ix.Len() == 0 {
		return nil, nil
	}
	k = min(k, ix.Len())
	depth := CandidateDepth(k, ix.Len())
	// Both lists are filtered inside their scans, so a filtered query
	// still gets depth matching chunks from each.
	allow := ix.allowed(q)
	vector, err := ix.vectorHits(ctx, query, depth, allow)
	degraded := lexicalOnly(ctx, err)
	if err != nil && degraded == nil {
		return nil, err
	}
	lexical := ix.lexicalHits(query, depth, allow)
	fused := fuse(vector, lexical)
	if q.Recency > 0 {
		ix.preferRecent(fused, min(q.Recency, 1))
	}
	kept, alsoIn := ix.collapse(fused, k)
	out := make([]Passage, 0, len(kept))
	for i, f := range kept {
		out = append(out, Passage{Chunk: ix.chunks[f.id].Chunk, Score: f.score, Vector: f.vector, Lexical: f.lexical, AlsoIn: alsoIn[i]})
	}
	return out, degraded
}

// CandidateDepth is how deep each list fed to fusion goes for k passages
// out of n chunks: 3k, at least [minCandidates], at most n.
func CandidateDepth(k, n int) int {
	return min(max(3*k, minCandidates), n)
}

// vectorHits embeds the query (exactly once) and returns the depth chunks
// most similar to it by cosine (chromem's score; see [vecScan]), ties by
// ID, among those allow holds (all when nil).
func (ix *Index) vectorHits(ctx context.Context, query string, depth int, allow []uint64) ([]hit, error) {
	qv, err := ix.embedQuery(ctx, query)
	if err != nil {
		return nil, err
	}
	if !hasDirection(qv) {
		return nil, nil // a zero query vector has no neighbours at all
	}
	res := ix.scan.search(qv, depth, allow)
	hits := make([]hit, len(res))
	for i, r := range res {
		hits[i] = hit{id: ix.recs[r.row].ID, score: float64(r.score)}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return hits, nil
}

// embedQuery embeds the query and checks it against the index dimension.
func (ix *Index) embedQuery(ctx context.Context, query string) ([]float32, error) {
	vecs, err := ix.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vecs) != 1 {
		return nil, fmt.Errorf("embed query: embedder returned %d vectors for 1 text", len(vecs))
	}
	if len(vecs[0]) != ix.dim {
		return nil, fmt.Errorf("embed query: vector has %d dimensions, index has %d: %w", len(vecs[0]), ix.dim, ErrDimensionMismatch)
	}
	qv, err := unitVector(vecs[0])
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	return qv, nil
}

// lexicalHits runs BM25 over the query's known (possibly corrected) terms,
// among the chunks allow holds (all when nil).
func (ix *Index) lexicalHits(query string, depth int, allow []uint64) []hit {
	var stems []string
	for _, t := range ix.Terms(query) {
		if t.Known {
			stems = append(stems, t.Stem)
		}
	}
	res := ix.bm25.search(stems, depth, allow)
	hits := make([]hit, len(res))
	for i, r := range res {
		hits[i] = hit{id: ix.recs[r.doc].ID, score: r.score}
	}
	return hits
}
