package extractive

// sentMatch is how one question word stands in one sentence: the
// [matchLevel] of each of the sentence's tokens, and the best of them (0
// when none matches; an antonym's -1 is not a match).
type sentMatch struct {
	lv   []int8
	best int8
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
	q.memo.grew(len(q.memo.lv) - known)
	q.memo.mu.Unlock()
	if q.sents == nil {
		q.sents = map[*sentence]*sentMatch{}
	}
	q.sents[s] = m
	return m
}
