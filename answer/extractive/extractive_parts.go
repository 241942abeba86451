package extractive

import (
	"regexp"
	"strings"
)

// rePartBreak finds where a question turns to a second question: "and",
// a comma or a semicolon followed by a question word ("Who chaired the
// talks and how long did they last?").
var rePartBreak = regexp.MustCompile(`(?i)(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+)(who|whom|whose|what|when|where|why|how|which)\b`)

// maxParts bounds how many parts a question is split into.
const maxParts = 3

// splitParts splits a question that asks several things into its parts,
// each answered on its own. A question that asks one thing, even about two
// subjects ("Who led the Ukrainian and Russian delegations?"), is one part.
func splitParts(q string) []string {
	var parts []string
	for len(parts) < maxParts-1 {
		// loc[0] is where the break starts, loc[2] where its question
		// word does: the question word opens the next part.
		loc := rePartBreak.FindStringSubmatchIndex(q)
		if loc == nil {
			break
		}
		head := strings.TrimSpace(q[:loc[0]])
		if head == "" {
			break
		}
		parts = append(parts, head)
		q = strings.TrimSpace(q[loc[2]:])
	}
	return append(parts, q)
}
