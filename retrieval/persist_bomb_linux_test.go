package retrieval

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestGzipBombRSS measures, in a child process, the peak RSS of loading
// gzip bombs of about 1 MB and 3 MB (inflating to 1 and 3 GiB); the figure
// is logged. FOOTNOTE_BOMB_RSS=1 runs it (it takes some seconds to write
// the bombs).
func TestGzipBombRSS(t *testing.T) {
	if os.Getenv("FOOTNOTE_BOMB_RSS") == "" {
		t.Skip("set FOOTNOTE_BOMB_RSS=1 to measure the RSS of loading gzip bombs")
	}
	for _, gib := range []int64{1, 3} {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("bomb-%d.gob.gz", gib))
		writeBomb(t, path, gib<<30)
		fi, _ := os.Stat(path)
		cmd := exec.Command(os.Args[0], "-test.run=^TestGzipBombChild$")
		cmd.Env = append(os.Environ(), "FOOTNOTE_BOMB_FILE="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		t.Logf("gzip bomb of %d bytes (inflating to %d GiB): peak RSS %.1f MiB; %s", fi.Size(), gib, float64(rss)/1024, bytes.TrimSpace(out))
	}
}

// TestGzipBombChild is the child of TestGzipBombRSS.
func TestGzipBombChild(t *testing.T) {
	path := os.Getenv("FOOTNOTE_BOMB_FILE")
	if path == "" {
		t.Skip("run by TestGzipBombRSS")
	}
	_, err := loadSnapshot(context.Background(), path)
	fmt.Fprintf(os.Stdout, "load: %v\n", err)
}
