package answer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"footnote/retrieval"
)

// ValidQuestion trims q and rejects an empty or overlong one.
func ValidQuestion(q string, maxRunes int) (string, error) {
	q = strings.TrimSpace(q)
	if len(retrieval.Words(q)) == 0 {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(q); n > maxRunes {
		return "", fmt.Errorf("%w: %d characters, limit %d", ErrQuestionTooLong, n, maxRunes)
	}
	return q, nil
}

// maxFollowUpDepth bounds how many earlier questions enrich a follow-up.
const maxFollowUpDepth = 2

// SearchQuery is the retrieval query for q: q itself, or, when q leans on
// the conversation ("and who led Russia's?"), the earlier questions it
// leans on followed by q, so the search finds the delegation passages and
// not whatever mentions "Russia's". The model still gets q and the history
// separately to work out what is asked.
func SearchQuery(q string, history []string) string {
	if !LeansOnHistory(q) {
		return q
	}
	parts := []string{q}
	for i := len(history) - 1; i >= 0 && len(parts) <= maxFollowUpDepth; i-- {
		h := strings.TrimSpace(history[i])
		if h == "" {
			continue
		}
		parts = append([]string{h}, parts...)
		if !LeansOnHistory(h) {
			break
		}
	}
	return strings.Join(parts, " ")
}

// followUpOpeners start questions that continue the previous one.
var followUpOpeners = []string{"and ", "but ", "also ", "what about ", "how about ", "what of ", "same for ", "then "}

// backReferences are words that point at something said before.
var backReferences = map[string]bool{
	"he": true, "she": true, "him": true, "his": true, "her": true, "hers": true,
	"they": true, "them": true, "their": true, "it": true, "its": true,
}

// LeansOnHistory reports whether q needs the conversation to be understood:
// it opens like a continuation, points back with a pronoun, or names at
// most one thing of its own ("Why?", "Russia's?").
func LeansOnHistory(q string) bool {
	words := retrieval.Words(q)
	if len(words) == 0 {
		return false
	}
	joined := strings.Join(words, " ") + " "
	for _, o := range followUpOpeners {
		if strings.HasPrefix(joined, o) {
			return true
		}
	}
	content := 0
	for _, w := range words {
		if backReferences[w] {
			return true
		}
		if !retrieval.IsStopword(w) && !questionWords[w] {
			content++
		}
	}
	return content <= 1 && len(words) <= 3
}

// questionWords frame a question without naming its subject.
var questionWords = map[string]bool{
	"who": true, "what": true, "when": true, "where": true, "why": true, "how": true,
	"which": true, "whom": true, "whose": true, "did": true, "does": true, "do": true,
	"is": true, "was": true, "were": true, "are": true, "many": true, "much": true,
}
