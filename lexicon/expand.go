package lexicon

import (
	"slices"
	"sync"
)

// ExpansionLimit bounds how many hyponym and coordinate lemmas an
// [Expansion] collects, nearest levels first. A very general word ("person"
// has tens of thousands of kinds within three levels) keeps the first ones;
// a match that far down is weak evidence anyway. Stronger relations are
// never cut.
const ExpansionLimit = 5000

// Expansion is every lemma one word is related to, with the strongest
// relation, computed once so that relating it to many other words costs a
// binary search each. A sentence scorer expands each question term once and
// relates every sentence token's [Term] to it. Expansion.Relate(&tb) equals
// [Lexicon.Related](a, b) except where ExpansionLimit cut the hyponyms.
type Expansion struct {
	word  string     // normalised
	ids   []uint32   // related lemma ids, sorted
	kinds []Relation // kinds[i] is the strongest relation to ids[i]
}

// Word returns the normalised word the expansion was built from.
func (e *Expansion) Word() string { return e.word }

// Len returns how many lemmas the word is related to, itself included.
func (e *Expansion) Len() int { return len(e.ids) }

// Relate reports the strongest relation from the expanded word to t.
func (e *Expansion) Relate(t *Term) Relation {
	if e.word == "" || t.word == "" {
		return Unrelated
	}
	if e.word == t.word {
		return SameLemma
	}
	best := Unrelated
	for _, c := range t.cs.c[:t.cs.n] {
		if i, ok := slices.BinarySearch(e.ids, c.id); ok {
			if k := e.kinds[i]; best == Unrelated || k < best {
				best = k
			}
		}
	}
	return best
}

// Expand computes the [Expansion] of word: its lemmas, synonyms,
// derivations (direct and through a shared base), antonyms, hypernyms and
// hyponyms within RelatedDepth levels, verb coordinates and verb
// entailments.
func (l *Lexicon) Expand(word string) *Expansion {
	t := l.Term(word)
	e := &Expansion{word: t.word}
	// Pairs id<<8 | kind, sorted and compacted at the end: cheaper than a
	// map for the thousands of hyponyms a general word collects.
	pairs := make([]uint64, 0, 256)
	add := func(id uint32, r Relation) {
		pairs = append(pairs, uint64(id)<<8|uint64(r))
	}
	cs := t.cs.c[:t.cs.n]
	var senses []uint32
	for _, c := range cs {
		add(c.id, SameLemma)
		senses = append(senses, l.sensesOf(c.id, c.pos)...)
	}
	for _, s := range senses {
		for _, m := range l.members(s) {
			add(m, Synonym)
		}
	}
	for _, c := range cs {
		for _, d := range l.derivs(c.id) {
			add(d, Derivation)
			for _, d2 := range l.derivs(d) {
				add(d2, Derivation)
			}
		}
	}
	for _, c := range cs {
		for _, a := range l.antonyms(c.id) {
			add(a, Antonym)
		}
	}
	level := senses
	for range RelatedDepth {
		var next []uint32
		for _, s := range level {
			for _, h := range l.hypernyms(s) {
				next = append(next, h>>1)
				for _, m := range l.members(h >> 1) {
					add(m, Hypernym)
				}
			}
		}
		level = next
	}
	budget := ExpansionLimit
	l.addDescendants(senses, RelatedDepth, Hyponym, add, &budget)

	var up ancestors
	for _, c := range cs {
		if c.pos == Verb {
			for _, s := range l.sensesOf(c.id, c.pos) {
				l.collect(s, CoordinateDepth, &up)
			}
		}
	}
	l.addDescendants(up.s[:up.n], CoordinateDepth, Coordinate, add, &budget)
	for _, c := range cs {
		if c.pos == Verb {
			for _, s := range l.sensesOf(c.id, Verb) {
				for _, e := range l.entails(s) {
					for _, m := range l.members(e) {
						add(m, Entailment)
					}
				}
			}
		}
	}

	slices.Sort(pairs) // by id, then strongest (lowest) kind first
	n := 0
	for i, p := range pairs {
		if i == 0 || p>>8 != pairs[i-1]>>8 {
			n++
		}
	}
	e.ids = make([]uint32, 0, n)
	e.kinds = make([]Relation, 0, n)
	for i, p := range pairs {
		if i == 0 || p>>8 != pairs[i-1]>>8 {
			e.ids = append(e.ids, uint32(p>>8))
			e.kinds = append(e.kinds, Relation(p&0xff))
		}
	}
	return e
}

// addDescendants adds the members of the hyponyms of from, level by level
// up to depth, while budget lasts.
func (l *Lexicon) addDescendants(from []uint32, depth int, r Relation, add func(uint32, Relation), budget *int) {
	h := l.hyponymIndex()
	level := from
	for range depth {
		var next []uint32
		for _, s := range level {
			for _, d := range h.ids[h.off[s]:h.off[s+1]] {
				next = append(next, d)
				for _, m := range l.members(d) {
					if *budget <= 0 {
						return
					}
					add(m, r)
					*budget--
				}
			}
		}
		level = next
	}
}

// hyponyms is the inverse of the hypernym table: hyponyms of synset s are
// ids[off[s]:off[s+1]].
type hyponyms struct {
	off, ids []uint32
}

// hypoCache builds the hyponym table on first use; it lives in the Lexicon
// value, not in package state.
type hypoCache struct {
	once sync.Once
	h    hyponyms
}

func (l *Lexicon) hyponymIndex() *hyponyms {
	l.hypo.once.Do(func() {
		ns := len(l.synPOS)
		off := make([]uint32, ns+1)
		for s := range ns {
			for _, h := range l.hypernyms(uint32(s)) {
				off[h>>1+1]++
			}
		}
		for i := 1; i <= ns; i++ {
			off[i] += off[i-1]
		}
		ids := make([]uint32, off[ns])
		fill := slices.Clone(off[:ns])
		for s := range ns {
			for _, h := range l.hypernyms(uint32(s)) {
				ids[fill[h>>1]] = uint32(s)
				fill[h>>1]++
			}
		}
		l.hypo.h = hyponyms{off: off, ids: ids}
	})
	return &l.hypo.h
}
