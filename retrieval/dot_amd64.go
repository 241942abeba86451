//go:build !purego

package retrieval

import "golang.org/x/sys/cpu"

// hasDotRows reports whether [dotRows] may be used: the CPU and the OS
// support AVX2.
var hasDotRows = cpu.X86.HasAVX2

// dotRowsAVX2 is in dot_amd64.s.
//
//go:noescape
func dotRowsAVX2(q *int16, codes *int8, dim, n int, out *int32)

// dotRows sets out[r] to the integer dot product of q with row r of codes
// (rows of len(q) codes, len(out) of them), with AVX2. Only call it when
// hasDotRows holds and len(q) is a positive multiple of 32.
func dotRows(q []int16, codes []int8, out []int32) {
	dim, n := len(q), len(out)
	if n == 0 {
		return
	}
	_ = codes[n*dim-1] // the assembly reads n·dim codes
	dotRowsAVX2(&q[0], &codes[0], dim, n, &out[0])
}
