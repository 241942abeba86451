package extractive

import "footnote/retrieval"

// topicShare is the most a name every retrieved passage holds may weigh, as
// a share of the heaviest content word of the question that is no name.
const topicShare = 0.5

// capTopicNames lowers the weight of the names that every retrieved passage
// holds: they say what all the passages are about, not which sentence
// answers. Among the handful of articles about Russia, "Russia" is common
// and its IDF small; in a corpus of thousands of articles on other things it
// is rare, and its IDF would outweigh the word that picks the answer
// ("How did Ukraine describe Russia's demands?"). The cap keeps the answer
// the same whatever else the corpus holds.
func (qs *question) capTopicNames(passages []retrieval.Passage) {
	if len(passages) < 2 || len(qs.names) == 0 {
		return
	}
	content := 0.0
	for _, t := range qs.terms {
		if t.name < 0 && t.known && !t.frame && !t.link {
			content = max(content, t.weight)
		}
	}
	limit := topicShare * content
	// Passages are analysed only for a name heavy enough to cap, and only
	// as far as needed: over a small corpus names weigh little, and this
	// costs nothing.
	stems := make([]map[string]bool, len(passages))
	changed := false
	for n, name := range qs.names {
		if content == 0 || qs.nameWeights[n] <= limit || !allHold(qs, name, passages, stems) {
			continue
		}
		scale := limit / qs.nameWeights[n]
		for _, i := range name {
			qs.terms[i].weight *= scale
		}
		qs.nameWeights[n] = limit
		changed = true
	}
	if changed {
		full := make([]float64, len(qs.terms))
		for i := range full {
			full[i] = 1
		}
		qs.total = qs.held(full)
	}
}

// allHold reports whether every passage holds most words of the name,
// analysing passages into stems[i] on first need.
func allHold(qs *question, name []int, passages []retrieval.Passage, stems []map[string]bool) bool {
	for i, p := range passages {
		if stems[i] == nil {
			stems[i] = stemSet(retrieval.Analyze(p.Title + " " + p.Text))
		}
		seen := 0
		for _, t := range name {
			if termCredit(qs.terms[t], stems[i]) > 0 {
				seen++
			}
		}
		if 2*seen < len(name) {
			return false
		}
	}
	return true
}
