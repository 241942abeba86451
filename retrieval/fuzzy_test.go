package retrieval_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"footnote/retrieval"
)

func TestCorrect(t *testing.T) {
	b := retrieval.NewBM25()
	b.AddText("a", "The Ukrainian delegation arrived for negotiations with Zelensky in 2022.")
	b.AddText("b", "The war went on. A bond was issued. Another bond, another bond.")
	b.AddText("c", "The band played. A bond market opened. The delegates waited.")
	tests := []struct {
		term   string
		want   string
		wantOK bool
	}{
		{"delegaton", "deleg", true},     // via the surface word "delegation"
		{"ukranian", "ukrainian", true},  // one deletion
		{"ukrainain", "ukrainian", true}, // one transposition
		{"negotiatons", "negoti", true},  // via "negotiations"
		{"zelenskyy", "zelenski", true},  // via "zelensky"
		{"zelenskiy", "zelenski", true},  // the stem itself is one edit away
		{"warr", "war", true},            // 4 letters: one edit allowed
		{"bund", "bond", true},           // band and bond tie at 1 edit: bond is in more documents
		{"wr", "", false},                // too short to correct
		{"wat", "", false},               // too short to correct
		{"2021", "", false},              // numbers are never corrected
		{"2o22", "", false},              // nor anything with a digit
		{"deleg", "", false},             // known terms need no correction
		{"delgatn", "", false},           // 3 edits from "delegation": too far
		{"xylophone", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			got, ok := b.Correct(tt.term)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.term, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestCorrectStemsOnly covers an index built with Add, which only knows
// stems: the stem of a misspelt word is still close to the right stem.
func TestCorrectStemsOnly(t *testing.T) {
	b := retrieval.NewBM25()
	b.Add("a", retrieval.Analyze("Ukrainian officials and Russian negotiators"))
	tests := []struct{ term, want string }{
		{"ukranian", "ukrainian"},
		{"russain", "russian"},
		{"oficials", "offici"},
		{"negotiaters", "negoti"},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			if got, ok := b.Correct(retrieval.Stem(tt.term)); !ok || got != tt.want {
				t.Errorf("Correct(%q) = %q, %v; want %q", tt.term, got, ok, tt.want)
			}
		})
	}
}

// randomWord returns a lowercase word of 4 to 12 letters.
func randomWord(r *rand.Rand) string {
	const letters = "etaoinshrdlcumwfgypbvkjxqz"
	n := 4 + r.IntN(9)
	w := make([]byte, n)
	for i := range w {
		// Skew towards frequent letters, like real words.
		w[i] = letters[min(r.IntN(len(letters)), r.IntN(len(letters)))]
	}
	return string(w)
}

// typo applies one random edit to w.
func typo(r *rand.Rand, w string) string {
	i := r.IntN(len(w))
	switch r.IntN(3) {
	case 0:
		return w[:i] + w[i+1:]
	case 1:
		return w[:i] + "e" + w[i:]
	default:
		return w[:i] + "z" + w[i+1:]
	}
}

func BenchmarkCorrect(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	idx := retrieval.NewBM25()
	vocab := make([]string, 0, 100_000)
	seen := map[string]bool{}
	for len(vocab) < 100_000 {
		if w := randomWord(r); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	for d := 0; d < len(vocab); d += 10 {
		idx.Add(fmt.Sprint("doc", d), vocab[d:d+10])
	}
	queries := make([]string, 256)
	for i := range queries {
		q := typo(r, vocab[r.IntN(len(vocab))])
		for seen[q] {
			q = typo(r, q)
		}
		queries[i] = q
	}
	found := 0
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := idx.Correct(queries[i%len(queries)]); ok {
			found++
		}
		i++
	}
	if found == 0 {
		b.Fatal("no query was corrected")
	}
}
