package pgstore

import (
	"slices"
	"strconv"
	"strings"

	"footnote/retrieval"
)

// maxPosition is the largest position a tsvector holds; later positions
// are stored as it.
const maxPosition = 16383

// analysis is what one chunk contributes to the lexical side: its terms in
// order (as the embedded BM25 index analyses it) and the surface spelling
// of each term that differs from it.
type analysis struct {
	terms     []string
	spellings map[string]string // surface word → term, words that differ from their term
}

// analyze splits text the way [retrieval.BM25.AddText] does.
func analyze(text string) analysis {
	a := analysis{spellings: map[string]string{}}
	for _, w := range retrieval.Words(text) {
		if retrieval.IsStopword(w) {
			continue
		}
		t := retrieval.Stem(w)
		a.terms = append(a.terms, t)
		if w != t {
			a.spellings[w] = t
		}
	}
	return a
}

// tsvector renders the terms with their 1-based positions as a tsvector
// literal. The term frequency BM25 needs is the number of positions.
func (a analysis) tsvector() string {
	pos := map[string][]int{}
	var order []string
	for i, t := range a.terms {
		if t == "" {
			continue
		}
		if pos[t] == nil {
			order = append(order, t)
		}
		pos[t] = append(pos[t], min(i+1, maxPosition))
	}
	slices.Sort(order)
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(t))
		for j, p := range pos[t] {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// quoteLexeme quotes a lexeme for a tsvector or tsquery literal.
func quoteLexeme(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// deltas accumulates changes to the statistics tables over chunks added
// (sign +1) and removed (sign -1).
type deltas struct {
	chunks, terms int
	df            map[string]int
	spell         map[string]int
	spellTerm     map[string]string
}

func newDeltas() *deltas {
	return &deltas{df: map[string]int{}, spell: map[string]int{}, spellTerm: map[string]string{}}
}

// add counts one chunk's analysis with sign.
func (d *deltas) add(a analysis, sign int) {
	d.chunks += sign
	d.terms += sign * len(a.terms)
	seen := map[string]bool{}
	for _, t := range a.terms {
		if t != "" && !seen[t] {
			seen[t] = true
			d.df[t] += sign
		}
	}
	for w, t := range a.spellings {
		d.spell[w] += sign
		d.spellTerm[w] = t
	}
}
