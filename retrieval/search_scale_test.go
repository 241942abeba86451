package retrieval

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// BenchmarkVectorMemoryFloor reads n vectors of 512 float32s once, as
// 64-bit words, doing nothing with them but XOR: the time to read the
// vectors from memory, the floor for any exact (brute-force) search over
// them. Compare with BenchmarkSearch's VectorScanFloor (a scalar dot
// product per vector, the floor for pure Go without SIMD), ChromemOnly and
// Hybrid at the same sizes. At 1k the vectors (2 MB) fit in cache.
func BenchmarkVectorMemoryFloor(b *testing.B) {
	const dim = 512
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			slab := make([]float32, n*dim)
			for i := range slab {
				slab[i] = rng.Float32()
			}
			words := unsafe.Slice((*uint64)(unsafe.Pointer(&slab[0])), len(slab)/2)
			b.SetBytes(int64(len(slab) * 4))
			var sink uint64
			for b.Loop() {
				sink ^= xorAll(words)
			}
			if sink == 1 {
				b.Log("unlikely") // keeps sink alive
			}
		})
	}
}

// xorAll folds words with four independent accumulators, so the loop is
// bound by memory rather than by one dependency chain.
func xorAll(words []uint64) uint64 {
	var a, b, c, d uint64
	for i := 0; i+4 <= len(words); i += 4 {
		a ^= words[i]
		b ^= words[i+1]
		c ^= words[i+2]
		d ^= words[i+3]
	}
	return a ^ b ^ c ^ d
}
