package bot_test

import (
	"flag"
	"path/filepath"
	"testing"

	"footnote/internal/golden"
)

// update rewrites golden files instead of comparing against them:
// go test ./bot/ -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// checkGolden compares got with testdata/name.golden (or rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name+".golden"), got, *update)
}
