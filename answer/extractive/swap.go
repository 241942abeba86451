package extractive

// Swapped details. A question written to look answerable from a passage
// often trades one of the passage's words for a rival: another city, the
// other compass point, the opposite verb, another year. The sentence then
// holds everything the question asks about except that word, and in its
// place a rival of it.

// swapFeatures returns, for a question whose terms hitCtx (coverage's
// over the sentence and its neighbours) leaves unmatched:
//   - swapped: the highest IDF, relative to maxIDF, of an unmatched term
//     whose WordNet rival (wordKnowledge.Rival: a sibling or an antonym,
//     direct or not) s holds;
//   - numSwapped: 1 when a number of the question is unmatched and s holds
//     another of the same shape (a year for a year, a figure for a figure).
func swapFeatures(lex wordKnowledge, q *question, s *sentence, hitCtx []int, maxIDF float64) (swapped, numSwapped float64) {
	for i := range q.terms {
		qt := &q.terms[i]
		if hitCtx[i] != 0 {
			continue
		}
		if isDigits(qt.norm) {
			for k := range s.toks {
				t := &s.toks[k]
				if isDigits(t.norm) && !q.stems[t.stem] && isYear(t.norm) == isYear(qt.norm) {
					numSwapped = 1
					break
				}
			}
			continue
		}
		if !qt.term.Known() || qt.memo == nil || maxIDF <= 0 {
			continue
		}
		if w := qt.idf / maxIDF; w > swapped && sibling(lex, qt, q, s) {
			swapped = w
		}
	}
	return swapped, numSwapped
}

// sibling reports whether s holds a rival of qt that the question does
// not hold itself, remembering each answer in qt's memo.
func sibling(lex wordKnowledge, qt *qterm, q *question, s *sentence) bool {
	qt.memo.mu.Lock()
	defer qt.memo.mu.Unlock()
	for k := range s.toks {
		t := &s.toks[k]
		if t.stop || t.num || !t.term.Known() || q.stems[t.stem] || q.stems[t.lemma] {
			continue
		}
		sib, ok := qt.memo.sib[t.norm]
		if !ok {
			sib = lex.Rival(&qt.term, &t.term)
			qt.memo.sib[t.norm] = sib
			qt.memo.grew(1)
		}
		if sib {
			return true
		}
	}
	return false
}

// isDigits reports whether w is a numeral written in digits ("1066",
// "12,000", "1.5").
func isDigits(w string) bool {
	if w == "" || !isDigitByte(w[0]) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigitByte(w[i]) && w[i] != ',' && w[i] != '.' {
			return false
		}
	}
	return true
}
