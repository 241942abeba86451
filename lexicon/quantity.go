package lexicon

import (
	"math"
	"strconv"
)

// Quantity is an amount stated in text, as [ParseQuantity] reads it.
type Quantity struct {
	// Value is the figure: 12000 for "over 12,000", 3.5e6 for "3.5
	// million", 0.2 for "a fifth", 0.4 for "40 percent", and for a vague
	// amount the least it usually means (24 for "dozens"; 0 for "many").
	Value float64
	// Hedged is set when the figure is bounded or approximate: "more than",
	// "nearly", "about", "up to".
	Hedged bool
	// Vague is set when the text gives no figure: "dozens", "hundreds of
	// thousands", "several".
	Vague bool
	// Share is set for a proportion rather than a count: "a fifth", "two
	// thirds", "half", "40 percent".
	Share bool
}

// ParseQuantity reads the amount that the leading words state, and how many
// words it took (0 when they state none). Words are lower-case tokens as
// retrieval.Words produces them ("12,000" is "12000", "two-thirds" is "two",
// "thirds"). It reads digits ("12000", "3.5", "1.2bn"), number words ("twenty
// one", "two hundred and five", "a hundred"), magnitudes ("3.5 million"),
// fractions ("a fifth", "two thirds", "half"), percentages ("40 percent"),
// vague amounts ("dozens", "tens of thousands", "several") and a leading
// hedge ("more than", "nearly", "over"). A year is a figure too: callers
// that recognise dates do so first.
func ParseQuantity(words []string) (Quantity, int) {
	var q Quantity
	i := HedgeLength(words)
	q.Hedged = i > 0
	n := readAmount(words[i:], &q)
	if n == 0 {
		if i == 0 {
			return Quantity{}, 0
		}
		// A hedge word with no figure after it may itself be the amount
		// ("some people"): read again without the hedge.
		q = Quantity{}
		if n = readAmount(words, &q); n == 0 {
			return Quantity{}, 0
		}
		return q, n
	}
	return q, i + n
}

// readAmount reads an unhedged amount into q and returns the words used.
func readAmount(words []string, q *Quantity) int {
	if len(words) == 0 {
		return 0
	}
	w := words[0]

	// Vague: "dozens", "tens of thousands", "a few", "a couple of".
	if quantityArticle(w) && len(words) > 1 {
		if v, ok := VagueQuantityValue(words[1]); ok && (words[1] == "few" || words[1] == "couple" || words[1] == "handful") {
			q.Value, q.Vague = v, true
			return 2 + ofMagnitude(words[2:], q)
		}
	}
	if v, ok := VagueQuantityValue(w); ok && w != "couple" && w != "handful" {
		q.Value, q.Vague = v, true
		return 1 + ofMagnitude(words[1:], q)
	}

	// A figure in digits, or in words.
	var value float64
	var i int
	switch {
	case isFigure(w):
		s, mul := magnitudeSuffix(w)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0
		}
		value, i = v*mul, 1
	case quantityArticle(w) && len(words) > 1:
		if m, ok := magnitude(words[1]); ok {
			value, i = m, 2
			break
		}
		if f, ok := FractionValue(words[1]); ok {
			q.Value, q.Share = f, true
			return 2
		}
		return 0
	default:
		v, k := readNumberWords(words)
		if k == 0 {
			if f, ok := FractionValue(w); ok && (w == "half" || w == "halves") {
				q.Value, q.Share = f, true
				return 1
			}
			return 0
		}
		value, i = v, k
	}
	// Magnitudes after digits: "3.5 million", "2 hundred thousand".
	for i < len(words) {
		m, ok := magnitude(words[i])
		if !ok {
			break
		}
		value *= m
		i++
	}
	// A fraction after a count: "two thirds", "one fifth".
	if i < len(words) {
		if f, ok := FractionValue(words[i]); ok && value > 0 && value < 20 {
			q.Value, q.Share = value*f, true
			return i + 1
		}
	}
	if k := percentLength(words[i:]); k > 0 {
		q.Value, q.Share = value/100, true
		return i + k
	}
	q.Value = value
	return i
}

// ofMagnitude reads "of thousands" after a vague magnitude ("tens of
// thousands") and scales q.
func ofMagnitude(words []string, q *Quantity) int {
	if len(words) < 2 {
		return 0
	}
	if _, of := quantityJoiner(words[0]); !of {
		return 0
	}
	m, ok := VagueQuantityValue(words[1])
	if !ok || m < 1000 {
		return 0
	}
	q.Value *= m / 2 // "thousands" means at least 2,000; as a unit it is 1,000
	return 2
}

// magnitude returns the multiplier of "hundred", "thousand", "million",
// "billion", "trillion" and "dozen".
func magnitude(w string) (float64, bool) {
	v, ok := NumberWordValue(w)
	if !ok || (v < 100 && v != 12) || w == "score" {
		return 0, false
	}
	return float64(v), true
}

// isFigure reports whether w is a decimal figure ("12000", "3.5", "1.2bn").
func isFigure(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	s, _ := magnitudeSuffix(w)
	for j := 0; j < len(s); j++ {
		if (s[j] < '0' || s[j] > '9') && s[j] != '.' {
			return false
		}
	}
	return true
}

// readNumberWords reads cardinal number words ("twenty one", "two hundred
// and five thousand") and returns the value and the words used.
func readNumberWords(words []string) (float64, int) {
	var total, current float64
	used, seen := 0, false
	for i := 0; i < len(words); i++ {
		w := words[i]
		if and, _ := quantityJoiner(w); and && seen && i+1 < len(words) {
			if _, ok := NumberWordValue(words[i+1]); ok {
				continue
			}
			break
		}
		v, ok := NumberWordValue(w)
		if !ok || w == "score" {
			break
		}
		switch {
		case v == 100:
			if current == 0 {
				current = 1
			}
			current *= 100
		case v >= 1000:
			if current == 0 {
				current = 1
			}
			total += current * float64(v)
			current = 0
		case v == 12 && w == "dozen":
			if current == 0 {
				current = 1
			}
			current *= 12
		default:
			current += float64(v)
		}
		seen, used = true, i+1
	}
	if !seen {
		return 0, 0
	}
	return total + current, used
}
