package eval

import (
	"math/rand/v2"
	"slices"
)

// Sample returns n cases of cases chosen at random with seed, in their
// original order: the same seed gives the same subset. n <= 0 or n >=
// len(cases) returns cases unchanged.
func Sample(cases []Case, n int, seed uint64) []Case {
	if n <= 0 || n >= len(cases) {
		return cases
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	picked := rng.Perm(len(cases))[:n]
	slices.Sort(picked)
	out := make([]Case, n)
	for i, j := range picked {
		out[i] = cases[j]
	}
	return out
}
