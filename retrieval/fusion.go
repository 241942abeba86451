package retrieval

import (
	"cmp"
	"slices"
)

// rrfK is the reciprocal-rank-fusion constant of Cormack et al. (2009). It
// flattens the top of each list so that one list's first place does not
// outweigh agreement between both lists.
const rrfK = 60

// scoreWeight scales the score term added to RRF. Each list contributes its
// score divided by the list's best score, so a full unit is worth about the
// RRF gap between ranks 1 and 5 (1/61 - 1/65 ≈ 0.001). That is enough to let
// a large score margin (a chunk with far the best BM25 score) beat a near
// tie in the other list, which plain RRF cannot see, and too little to
// outvote agreement: a chunk ranked 2nd in both lists beats one ranked 1st in
// only one by 0.016, far more than the score term's maximum of 0.002.
const scoreWeight = 0.001

// hit is one entry of a ranked list, best first.
type hit struct {
	id    string
	score float64
}

// fusedHit is a chunk ranked by [fuse], with the list scores behind it
// (0 when the chunk was absent from that list).
type fusedHit struct {
	id                     string
	score, vector, lexical float64
}

// fuse merges a vector list and a lexical list by reciprocal rank fusion
// plus a small max-normalised score term (see [scoreWeight]). The result is
// ordered by fused score, ties by ID, so equal inputs give equal outputs.
func fuse(vector, lexical []hit) []fusedHit {
	byID := make(map[string]*fusedHit, len(vector)+len(lexical))
	get := func(id string) *fusedHit {
		f := byID[id]
		if f == nil {
			f = &fusedHit{id: id}
			byID[id] = f
		}
		return f
	}
	addList(vector, func(id string, s float64) { get(id).vector = s }, get)
	addList(lexical, func(id string, s float64) { get(id).lexical = s }, get)

	out := make([]fusedHit, 0, len(byID))
	for _, f := range byID {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b fusedHit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return out
}

// addList adds one list's RRF and score terms to the fused hits and records
// each hit's raw score with set.
func addList(list []hit, set func(id string, s float64), get func(id string) *fusedHit) {
	best := 0.0
	for _, h := range list {
		best = max(best, h.score)
	}
	for rank, h := range list {
		f := get(h.id)
		f.score += 1 / float64(rrfK+rank+1)
		if best > 0 {
			// Negative scores (cosine can be) add nothing rather than
			// pushing a chunk below one that is missing from the list.
			f.score += scoreWeight * max(0, h.score) / best
		}
		set(h.id, h.score)
	}
}

// Fused is one chunk ranked by [Fuse].
type Fused struct {
	ID string // the chunk ID
	// Score is the fused score; Vector and Lexical are the list scores
	// behind it (0 when the chunk was absent from that list).
	Score, Vector, Lexical float64
}

// Fuse merges a vector list and a lexical list, each best first, exactly as
// [Index.Retrieve] does: reciprocal rank fusion plus a small max-normalised
// score term, ordered by fused score, ties by ID. It is for stores that rank
// the two lists elsewhere (package pgstore ranks them in SQL).
func Fuse(vector, lexical []Scored) []Fused {
	toHits := func(list []Scored) []hit {
		out := make([]hit, len(list))
		for i, s := range list {
			out[i] = hit{id: s.ID, score: s.Score}
		}
		return out
	}
	fused := fuse(toHits(vector), toHits(lexical))
	out := make([]Fused, len(fused))
	for i, f := range fused {
		out[i] = Fused{ID: f.id, Score: f.score, Vector: f.vector, Lexical: f.lexical}
	}
	return out
}
