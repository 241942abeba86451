//go:build !unix

package lexicon_test

import "time"

// processCPU is not available here; BenchmarkLoad reports wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
