package answer

import (
	"strings"

	"footnote/retrieval"
)

// DeclineText is the plain statement that the articles hold no answer.
const DeclineText = "The articles don't say."

// maxClosest is how many nearest articles a decline lists.
const maxClosest = 3

// Decline returns the text of a decline: what the articles don't say
// ("who chaired the talks"; "" for a bare decline) and the nearest
// articles among passages, best first, so the user knows where to look:
// "The articles don't say who chaired the talks. Closest: a.txt — Title,
// b.txt — Title."
func Decline(what string, passages []retrieval.Passage) string {
	text := DeclineText
	if what = strings.TrimRight(strings.TrimSpace(what), ".?!"); what != "" {
		text = "The articles don't say " + what + "."
	}
	if c := Closest(passages, maxClosest); len(c) > 0 {
		text += " Closest: " + strings.Join(c, ", ") + "."
	}
	return text
}

// Closest returns up to n distinct articles of passages, in order, each as
// "file — title" (or the file alone when untitled).
func Closest(passages []retrieval.Passage, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range passages {
		if len(out) == n {
			break
		}
		if seen[p.Source] {
			continue
		}
		seen[p.Source] = true
		s := p.Source
		if t := strings.TrimSpace(p.Title); t != "" {
			s += " — " + t
		}
		out = append(out, s)
	}
	return out
}
