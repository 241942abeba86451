//go:build unix

package lexicon_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) this process has used, so
// that BenchmarkLoad can report decode cost apart from wall time, which on a
// shared machine mostly measures the other processes.
func processCPU() (time.Duration, bool) {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0, false
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano()), true
}
