package retrieval

import "math"

// Symmetric int8 quantisation of unit vectors, one scale per vector: code
// c_j = round(v_j / scale) with scale = max|v_j| / 127, so v ≈ scale·c and
// the codes take a quarter of the float32 bytes. Codes stay within ±127
// (never -128), which keeps the packed products of [dotPair] exact.

// quantMax is the largest code magnitude.
const quantMax = 127

// maxQuantDim is the largest dimension whose integer dot products fit the
// halves of [dotPair]: maxQuantDim·127² < 2³¹. Larger vectors (no model has
// them) are searched exactly.
const maxQuantDim = (1<<31 - 1) / (quantMax * quantMax)

// quantize writes v's codes into dst (len(v) bytes) and returns the scale
// and the quantisation error ‖v − scale·c‖₂ that bounds the approximate
// scores (see [vecScan]). A zero vector gets scale 0 and zero codes.
func quantize(v []float32, dst []int8) (scale, errNorm float32) {
	dst = dst[:len(v)]
	var maxAbs float32
	for _, x := range v {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	if maxAbs == 0 {
		clear(dst)
		return 0, 0
	}
	scale = maxAbs / quantMax
	inv := 1 / float64(scale)
	var e2 float64
	for j, x := range v {
		c := math.Round(float64(x) * inv)
		c = max(-quantMax, min(quantMax, c))
		dst[j] = int8(c)
		d := float64(x) - float64(scale)*c
		e2 += d * d
	}
	return scale, float32(math.Sqrt(e2))
}

// dotPair returns the integer dot products of q with rows a and b (all of
// one length, codes within ±127). Both products come from one 64-bit
// multiply per dimension: a_j + b_j·2³² times q_j adds a's product to the
// low half and b's to the high half. Each sum stays below 2³¹ in magnitude
// for up to [maxQuantDim] dimensions (127² each), so the halves separate
// exactly.
func dotPair(q []int64, a, b []int8) (int32, int32) {
	a = a[:len(q)]
	b = b[:len(q)]
	var s0, s1, s2, s3 int64
	i := 0
	for ; i+4 <= len(q); i += 4 {
		s0 += (int64(a[i]) + int64(b[i])<<32) * q[i]
		s1 += (int64(a[i+1]) + int64(b[i+1])<<32) * q[i+1]
		s2 += (int64(a[i+2]) + int64(b[i+2])<<32) * q[i+2]
		s3 += (int64(a[i+3]) + int64(b[i+3])<<32) * q[i+3]
	}
	for ; i < len(q); i++ {
		s0 += (int64(a[i]) + int64(b[i])<<32) * q[i]
	}
	s := s0 + s1 + s2 + s3
	lo := int32(s)
	return lo, int32((s - int64(lo)) >> 32)
}

// dotOne is dotPair for a single row.
func dotOne(q []int64, a []int8) int32 {
	a = a[:len(q)]
	var s0, s1, s2, s3 int64
	i := 0
	for ; i+4 <= len(q); i += 4 {
		s0 += int64(a[i]) * q[i]
		s1 += int64(a[i+1]) * q[i+1]
		s2 += int64(a[i+2]) * q[i+2]
		s3 += int64(a[i+3]) * q[i+3]
	}
	for ; i < len(q); i++ {
		s0 += int64(a[i]) * q[i]
	}
	return int32(s0 + s1 + s2 + s3)
}

// dotExact is the float32 dot product exactly as chromem-go computes its
// cosine similarity (one accumulator, in order), so re-scored candidates
// carry bit-for-bit the scores chromem would give them.
func dotExact(a, b []float32) float32 {
	b = b[:len(a)]
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// dotExact4 is dotExact of q with four vectors at once: each sum is still
// accumulated alone and in order, so each result is bit for bit
// dotExact's, but the four independent chains keep the adder busy where
// one chain waits on each addition.
func dotExact4(q, a, b, c, d []float32) (float32, float32, float32, float32) {
	a, b, c, d = a[:len(q)], b[:len(q)], c[:len(q)], d[:len(q)]
	var sa, sb, sc, sd float32
	for i, x := range q {
		sa += x * a[i]
		sb += x * b[i]
		sc += x * c[i]
		sd += x * d[i]
	}
	return sa, sb, sc, sd
}
