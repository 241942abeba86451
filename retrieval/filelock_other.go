//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package retrieval

import "os"

// locking reports whether tryLock really locks on this system.
const locking = false

// syscallNonblock is 0 where FIFOs need no special open flag.
const syscallNonblock = 0

// tryLock does not lock on this system; it always succeeds.
func tryLock(*os.File) (bool, error) { return true, nil }
