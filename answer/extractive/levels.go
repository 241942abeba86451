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
	q.memo.mu.Lock()
	known := len(q.memo.lv)
	for k := range s.toks {
		l := int8(matchLevel(lex, &s.toks[k], q))
		m.lv[k] = l
		m.best = max(m.best, l)
	}
	// A multi-word lemma in the sentence stands for the question word
	// through its own relations ("United Nations" for "UN").
	for _, c := range s.colls {
		if l := int8(matchLevel(lex, &c.tok, q)); l > 0 {
			m.mark(c, l)
		}
	}
	q.memo.grew(len(q.memo.lv) - known)
	q.memo.mu.Unlock()
	if c := q.coll; c != nil {
		// The question's multi-word lemma the word is part of: "wrap up"
		// stands for "concluded", and for "wound up" as a lemma of the
		// sentence.
		c.memo.mu.Lock()
		known := len(c.memo.lv)
		for k := range s.toks {
			if l := int8(matchLevel(lex, &s.toks[k], c)); l > m.lv[k] {
				m.lv[k] = l
				m.best = max(m.best, l)
			}
		}
		for _, sc := range s.colls {
			if l := int8(matchLevel(lex, &sc.tok, c)); l > 0 {
				m.mark(sc, l)
			}
		}
		c.memo.grew(len(c.memo.lv) - known)
		c.memo.mu.Unlock()
	}
	if q.sents == nil {
		q.sents = map[*sentence]*sentMatch{}
	}
	q.sents[s] = m
	return m
}
