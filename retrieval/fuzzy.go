package retrieval

import (
	"math/bits"
	"unicode/utf8"
)

// fuzzyIndex holds the vocabulary for typo correction, bucketed by length
// in runes. Each entry carries a bit mask of the letters it contains: k edits
// change at most 2k bits of that mask, so most candidates are rejected with
// one XOR and a popcount before any edit distance is computed.
type fuzzyIndex struct {
	byLen map[int]*fuzzyBucket
}

type fuzzyBucket struct {
	keys  []string // spelling compared with the query
	terms []string // index term the spelling stands for
	masks []uint64
}

// add registers spelling key for index term (key == term for terms
// themselves, key is a surface word for spellings seen by AddText). Keys with
// digits are never corrected to, so they are skipped.
func (f *fuzzyIndex) add(key, term string) {
	if key == "" || hasDigit(key) {
		return
	}
	if f.byLen == nil {
		f.byLen = map[int]*fuzzyBucket{}
	}
	n := utf8.RuneCountInString(key)
	bk := f.byLen[n]
	if bk == nil {
		bk = &fuzzyBucket{}
		f.byLen[n] = bk
	}
	bk.keys = append(bk.keys, key)
	bk.terms = append(bk.terms, term)
	bk.masks = append(bk.masks, letterMask(key))
}

// letterMask sets one bit per distinct letter; letters outside a–z share
// bits by their code, which only weakens the filter, never breaks it.
func letterMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			m |= 1 << uint(r-'a')
		} else {
			m |= 1 << (26 + uint(r)%38)
		}
	}
	return m
}

// maxEdits is how many edits Correct allows for a term of n runes.
func maxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n <= 6:
		return 1
	}
	return 2
}

// Correct proposes the index term closest to term, an analysed query term
// that is NOT in the vocabulary (a known term or one with a digit returns
// ("", false)). Closeness is the Damerau–Levenshtein distance (optimal
// string alignment) to the vocabulary terms and, for text added with
// AddText, to the surface words they came from; at most 1 edit is allowed
// for terms of 4–6 letters, 2 from 7 letters, none below 4. Ties go to the
// term in more documents, then to the smaller term. It returns the index
// term (a stem) and true, or ("", false) when nothing is close enough.
//
// Cost: one pass over the vocabulary entries of similar length with a
// bit-mask prefilter; about 100µs for 100k terms.
func (b *BM25) Correct(term string) (string, bool) {
	return b.fuzzy.correct(term, b.DocFreq)
}

// correct is [BM25.Correct] over this vocabulary, with df giving each
// term's document frequency (0 for a term no live document holds).
func (f *fuzzyIndex) correct(term string, df func(string) int) (string, bool) {
	if term == "" || hasDigit(term) || df(term) > 0 {
		return "", false
	}
	q := []rune(term)
	limit := maxEdits(len(q))
	if limit == 0 {
		return "", false
	}
	qmask := letterMask(term)
	best, bestDist, bestDF := "", limit+1, 0
	buf := make([]int, 3*(len(q)+limit+2))
	for n := len(q) - limit; n <= len(q)+limit; n++ {
		bk := f.byLen[n]
		if bk == nil {
			continue
		}
		for i, m := range bk.masks {
			if bits.OnesCount64(m^qmask) > 2*limit {
				continue
			}
			d := osaDistance(q, bk.keys[i], min(limit, bestDist), buf)
			if d > limit || d > bestDist {
				continue
			}
			t := bk.terms[i]
			tdf := df(t)
			if tdf == 0 {
				continue // its documents were replaced
			}
			if d < bestDist || tdf > bestDF || (tdf == bestDF && t < best) {
				best, bestDist, bestDF = t, d, tdf
			}
		}
	}
	return best, best != ""
}

// osaDistance returns the optimal-string-alignment distance (Levenshtein
// plus adjacent transpositions) between a and b, or limit+1 as soon as it
// is certain to exceed limit. buf is scratch space of at least
// 3*(len(b)+1) ints.
func osaDistance(a []rune, bs string, limit int, buf []int) int {
	b := []rune(bs)
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	w := len(b) + 1
	if len(buf) < 3*w {
		buf = make([]int, 3*w)
	}
	prev2, prev, cur := buf[:w], buf[w:2*w], buf[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
