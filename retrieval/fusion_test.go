package retrieval

import (
	"slices"
	"testing"
)

func ids(fs []fusedHit) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.id
	}
	return out
}

func TestFuse(t *testing.T) {
	tests := []struct {
		name            string
		vector, lexical []hit
		want            []string
	}{
		{
			// Plain RRF ranks b first: 1st and 2nd beats 3rd and 1st. But a's
			// BM25 score dwarfs everyone's while the cosines are a near tie,
			// so the score term puts a first.
			name:    "a large lexical margin beats a near tie in vectors",
			vector:  []hit{{"b", 0.41}, {"c", 0.40}, {"a", 0.39}},
			lexical: []hit{{"a", 12}, {"b", 1.1}, {"c", 1.0}},
			want:    []string{"a", "b", "c"},
		},
		{
			// Same ranks, but now the lexical scores are close too: nothing
			// justifies overriding the ranks, and b stays first.
			name:    "without a margin the ranks decide",
			vector:  []hit{{"b", 0.41}, {"c", 0.40}, {"a", 0.39}},
			lexical: []hit{{"a", 1.2}, {"b", 1.1}, {"c", 1.0}},
			want:    []string{"b", "a", "c"},
		},
		{
			// Agreement wins: x is 2nd in both lists, y 1st in one only,
			// however large y's score.
			name:    "agreement beats one strong list",
			vector:  []hit{{"y", 0.9}, {"x", 0.5}},
			lexical: []hit{{"z", 30}, {"x", 1}},
			want:    []string{"x", "y", "z"},
		},
		{
			name:    "ties are ordered by id",
			vector:  []hit{{"q", 0.5}},
			lexical: []hit{{"p", 2}},
			want:    []string{"p", "q"},
		},
		{
			name:    "negative cosines add nothing",
			vector:  []hit{{"a", 0.2}, {"b", -0.3}},
			lexical: nil,
			want:    []string{"a", "b"},
		},
		{name: "empty lists", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fuse(tt.vector, tt.lexical)
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("order %v, want %v", ids(got), tt.want)
			}
			for _, f := range got {
				for _, h := range tt.vector {
					if h.id == f.id && h.score != f.vector {
						t.Errorf("%s: vector component %v, want %v", f.id, f.vector, h.score)
					}
				}
				for _, h := range tt.lexical {
					if h.id == f.id && h.score != f.lexical {
						t.Errorf("%s: lexical component %v, want %v", f.id, f.lexical, h.score)
					}
				}
			}
		})
	}
}
