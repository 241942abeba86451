package bot

import "fmt"

// PanicError is what a recovered panic in the Answerer becomes. It reaches
// Options.OnError (with the stack, for the log) but never the user.
type PanicError struct {
	Value any    // what was passed to panic
	Stack []byte // the panicking goroutine's stack, for the log
}

// Error describes the panic value.
func (e *PanicError) Error() string {
	return fmt.Sprintf("answerer panicked: %v", e.Value)
}
