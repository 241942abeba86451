package lexicon

// MaxCollocation is the most words [Lexicon.Collocation] joins.
const MaxCollocation = 6

// Collocation finds the longest WordNet lemma of two or more words that the
// leading words spell, allowing an inflected head ("prime ministers" →
// "prime minister", "wrapped up" → "wrap up") and hyphenated lemmas split by
// the tokenizer ("cease fire"). It returns the lemma and how many words it
// took, or "", 0. Words are expected lower-case, one word each, as
// retrieval.Words produces them; a sentence scanner calls it at each
// position.
func (l *Lexicon) Collocation(words []string) (lemma string, n int) {
	if len(words) < 2 || l.Len() == 0 {
		return "", 0
	}
	// The first word as written and its lemmas, for verb phrases
	// ("took part" → "take part").
	var heads cands
	var firsts [maxCands + 1]string
	nf := 0
	firsts[nf], nf = words[0], 1
	for p := range numPOS {
		for _, b := range l.excBases(words[0], p) {
			heads.add(b, p)
		}
		l.detach(words[0], p, &heads)
	}
	for _, c := range heads.c[:heads.n] {
		s := l.lemma(c.id)
		if !containsN(firsts[:nf], s) && nf < len(firsts) {
			firsts[nf] = s
			nf++
		}
	}

	var buf [256]byte
	maxK := min(len(words), MaxCollocation)
	for _, first := range firsts[:nf] {
		// Extend while the words so far (and a space) still start a lemma.
		b := append(buf[:0], first...)
		for k := 2; k <= maxK; k++ {
			b = append(b, ' ')
			if !l.hasPrefixBytes(b) {
				break
			}
			if len(b)+len(words[k-1]) > len(buf) {
				break
			}
			b = append(b, words[k-1]...)
			if k <= n {
				continue
			}
			var cs cands
			phrase := string(b)
			for p := range numPOS {
				l.morphy(phrase, p, &cs)
			}
			if cs.n > 0 {
				lemma, n = l.lemma(cs.c[0].id), k
			}
		}
	}
	return lemma, n
}

// hasPrefixBytes is HasPrefix on an already normalised prefix.
func (l *Lexicon) hasPrefixBytes(p []byte) bool {
	i := lowerBound(l.blob, l.off, p)
	if i >= l.Len() {
		return false
	}
	s := l.lemma(uint32(i))
	return len(s) >= len(p) && s[:len(p)] == string(p)
}

func containsN(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
