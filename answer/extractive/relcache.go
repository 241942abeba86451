package extractive

import (
	"sync"

	"footnote/lexicon"
)

// relationMemory bounds how many word pairs each generation of a
// [relationCache] holds (so at most twice this many are kept, a few MB).
const relationMemory = 1 << 15

// relationCache is wordKnowledge with WordNet relations remembered across
// questions: how a question word relates to a sentence word depends only
// on the two words, and the same pairs come back question after question
// (the same articles, the same topics), while each look-up walks WordNet's
// hypernyms. It keeps two generations of at most relationMemory pairs: a
// pair is looked up in the current one, then in the previous one (and
// moved to the current); when the current one is full it becomes the
// previous one. It is safe for concurrent use.
type relationCache struct {
	wordKnowledge
	max       int // pairs per generation
	mu        sync.Mutex
	cur, prev map[[2]string]lexicon.Relation
}

var _ wordKnowledge = (*relationCache)(nil)

func newRelationCache(lex wordKnowledge, max int) *relationCache {
	return &relationCache{wordKnowledge: lex, max: max, cur: map[[2]string]lexicon.Relation{}}
}

// Relate is the underlying Relate, remembered by the two terms' words.
func (c *relationCache) Relate(a, b *lexicon.Term) lexicon.Relation {
	key := [2]string{a.Word(), b.Word()}
	if key[0] == "" || key[1] == "" {
		return c.wordKnowledge.Relate(a, b)
	}
	c.mu.Lock()
	r, ok := c.cur[key]
	if !ok {
		if r, ok = c.prev[key]; ok {
			c.putLocked(key, r)
		}
	}
	c.mu.Unlock()
	if ok {
		return r
	}
	r = c.wordKnowledge.Relate(a, b)
	c.mu.Lock()
	c.putLocked(key, r)
	c.mu.Unlock()
	return r
}

func (c *relationCache) putLocked(key [2]string, r lexicon.Relation) {
	if len(c.cur) >= c.max {
		c.prev, c.cur = c.cur, make(map[[2]string]lexicon.Relation, c.max/4)
	}
	c.cur[key] = r
}
