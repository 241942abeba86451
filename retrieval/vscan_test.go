package retrieval

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"footnote/corpus"
	"footnote/internal/haystack"
)

// randomUnit returns a random unit vector; with skew > 0 its first
// dimensions carry more weight, like a real embedding's uneven spectrum.
func randomUnit(rng *rand.Rand, dim int, skew float64) []float32 {
	v := make([]float32, dim)
	for j := range v {
		v[j] = float32(rng.NormFloat64() / (1 + skew*float64(j)/float64(dim)))
	}
	u, _ := unitVector(v)
	return u
}

// exactTop is the reference: every allowed non-zero row scored with
// chromem's dot product, best first, ties by row.
func exactTop(recs []*record, q []float32, m int, allow []uint64) []scored {
	var all []scored
	for i, r := range recs {
		if !hasDirection(r.vec) || allow != nil && allow[i>>6]&(1<<(i&63)) == 0 {
			continue
		}
		all = append(all, scored{score: dotExact(q, r.vec), row: int32(i)})
	}
	slices.SortFunc(all, cmpBetter)
	return all[:min(m, len(all))]
}

func TestVecScanEqualsExactSearch(t *testing.T) {
	tests := []struct {
		name   string
		n, dim int
		skew   float64
		zeros  bool
	}{
		{"small odd count", 7, 16, 0, false},
		{"one row", 1, 8, 0, false},
		{"odd dimension", 999, 33, 0, false},
		{"skewed spectrum, zero vectors", 20_001, 64, 4, true},
		{"two workers", 40_000, 128, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tt.n), uint64(tt.dim)))
			recs := make([]*record, tt.n)
			for i := range recs {
				recs[i] = &record{vec: randomUnit(rng, tt.dim, tt.skew)}
				if tt.zeros && i%97 == 0 {
					recs[i].vec = make([]float32, tt.dim)
				}
			}
			s := newVecScan(tt.dim, recs)
			allow := make([]uint64, (tt.n+63)/64)
			for i := range tt.n {
				if rng.IntN(3) == 0 {
					allow[i>>6] |= 1 << (i & 63)
				}
			}
			for qi := range 20 {
				q := randomUnit(rng, tt.dim, tt.skew)
				if qi%3 == 0 {
					q = recs[rng.IntN(tt.n)].vec // a query equal to a chunk
				}
				for _, m := range []int{1, 8, 40} {
					for _, filter := range [][]uint64{nil, allow} {
						got := s.search(q, m, filter)
						want := exactTop(recs, q, m, filter)
						if !slices.Equal(got, want) {
							t.Fatalf("query %d, m=%d, filtered %v:\n got %v\nwant %v", qi, m, filter != nil, got, want)
						}
					}
				}
			}
			t.Logf("%d of %d searches fell back to the exact scan", s.fallbacks.Load(), 20*3*2)
		})
	}
}

func TestDotPairIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, dim := range []int{1, 3, 4, 5, 512, 1536, 4099} {
		q := make([]int64, dim)
		a, b := make([]int8, dim), make([]int8, dim)
		var wa, wb int64
		for j := range dim {
			// The extremes are the worst case for the packed halves.
			q[j] = int64(rng.IntN(2*quantMax+1) - quantMax)
			a[j] = int8(rng.IntN(2*quantMax+1) - quantMax)
			b[j] = int8(rng.IntN(2*quantMax+1) - quantMax)
			if j%2 == 0 {
				q[j], a[j], b[j] = -quantMax, quantMax, -quantMax
			}
			wa += q[j] * int64(a[j])
			wb += q[j] * int64(b[j])
		}
		ga, gb := dotPair(q, a, b)
		if int64(ga) != wa || int64(gb) != wb || int64(dotOne(q, a)) != wa {
			t.Errorf("dim %d: dotPair = %d, %d; dotOne = %d; want %d, %d", dim, ga, gb, dotOne(q, a), wa, wb)
		}
	}
}

// TestDotRowsIsExact checks the AVX2 kernel against the integer dot
// product, row by row, at the extremes of the codes and for block sizes
// from 1 to 64 rows; it skips where the kernel is not available.
func TestDotRowsIsExact(t *testing.T) {
	if !hasDotRows {
		t.Skip("no AVX2 kernel on this machine or build (the scan uses dotPair)")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, dim := range []int{32, 64, 512, 1536, 4096} {
		for _, n := range []int{1, 2, 7, 63, 64} {
			q := make([]int16, dim)
			q64 := make([]int64, dim)
			codes := make([]int8, n*dim)
			for j := range q {
				q[j] = int16(rng.IntN(2*quantMax+1) - quantMax)
				if j%3 == 0 {
					q[j] = -quantMax
				}
				q64[j] = int64(q[j])
			}
			for j := range codes {
				codes[j] = int8(rng.IntN(2*quantMax+1) - quantMax)
				if j%3 == 0 {
					codes[j] = quantMax
				}
			}
			out := make([]int32, n)
			dotRows(q, codes, out)
			for r := range n {
				if want := dotOne(q64, codes[r*dim:(r+1)*dim]); out[r] != want {
					t.Fatalf("dim %d, %d rows: row %d = %d, want %d", dim, n, r, out[r], want)
				}
			}
		}
	}
}

// TestDotExact4IsDotExact checks that scoring four vectors at once gives
// each one's dotExact bit for bit.
func TestDotExact4IsDotExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, dim := range []int{1, 3, 512, 1536} {
		for range 50 {
			vs := make([][]float32, 5)
			for k := range vs {
				vs[k] = make([]float32, dim)
				for j := range vs[k] {
					vs[k][j] = float32(rng.NormFloat64())
				}
			}
			q := vs[4]
			a, b, c, d := dotExact4(q, vs[0], vs[1], vs[2], vs[3])
			for k, got := range []float32{a, b, c, d} {
				if want := dotExact(q, vs[k]); math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("dim %d: vector %d scores %v, dotExact %v", dim, k, got, want)
				}
			}
		}
	}
}

// chromemTop is the search the scan replaces: chromem's exhaustive query,
// ordered by score then ID.
func chromemTop(t testing.TB, ix *Index, q []float32, m int) []hit {
	res, err := ix.coll.QueryEmbedding(context.Background(), q, min(m, ix.coll.Count()), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	hits := make([]hit, len(res))
	for i, r := range res {
		hits[i] = hit{id: r.ID, score: float64(r.Similarity)}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return hits
}

// sharedQuestions reads the questions of testdata/qa.jsonl.
func sharedQuestions(t testing.TB) []string {
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Question string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, c.Question)
	}
	return qs
}

// checkRecall compares the vector list of each query, at the depth Search
// uses for k = 8 and at 8, with chromem's exhaustive search and with a
// brute-force float32 ranking (ties by index order). Scores must equal
// chromem's position by position and the chunks must be the brute-force
// ones. chromem's pick among chunks tied exactly at the cut (identical
// texts) is arbitrary, so recall against chromem counts the chunks scored
// above the cut and the tied ones by number.
func checkRecall(t *testing.T, ix *Index, queries []string) {
	t.Helper()
	ctx := context.Background()
	found, total, tied := 0, 0, 0
	for _, q := range queries {
		for _, depth := range []int{minCandidates, 8} {
			depth = min(depth, ix.Len())
			got, err := ix.vectorHits(ctx, q, depth, nil)
			if err != nil {
				t.Fatal(err)
			}
			qv, err := ix.embedQuery(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := chromemTop(t, ix, qv, depth)
			ref := map[string]bool{}
			for _, r := range exactTop(ix.recs, qv, depth, nil) {
				ref[ix.recs[r.row].ID] = true
			}
			if len(got) != len(want) {
				t.Fatalf("query %q, depth %d: %d hits, chromem %d", q, depth, len(got), len(want))
			}
			ids := map[string]bool{}
			for i, h := range got {
				ids[h.id] = true
				if h.score != want[i].score || !ref[h.id] {
					t.Errorf("query %q, depth %d, rank %d: %v, chromem %v (in the brute-force top: %v)", q, depth, i+1, h, want[i], ref[h.id])
				}
			}
			cut := want[len(want)-1].score
			for _, h := range want {
				total++
				switch {
				case ids[h.id]:
					found++
				case h.score == cut:
					found++ // an exact tie at the cut, stood in for by another
					tied++
				}
			}
		}
	}
	t.Logf("recall@k against chromem's exact search: %d/%d = %.4f over %d queries at depths 40 and 8 (%d of them exact ties at the cut picked differently); %d exact fallbacks",
		found, total, float64(found)/float64(total), len(queries), tied, ix.scan.fallbacks.Load())
	if found != total {
		t.Errorf("recall %d/%d, want 1", found, total)
	}
}

func TestVectorHitsEqualChromemOnSharedQuestions(t *testing.T) {
	ix, err := Open(context.Background(), Options{Embedder: NewLocalEmbedder(0)}, corpus.Articles(context.Background(), corpus.Default(), corpus.WalkOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	checkRecall(t, ix, sharedQuestions(t))
}

// TestVectorHitsEqualChromem100k checks recall@k = 1.0 against chromem's
// exact search over a 100k-chunk haystack (47 MB), for the shared
// questions and 200 made of haystack words. It runs only with
// FOOTNOTE_SCALE=1 (a minute or two).
func TestVectorHitsEqualChromem100k(t *testing.T) {
	if os.Getenv("FOOTNOTE_SCALE") != "1" {
		t.Skip("set FOOTNOTE_SCALE=1 to run the 100k-chunk haystack")
	}
	fsys, _, err := haystack.MapFS(corpus.Default(), haystack.Options{Seed: 1, Bytes: 47 << 20})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ix, err := Open(ctx, Options{Embedder: NewLocalEmbedder(0)}, corpus.Articles(ctx, fsys, corpus.WalkOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() < 100_000 {
		t.Fatalf("haystack has %d chunks, want 100k", ix.Len())
	}
	queries := sharedQuestions(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		r := ix.recs[rng.IntN(len(ix.recs))]
		w := Words(r.Text)
		i := rng.IntN(max(1, len(w)-4))
		queries = append(queries, fmt.Sprint(w[i:min(len(w), i+4)]))
	}
	checkRecall(t, ix, queries)
}
