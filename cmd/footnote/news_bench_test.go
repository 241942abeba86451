package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"footnote/internal/haystack"
)

var liveBytes = flag.Int64("live.bytes", 2<<20, "haystack size for BenchmarkSaveToCited")

// BenchmarkSaveToCited measures the time from an article file being saved
// into a watched corpus directory to the first answer that cites it, over
// a haystack of -live.bytes (default 2 MB) plus the default articles'
// format. Each iteration saves a new article and polls the answerer.
//
//	go test -run '^$' -bench SaveToCited -benchtime 5x ./cmd/footnote -live.bytes 10485760
func BenchmarkSaveToCited(b *testing.B) {
	dir := b.TempDir()
	if _, err := haystack.Write(dir, haystack.Options{Seed: 1, Bytes: *liveBytes}); err != nil {
		b.Fatal(err)
	}
	env := map[string]string{"FOOTNOTE_INDEX_DIR": b.TempDir(), "FOOTNOTE_CORPUS_DIR": dir, "FOOTNOTE_WATCH_DEBOUNCE": "100ms"}
	a, _ := newTestApp(env)
	if testing.Verbose() {
		a.stderr = os.Stderr // the watcher logs each re-index with its time
	}
	cfg, err := a.config()
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eng, err := a.newEngine(ctx, cfg, engineOptions{watch: true})
	if err != nil {
		b.Fatal(err)
	}
	stop := a.startNews(ctx, cfg, eng, a.logger(Config{LogLevel: "info"}), false, nil)
	defer stop()
	time.Sleep(200 * time.Millisecond)
	var total time.Duration
	n := 0
	for b.Loop() {
		name := fmt.Sprintf("live%03d.txt", n)
		place := "Skerry" + letters(n) // a place no other article names
		text := fmt.Sprintf("Lighthouse keeper named\n\nThe %s Point lighthouse trust named Quillon Marsh as its new keeper on Tuesday, the trust said.\n", place)
		saved := time.Now()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			ans, err := eng.answerer.Answer(ctx, answerRequest("Who did the "+place+" Point lighthouse trust name as keeper?"))
			if err != nil {
				b.Fatal(err)
			}
			if citesSource(ans.Citations, name) {
				break
			}
			if time.Since(saved) > time.Minute {
				b.Fatalf("%s not cited after a minute", name)
			}
			time.Sleep(10 * time.Millisecond)
		}
		total += time.Since(saved)
		n++
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/saved-to-cited")
}

// letters spells n in the letters a to z ("a", "b", …, "ba").
func letters(n int) string {
	s := string(rune('a' + n%26))
	for n /= 26; n > 0; n /= 26 {
		s = string(rune('a'+n%26)) + s
	}
	return s
}
