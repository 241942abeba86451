package retrieval_test

import (
	"context"
	"strings"
	"testing"

	"footnote/retrieval"
)

// TestSearchOddQueries runs queries of odd shapes with k up to far beyond
// the index size: each returns at most min(k, Len) distinct passages, and
// a query with no content word returns without error.
func TestSearchOddQueries(t *testing.T) {
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(32)}, defaultArticles(t))
	queries := map[string]string{
		"only stopwords":   "the of and to a in is it that was",
		"only digits":      "2025 16 90 1000000000000000000000",
		"only punctuation": "?!.,;:()",
		"emoji":            "🇺🇦🤝🇷🇺",
		"rtl":              "من قاد الوفد الأوكراني؟",
		"one long word":    strings.Repeat("a", 5000),
		"control chars":    "\x00\x01talks\x7f",
		"invalid utf-8":    "talks \xff\xfe in Istanbul",
	}
	for name, q := range queries {
		for _, k := range []int{1, ix.Len(), ix.Len() + 1, 1 << 30} {
			ps, err := ix.Search(context.Background(), q, k)
			if err != nil {
				t.Errorf("%s, k=%d: %v", name, k, err)
				continue
			}
			if len(ps) > min(k, ix.Len()) {
				t.Errorf("%s, k=%d: %d passages from an index of %d", name, k, len(ps), ix.Len())
			}
			seen := map[string]bool{}
			for _, p := range ps {
				if seen[p.ID] {
					t.Errorf("%s, k=%d: passage %s twice", name, k, p.ID)
				}
				seen[p.ID] = true
			}
		}
	}
}

// TestSearchEmptyIndexHugeK asks an empty index for more passages than
// any index holds.
func TestSearchEmptyIndexHugeK(t *testing.T) {
	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(16)}, nil)
	ps, err := ix.Search(context.Background(), "the", 1<<30)
	if err != nil || len(ps) != 0 {
		t.Errorf("Search = %v, %v; want nothing, nil", ps, err)
	}
}
