// Package golden compares test output with golden files, for the tests of
// the renderers and prompts. Each test package keeps its own -update flag
// and passes it in.
package golden

import (
	"os"
	"testing"
)

// Check compares got with the file at path, or, when update is set,
// rewrites the file with got.
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("update golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch (run with -update if the change is intended)\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
