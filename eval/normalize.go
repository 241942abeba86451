package eval

import (
	"strings"

	"footnote/retrieval"
)

// normalize folds text for phrase matching the way the index folds words
// (lowercase, accents stripped: "Dolmabahçe" → "dolmabahce", typographic
// quotes and dashes unified) and collapses runs of white space to one
// space. Grading compares both sides in this form so an answer is not
// failed over typography.
func normalize(s string) string {
	return strings.Join(strings.Fields(retrieval.Normalize(s)), " ")
}
