package neardup_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"footnote/neardup"
)

const story = "Russian and Ukrainian negotiators concluded their direct meeting, the first in more than three years, in Istanbul on Friday, under pressure from the United States to end the deadliest conflict in Europe since the Second World War, officials said."

func TestSimilarity(t *testing.T) {
	var o neardup.Options
	tests := []struct {
		name    string
		a, b    string
		similar bool
	}{
		{"identical", story, story, true},
		{"case and punctuation", story, strings.ToUpper(strings.ReplaceAll(story, ",", "")), true},
		{"one word edited", story, strings.Replace(story, "Friday", "Thursday", 1), true},
		{"a clause added at the end", story, story + " The talks lasted two hours.", true},
		{"unrelated", story, "Copper prices rose to a record high on Monday after two large mines in Chile closed because of floods, traders said, and analysts expect them to stay high for weeks.", false},
		{"same topic, other words", story, "Delegations from Moscow and Kyiv met in Turkey for talks that ended after less than two hours without an agreement on a ceasefire, diplomats told reporters.", false},
		{"too short to sign", "Talks end", "Talks end", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := o.Similar(o.Sign(tt.a), o.Sign(tt.b))
			if got != tt.similar {
				t.Errorf("Similar = %v (similarity %.2f), want %v", got, neardup.Similarity(o.Sign(tt.a), o.Sign(tt.b)), tt.similar)
			}
		})
	}
}

// TestEstimateTracksJaccard compares the MinHash estimate with the exact
// Jaccard similarity of the shingle sets over texts with a known overlap.
func TestEstimateTracksJaccard(t *testing.T) {
	o := neardup.Options{Shingle: 1}
	rng := rand.New(rand.NewPCG(1, 2))
	var worst float64
	for trial := range 40 {
		shared := rng.IntN(200)
		a, b := make([]string, 0, 300), make([]string, 0, 300)
		for i := range shared {
			a = append(a, fmt.Sprintf("s%d", i))
			b = append(b, fmt.Sprintf("s%d", i))
		}
		for i := range 200 - shared {
			a = append(a, fmt.Sprintf("a%dx%d", trial, i))
			b = append(b, fmt.Sprintf("b%dx%d", trial, i))
		}
		exact := float64(shared) / float64(400-shared)
		est := neardup.Similarity(o.Sign(strings.Join(a, " ")), o.Sign(strings.Join(b, " ")))
		worst = max(worst, math.Abs(est-exact))
	}
	// Four standard errors at the worst case J = 0.5 with 64 hashes.
	if worst > 4*math.Sqrt(0.25/neardup.Hashes) {
		t.Errorf("largest estimate error %.3f, want within four standard errors", worst)
	}
}

func TestGroups(t *testing.T) {
	var o neardup.Options
	edited := strings.Replace(story, "Friday", "Thursday", 1)
	edited2 := strings.Replace(edited, "officials said", "diplomats said", 1)
	other := "Copper prices rose to a record high on Monday after two large mines in Chile closed because of floods, traders said, and analysts expect them to stay high for weeks."
	texts := []string{other, story, "short", edited, other + " Demand keeps growing.", edited2}
	sigs := make([]neardup.Signature, len(texts))
	for i, s := range texts {
		sigs[i] = o.Sign(s)
	}
	got := o.Groups(sigs)
	want := []int{0, 1, 2, 1, 0, 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Groups = %v, want %v", got, want)
	}
	if g := (neardup.Options{Threshold: 1.1}).Groups(sigs); fmt.Sprint(g) != "[0 1 2 3 4 5]" {
		t.Errorf("threshold above 1: Groups = %v, want every text alone", g)
	}
}

func BenchmarkSign(b *testing.B) {
	var o neardup.Options
	b.SetBytes(int64(len(story)))
	for b.Loop() {
		o.Sign(story)
	}
}
