package bot

import (
	"strings"

	"footnote/corpus"
)

// FilterSources returns the articles whose file or title holds query,
// case-insensitively, in their order; all of them (a copy) for a blank
// query.
func FilterSources(arts []corpus.Article, query string) []corpus.Article {
	q := strings.ToLower(strings.TrimSpace(query))
	out := make([]corpus.Article, 0, len(arts))
	for _, a := range arts {
		if q == "" || strings.Contains(strings.ToLower(a.Source), q) || strings.Contains(strings.ToLower(a.Title), q) {
			out = append(out, a)
		}
	}
	return out
}
