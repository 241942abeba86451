package extractive

// sentMatch is how one question word stands in one sentence: the
// [matchLevel] of each of the sentence's tokens, and the best of them (0
// when none matches; an antonym's -1 is not a match).
type sentMatch struct {
	lv   []int8
	best int8
}

// mark raises the levels of c's tokens to at least l.
func (m *sentMatch) mark(c colloc, l int8) {
	for k := c.from; k < c.from+c.n; k++ {
		m.lv[k] = max(m.lv[k], l)
	}
	m.best = max(m.best, l)
}

// add records how w stands in s's tokens and in its multi-word lemmas
// ("United Nations" for "UN", through the lemma's own relations), under
// w's memo lock. The first call sets each token's level, an antonym's -1
// included; a later one only raises levels.
func (m *sentMatch) add(lex wordKnowledge, s *sentence, w *qterm, first bool) {
	w.memo.mu.Lock()
	defer w.memo.mu.Unlock()
	known := len(w.memo.lv)
	for k := range s.toks {
		l := int8(matchLevel(lex, &s.toks[k], w))
		if first || l > m.lv[k] {
			m.lv[k] = l
		}
		m.best = max(m.best, l)
	}
	for _, c := range s.colls {
		if l := int8(matchLevel(lex, &c.tok, w)); l > 0 {
			m.mark(c, l)
		}
	}
	w.memo.grew(len(w.memo.lv) - known)
}

// match returns how q stands in s, computed once per question: the
// features read the same sentence against the same word many times (the
// sentence alone, with its neighbours, as part of its passage, for BM25
// and for word order).
func (q *qterm) match(lex wordKnowledge, s *sentence) *sentMatch {
	if m, ok := q.sents[s]; ok {
		return m
	}
	m := &sentMatch{lv: make([]int8, len(s.toks))}
	if q.memo == nil {
		q.memo = newWordMemo(nil)
	}
	m.add(lex, s, q, true)
	if q.coll != nil {
		// The question's multi-word lemma the word is part of: "wrap up"
		// stands for "concluded", and for "wound up" as a lemma of the
		// sentence.
		m.add(lex, s, q.coll, false)
	}
	if q.sents == nil {
		q.sents = map[*sentence]*sentMatch{}
	}
	q.sents[s] = m
	return m
}
