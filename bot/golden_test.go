package bot_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites golden files instead of comparing against them:
// go test ./bot/ -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// checkGolden compares got with testdata/name.golden (or rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
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
