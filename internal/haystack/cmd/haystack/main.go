// Command haystack writes a generated haystack corpus to a directory, with
// the five default articles unless told otherwise, for measuring the real
// footnote binary at scale:
//
//	go run ./internal/haystack/cmd/haystack -out /tmp/hay -mb 10
//	FOOTNOTE_INDEX_DIR=/tmp/ix footnote index --corpus /tmp/hay
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"footnote/corpus"
	"footnote/internal/haystack"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "haystack:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fset := flag.NewFlagSet("haystack", flag.ContinueOnError)
	out := fset.String("out", "", "directory to write the corpus to (required)")
	seed := fset.Uint64("seed", 1, "generator seed")
	mb := fset.Float64("mb", 0, "megabytes of haystack to generate (or use -docs)")
	docs := fset.Int("docs", 0, "number of haystack articles to generate (or use -mb)")
	withDefault := fset.Bool("default", true, "also copy the five default articles")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if *out == "" || fset.NArg() > 0 {
		fset.Usage()
		return fmt.Errorf("want -out DIR and no arguments")
	}
	sum, err := haystack.Write(*out, haystack.Options{Seed: *seed, Docs: *docs, Bytes: int64(*mb * (1 << 20))})
	if err != nil {
		return err
	}
	if *withDefault {
		n, err := copyDefault(*out)
		if err != nil {
			return err
		}
		sum.Files += n
	}
	fmt.Printf("wrote %d files, %.1f MB of haystack, to %s\n", sum.Files, float64(sum.Bytes)/(1<<20), *out)
	return nil
}

// copyDefault copies the embedded default articles into dir.
func copyDefault(dir string) (int, error) {
	def := corpus.Default()
	names, err := fs.Glob(def, "*.txt")
	if err != nil {
		return 0, err
	}
	for _, n := range names {
		data, err := fs.ReadFile(def, n)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			return 0, err
		}
	}
	return len(names), nil
}
