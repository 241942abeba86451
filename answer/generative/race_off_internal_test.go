//go:build !race

package generative

// raceEnabled is set when the race detector slows every memory access
// down, which makes timing comparisons meaningless.
const raceEnabled = false
