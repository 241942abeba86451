//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package retrieval

import (
	"errors"
	"os"
	"syscall"
)

// locking reports whether tryLock really locks on this system.
const locking = true

// syscallNonblock opens a FIFO without waiting for a writer.
const syscallNonblock = syscall.O_NONBLOCK

// tryLock takes an exclusive flock on f without waiting. It reports false
// when another open file holds one.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, nil
	}
	return false, err
}
