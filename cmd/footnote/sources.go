package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
)

const sourcesUsage = `Usage: footnote sources [--json] [--corpus DIR] [--store postgres://...]

Lists the articles in the corpus (or, with a store, the articles indexed
in it) with their title, date and size. With --json, writes one JSON
object per article ({"source", "title", "date", "bytes"}) and nothing else.
`

// jsonSource is one line of "sources --json".
type jsonSource struct {
	Source string `json:"source"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Bytes  int64  `json:"bytes"`
}

func (a *app) cmdSources(ctx context.Context, args []string) error {
	cmd := a.newCommand("sources", sourcesUsage)
	asJSON := cmd.fs.Bool("json", false, "write one JSON object per article")
	cfg, _, err := a.setup(cmd, args, 0)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tDATE\tSIZE\tTITLE")
	n := 0
	row := func(art corpus.Article) error {
		n++
		if *asJSON {
			a.writeJSON(jsonSource{Source: art.Source, Title: art.Title, Date: art.Date, Bytes: art.Size})
			return nil
		}
		date := art.Date
		if date == "" {
			date = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", art.Source, date, bot.FormatSize(art.Size), answer.ShortQuote(art.Title, 70))
		return nil
	}
	if cfg.Store.URL != "" {
		st, err := openStore(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		arts, err := st.Articles(ctx)
		if err != nil {
			return err
		}
		for _, art := range arts {
			_ = row(art)
		}
	} else {
		fsys, _, err := corpusFS(cfg.CorpusDir)
		if err != nil {
			return err
		}
		err = corpus.Walk(ctx, fsys, corpus.WalkOptions{
			OnWarning: func(source, msg string) { fmt.Fprintf(a.stderr, "footnote: %s: %s\n", source, msg) },
		}, row)
		if err != nil {
			return err
		}
	}
	if *asJSON {
		return nil
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
