//go:build !unix

package eval_test

import "time"

// processCPU is not measured off unix; cpu-ms/op then reads 0.
func processCPU() time.Duration { return 0 }
