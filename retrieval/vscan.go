package retrieval

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// vecScan is the query path's copy of the vectors: one contiguous slab of
// int8 codes (see [quantize]), a row per chunk in index order, scanned in
// full for every query. chromem-go stays the store of record; its float32
// vectors (the records' vec, which chromem's documents share) re-score the
// few best rows exactly, so results are chromem's, not approximations.
//
// Exactness is checked, not hoped for: for a unit query q and a row with
// codes c, scale s and quantisation error e, the approximate score
// ŝ = s·s_q·(c·c_q) is within e + e_q·(1+e) of the exact one (Cauchy–Schwarz
// on q·d − q̂·d̂ = q·(d−d̂) + (q−q̂)·d̂), so ŝ plus that bound is an upper bound
// u on the exact score. The scan keeps the candidates with the highest u;
// after re-scoring, if the m-th exact score is above every discarded row's
// u, no discarded row could have made the top m. Otherwise (rare) the
// query falls back to an exact float32 scan.
type vecScan struct {
	dim   int
	codes []int8    // len(recs)·dim codes
	scale []float32 // per row; 0 marks a zero vector, which is never returned
	qerr  []float32 // per row: ‖v − scale·c‖₂
	recs  []*record // the float32 vectors, by row

	fallbacks atomic.Int64 // queries answered by the exact fallback
	fromFile  atomic.Int64 // rows whose codes came from the index file
}

// Tuning of the scan.
const (
	// candidateFactor is how many candidates per wanted result are
	// re-scored exactly.
	candidateFactor = 4
	// rowsPerWorker is the least number of rows worth a goroutine.
	rowsPerWorker = 8192
	// scoreSlack covers float32 rounding in the scores and bounds (an
	// in-order float32 dot product of unit vectors is off by at most
	// ~dim·2⁻²⁴; 1e-4 allows for 1,600 dimensions and more).
	scoreSlack = 1e-4
)

// newVecScan builds the slab for recs, copying codes decoded from the index
// file and quantising the vectors that have none. Rows are quantised over
// all cores.
func newVecScan(dim int, recs []*record) *vecScan {
	n := len(recs)
	s := &vecScan{dim: dim, codes: make([]int8, n*dim), scale: make([]float32, n), qerr: make([]float32, n), recs: recs}
	if dim == 0 || dim > maxQuantDim {
		return s
	}
	parallelRows(n, func(lo, hi int) {
		stored := 0
		for i := lo; i < hi; i++ {
			if s.setRow(i, recs[i]) {
				stored++
			}
		}
		s.fromFile.Add(int64(stored))
	})
	return s
}

// setRow fills row i from r: its stored codes when they match its vector's
// dimension (it then reports true), else by quantising the vector.
func (s *vecScan) setRow(i int, r *record) bool {
	row := s.codes[i*s.dim : (i+1)*s.dim]
	if len(r.codes) == s.dim && len(r.vec) == s.dim {
		copy(row, r.codes)
		s.scale[i], s.qerr[i] = r.qscale, r.qerr
		r.codes = nil // the slab holds them now
		return true
	}
	if len(r.vec) != s.dim {
		clear(row)
		s.scale[i], s.qerr[i] = 0, 0
		return false
	}
	s.scale[i], s.qerr[i] = quantize(r.vec, row)
	return false
}

// row returns the codes of row i.
func (s *vecScan) row(i int) []int8 { return s.codes[i*s.dim : (i+1)*s.dim : (i+1)*s.dim] }

// scored is a row with a score (an upper bound during the scan, the exact
// score after re-scoring).
type scored struct {
	score float32
	row   int32
}

// worse orders scored rows: lower score first, then the larger row.
func (a scored) worse(b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.row > b.row
}

// search returns the m rows most similar to the unit vector q by exact
// cosine (chromem's score), best first, ties by row. Only rows allowed by
// allow (a bitmap over rows; nil allows all) with a non-zero vector count.
func (s *vecScan) search(q []float32, m int, allow []uint64) []scored {
	n := len(s.recs)
	if m <= 0 || n == 0 || len(q) != s.dim {
		return nil
	}
	if s.dim > maxQuantDim {
		return s.exact(q, m, allow)
	}
	qc := make([]int8, s.dim)
	sq, eq := quantize(q, qc)
	if sq == 0 {
		return nil
	}
	want := m * candidateFactor
	parts := make([][]scored, workers(n))
	eligible := make([]int, len(parts))
	if hasDotRows && s.dim > 0 && s.dim%32 == 0 {
		q16 := make([]int16, s.dim)
		for j, c := range qc {
			q16[j] = int16(c)
		}
		splitRows(n, len(parts), func(w, lo, hi int) {
			parts[w], eligible[w] = s.scanBlocks(q16, sq, eq, lo, hi, want, allow)
		})
	} else {
		q64 := make([]int64, s.dim)
		for j, c := range qc {
			q64[j] = int64(c)
		}
		splitRows(n, len(parts), func(w, lo, hi int) {
			parts[w], eligible[w] = s.scanRange(q64, sq, eq, lo, hi, want, allow)
		})
	}
	cands := slices.Concat(parts...)
	total := 0
	for _, e := range eligible {
		total += e
	}
	slices.SortFunc(cands, func(a, b scored) int { return cmpBetter(a, b) })
	cands = cands[:min(want, len(cands))]
	bound := float32(math.Inf(-1)) // the best upper bound among rows left out
	if total > len(cands) {
		bound = cands[len(cands)-1].score
	}
	s.rescore(q, cands)
	slices.SortFunc(cands, func(a, b scored) int { return cmpBetter(a, b) })
	cands = cands[:min(m, len(cands))]
	if len(cands) > 0 && !(cands[len(cands)-1].score > bound) {
		s.fallbacks.Add(1)
		return s.exact(q, m, allow)
	}
	return cands
}

// cmpBetter orders scored rows best first.
func cmpBetter(a, b scored) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.row, b.row)
}

// bounder offers scanned rows to a heap by the upper bound on their exact
// score (see [vecScan]), counting the eligible ones.
type bounder struct {
	s        *vecScan
	sq, eq   float32
	allow    []uint64
	h        topHeap[scored]
	eligible int
}

func (b *bounder) consider(i int, dot int32) {
	s := b.s
	sc := s.scale[i]
	if sc == 0 || b.allow != nil && b.allow[i>>6]&(1<<(i&63)) == 0 {
		return
	}
	b.eligible++
	e := s.qerr[i]
	b.h.offer(scored{score: float32(dot)*b.sq*sc + e + b.eq*(1+e) + scoreSlack, row: int32(i)})
}

// scanBlocks is scanRange with [dotRows]: rows [lo, hi) in blocks that end
// on multiples of 64, so each block is one word of allow and a block
// filtered out entirely is skipped. The rows are offered in the same order
// with the same integer dot products as scanRange's, so the result is the
// same.
func (s *vecScan) scanBlocks(q []int16, sq, eq float32, lo, hi, want int, allow []uint64) ([]scored, int) {
	b := bounder{s: s, sq: sq, eq: eq, allow: allow, h: topHeap[scored]{items: make([]scored, 0, want)}}
	var dots [64]int32
	for i := lo; i < hi; {
		end := min(hi, (i|63)+1)
		if allow == nil || allow[i>>6] != 0 {
			out := dots[:end-i]
			dotRows(q, s.codes[i*s.dim:end*s.dim], out)
			for k, d := range out {
				b.consider(i+k, d)
			}
		}
		i = end
	}
	return b.h.items, b.eligible
}

// scanRange scans rows [lo, hi) (lo even) and returns the want rows with
// the highest upper bounds and how many rows were eligible.
func (s *vecScan) scanRange(q []int64, sq, eq float32, lo, hi, want int, allow []uint64) ([]scored, int) {
	b := bounder{s: s, sq: sq, eq: eq, allow: allow, h: topHeap[scored]{items: make([]scored, 0, want)}}
	consider := b.consider
	i := lo
	for ; i+1 < hi; i += 2 {
		if allow != nil && (allow[i>>6]>>(i&63))&3 == 0 {
			continue // both rows filtered out (i is even: same word)
		}
		a, b := dotPair(q, s.row(i), s.row(i+1))
		consider(i, a)
		consider(i+1, b)
	}
	if i < hi {
		consider(i, dotOne(q, s.row(i)))
	}
	return b.h.items, b.eligible
}

// exact is the float32 scan: every eligible row scored exactly, over all
// cores. It serves the rare query whose candidates could not be proven
// complete, and vectors too long to quantise.
func (s *vecScan) exact(q []float32, m int, allow []uint64) []scored {
	n := len(s.recs)
	parts := make([][]scored, workers(n))
	splitRows(n, len(parts), func(w, lo, hi int) {
		h := topHeap[scored]{items: make([]scored, 0, m)}
		// Rows are scored four at a time and offered in row order, as one
		// at a time would.
		var four [4]scored
		n := 0
		for i := lo; i < hi; i++ {
			if s.scale[i] == 0 && !hasDirection(s.recs[i].vec) || allow != nil && allow[i>>6]&(1<<(i&63)) == 0 {
				continue
			}
			four[n] = scored{row: int32(i)}
			if n++; n == len(four) {
				s.rescore(q, four[:])
				for _, c := range four {
					h.offer(c)
				}
				n = 0
			}
		}
		s.rescore(q, four[:n])
		for _, c := range four[:n] {
			h.offer(c)
		}
		parts[w] = h.items
	})
	out := slices.Concat(parts...)
	slices.SortFunc(out, cmpBetter)
	return out[:min(m, len(out))]
}

// rescore sets each row's exact score (chromem's: see [dotExact]), four
// rows at a time.
func (s *vecScan) rescore(q []float32, rows []scored) {
	i := 0
	for ; i+4 <= len(rows); i += 4 {
		r := rows[i : i+4 : i+4]
		r[0].score, r[1].score, r[2].score, r[3].score = dotExact4(q,
			s.recs[r[0].row].vec, s.recs[r[1].row].vec, s.recs[r[2].row].vec, s.recs[r[3].row].vec)
	}
	for ; i < len(rows); i++ {
		rows[i].score = dotExact(q, s.recs[rows[i].row].vec)
	}
}

// ranked is an element of a [topHeap].
type ranked[T any] interface {
	// worse reports whether the receiver ranks below the argument.
	worse(T) bool
}

// topHeap keeps the cap(items) best elements offered: a min-heap whose
// root is the worst kept element. It never allocates after creation.
type topHeap[T ranked[T]] struct{ items []T }

// offer adds c if there is room or it beats the worst kept element.
func (h *topHeap[T]) offer(c T) {
	it := h.items
	if len(it) < cap(it) {
		it = append(it, c)
		h.items = it
		for j := len(it) - 1; j > 0; { // sift up
			p := (j - 1) / 2
			if !it[j].worse(it[p]) {
				break
			}
			it[j], it[p] = it[p], it[j]
			j = p
		}
		return
	}
	if len(it) == 0 || !it[0].worse(c) {
		return
	}
	it[0] = c
	for j := 0; ; { // sift down
		l := 2*j + 1
		if l >= len(it) {
			break
		}
		w := l
		if r := l + 1; r < len(it) && it[r].worse(it[l]) {
			w = r
		}
		if !it[w].worse(it[j]) {
			break
		}
		it[j], it[w] = it[w], it[j]
		j = w
	}
}

// workers returns how many goroutines scan n rows: one per
// rowsPerWorker rows, at most GOMAXPROCS.
func workers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/rowsPerWorker))
}

// splitRows calls f for w contiguous ranges covering [0, n), each starting
// at an even row, on w goroutines (the first on the caller's), and waits.
func splitRows(n, w int, f func(w, lo, hi int)) {
	if w <= 1 {
		f(0, 0, n)
		return
	}
	per := (n/w + 1) &^ 1
	var wg sync.WaitGroup
	for k := 1; k < w; k++ {
		lo, hi := min(n, k*per), min(n, (k+1)*per)
		if k == w-1 {
			hi = n
		}
		wg.Go(func() { f(k, lo, hi) })
	}
	f(0, 0, min(n, per))
	wg.Wait()
}

// parallelRows runs f over [0, n) split across the cores.
func parallelRows(n int, f func(lo, hi int)) {
	splitRows(n, max(1, min(runtime.GOMAXPROCS(0), n/1024)), func(_, lo, hi int) { f(lo, hi) })
}
