package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"footnote/corpus"
)

const sourcesUsage = `Usage: footnote sources [--corpus DIR]

Lists the articles in the corpus with their title, date and size.
`

func (a *app) cmdSources(ctx context.Context, args []string) error {
	cfg, _, err := a.setup(a.newCommand("sources", sourcesUsage), args, 0)
	if err != nil {
		return err
	}
	fsys, _, err := corpusFS(cfg.CorpusDir)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tDATE\tSIZE\tTITLE")
	n := 0
	err = corpus.Walk(ctx, fsys, corpus.WalkOptions{
		OnWarning: func(source, msg string) { fmt.Fprintf(a.stderr, "footnote: %s: %s\n", source, msg) },
	}, func(art corpus.Article) error {
		n++
		date := art.Date
		if date == "" {
			date = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", art.Source, date, humanBytes(art.Size), truncateRunes(art.Title, 70))
		return nil
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, count(n, "article", "articles"))
	return nil
}

// count renders n with the singular or plural noun: "1 article", "5 articles".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// humanBytes formats a size as B, KB or MB.
func humanBytes(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}
