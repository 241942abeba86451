package lexicon_test

import (
	"math"
	"strings"
	"testing"

	"footnote/lexicon"
)

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		text string
		want lexicon.Quantity
		n    int
	}{
		{"12000 people", lexicon.Quantity{Value: 12000}, 1},
		{"over 12000 people", lexicon.Quantity{Value: 12000, Hedged: true}, 2},
		{"more than 3.5 million", lexicon.Quantity{Value: 3.5e6, Hedged: true}, 4},
		{"1.2bn euros", lexicon.Quantity{Value: 1.2e9}, 1},
		{"twenty one dead", lexicon.Quantity{Value: 21}, 2},
		{"two hundred and five", lexicon.Quantity{Value: 205}, 4},
		{"a hundred people", lexicon.Quantity{Value: 100}, 2},
		{"two hundred thousand", lexicon.Quantity{Value: 200000}, 3},
		{"a dozen", lexicon.Quantity{Value: 12}, 2},
		{"a fifth of voters", lexicon.Quantity{Value: 0.2, Share: true}, 2},
		{"two thirds", lexicon.Quantity{Value: 2.0 / 3, Share: true}, 2},
		{"half of them", lexicon.Quantity{Value: 0.5, Share: true}, 1},
		{"40 percent", lexicon.Quantity{Value: 0.4, Share: true}, 2},
		{"40 per cent", lexicon.Quantity{Value: 0.4, Share: true}, 3},
		{"dozens of people", lexicon.Quantity{Value: 24, Vague: true}, 1},
		{"tens of thousands", lexicon.Quantity{Value: 20000, Vague: true}, 3},
		{"hundreds of millions", lexicon.Quantity{Value: 2e8, Vague: true}, 3},
		{"several ministers", lexicon.Quantity{Value: 3, Vague: true}, 1},
		{"a few days", lexicon.Quantity{Value: 3, Vague: true}, 2},
		{"nearly a third", lexicon.Quantity{Value: 1.0 / 3, Share: true, Hedged: true}, 3},
		{"some 500 troops", lexicon.Quantity{Value: 500, Hedged: true}, 2},
		{"some people", lexicon.Quantity{Value: 0, Vague: true}, 1},
		{"up to 40", lexicon.Quantity{Value: 40, Hedged: true}, 3},
		{"at least five", lexicon.Quantity{Value: 5, Hedged: true}, 3},
		{"as many as 300", lexicon.Quantity{Value: 300, Hedged: true}, 4},
		// Not amounts.
		{"the talks", lexicon.Quantity{}, 0},
		{"over the border", lexicon.Quantity{}, 0},
		{"a meeting", lexicon.Quantity{}, 0},
		{"third round", lexicon.Quantity{}, 0},
		{"", lexicon.Quantity{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, n := lexicon.ParseQuantity(strings.Fields(tt.text))
			if n != tt.n || math.Abs(got.Value-tt.want.Value) > 1e-9 || got.Hedged != tt.want.Hedged || got.Vague != tt.want.Vague || got.Share != tt.want.Share {
				t.Errorf("ParseQuantity(%q) = %+v, %d; want %+v, %d", tt.text, got, n, tt.want, tt.n)
			}
		})
	}
}

func TestHedgeLength(t *testing.T) {
	tests := map[string]int{"more than 5": 2, "nearly 5": 1, "as many as 5": 3, "no fewer than 5": 3,
		"in excess of 5": 3, "an estimated 5": 2, "the 5": 0, "as many people": 0, "": 0}
	for text, want := range tests {
		if got := lexicon.HedgeLength(strings.Fields(text)); got != want {
			t.Errorf("HedgeLength(%q) = %d, want %d", text, got, want)
		}
	}
}
