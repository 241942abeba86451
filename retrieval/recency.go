package retrieval

import (
	"cmp"
	"slices"
	"time"
)

// RecencyWeight is the most a passage's fused score can gain from its
// article's freshness at [Query.Recency] 1. Reciprocal-rank fusion gives
// about 1/61 to a first place and 1/70 to a tenth (see fuse), so the
// newest article's passage climbs about ten places over the oldest's:
// enough to put a newer report of the same event first, too little to
// surface a new article that does not match.
const RecencyWeight = 0.002

// freshness maps each article date to [0, 1] between the index's oldest
// and newest dated articles.
func (ix *Index) freshness(date string) float64 { return freshness(date, ix.oldest, ix.newest) }

// freshness maps date to [0, 1] between oldest and newest.
func freshness(date string, oldest, newest time.Time) float64 {
	if date == "" || newest == oldest {
		return 0
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return float64(t.Sub(oldest)) / float64(newest.Sub(oldest))
}

// PreferRecent adds the recency prior to fused scores and re-sorts them,
// as [Index.Retrieve] does for [Query.Recency], for stores that fuse with
// [Fuse] (package pgstore): date gives a chunk's article date, oldest and
// newest are the store's oldest and newest article dates.
func PreferRecent(fused []Fused, weight float64, date func(id string) string, oldest, newest time.Time) {
	for i := range fused {
		fused[i].Score += weight * RecencyWeight * freshness(date(fused[i].ID), oldest, newest)
	}
	slices.SortStableFunc(fused, func(a, b Fused) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// preferRecent adds the recency prior to fused scores and re-sorts them.
func (ix *Index) preferRecent(fused []fusedHit, weight float64) {
	for i := range fused {
		fused[i].score += weight * RecencyWeight * ix.freshness(ix.chunks[fused[i].id].Date)
	}
	slices.SortStableFunc(fused, func(a, b fusedHit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
}

// dateRange returns the oldest and newest article dates, zero when fewer
// than one article is dated.
func dateRange(arts []ArticleInfo) (oldest, newest time.Time) {
	for _, a := range arts {
		t, err := time.Parse(time.DateOnly, a.Date)
		if err != nil {
			continue
		}
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
		if t.After(newest) {
			newest = t
		}
	}
	return oldest, newest
}
