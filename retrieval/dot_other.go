//go:build !amd64 || purego

package retrieval

// hasDotRows is false off amd64 (and with the purego tag): the scan uses
// the portable [dotPair].
const hasDotRows = false

// dotRows is not available here; see hasDotRows.
func dotRows(q []int16, codes []int8, out []int32) { panic("retrieval: dotRows without AVX2") }
