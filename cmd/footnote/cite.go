package main

import (
	"context"

	"footnote/answer"
	"footnote/corpus"
)

// citeMeta wraps an Answerer so every citation carries its article's title
// and date from the corpus metadata: the engines cite by file, and the
// renderers and --json show what a reader needs to judge the source.
type citeMeta struct {
	next answer.Answerer
	meta map[string]corpus.Article // by Source
}

var _ answer.Answerer = citeMeta{}

// withCiteMeta returns next with citations completed from sources.
func withCiteMeta(next answer.Answerer, sources []corpus.Article) answer.Answerer {
	m := make(map[string]corpus.Article, len(sources))
	for _, a := range sources {
		m[a.Source] = a
	}
	return citeMeta{next: next, meta: m}
}

// Answer implements answer.Answerer.
func (c citeMeta) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	a, err := c.next.Answer(ctx, req)
	if err != nil {
		return a, err
	}
	for i := range a.Citations {
		art, ok := c.meta[a.Citations[i].Source]
		if !ok {
			continue
		}
		if a.Citations[i].Title == "" {
			a.Citations[i].Title = art.Title
		}
		if a.Citations[i].Date == "" {
			a.Citations[i].Date = art.Date
		}
	}
	return a, nil
}
