package lexicon

// SiblingSenses is how many of each lemma's most frequent senses
// [Lexicon.Siblings] compares: rarer senses make nearly any two words
// siblings somewhere.
const SiblingSenses = 2

// Siblings reports whether a and b are coordinate terms: different words
// with a noun or verb sense each (among their SiblingSenses most frequent)
// directly under one common hypernym or instance class, neither a
// synonym, derivation, antonym or kind of the other. An adjective stands
// for the nouns it is derived from (Spanish for Spain). Lyon and
// Montreal (both cities), Warsaw and Vilnius (both capitals), Spanish and
// Scottish, May and June, physicist and chemist are siblings; a question about one is not answered by a
// sentence about the other. Unlike [Coordinate], which reaches two levels
// up and only for verbs, to find paraphrases, this looks one level up, to
// find rivals. It does not allocate.
func (l *Lexicon) Siblings(a, b *Term) bool {
	if a.word == "" || b.word == "" || a.word == b.word {
		return false
	}
	ac, bc := a.cs.c[:a.cs.n], b.cs.c[:b.cs.n]
	var up ancestors
	l.siblingClasses(ac, func(h uint32) bool { up.add(h); return false })
	if up.n == 0 || !l.siblingClasses(bc, up.has) {
		return false
	}
	return l.relateClose(ac, bc) == Unrelated && !l.isA(ac, bc, RelatedDepth) && !l.isA(bc, ac, RelatedDepth)
}

// siblingClasses calls visit with the direct hypernyms of the
// SiblingSenses most frequent noun and verb senses of cs, and of the nouns
// an adjective of cs is derived from, until visit returns true; it
// reports whether one did.
func (l *Lexicon) siblingClasses(cs []cand, visit func(uint32) bool) bool {
	senses := func(id uint32, p POS) bool {
		ss := l.sensesOf(id, p)
		for _, s := range ss[:min(len(ss), SiblingSenses)] {
			for _, h := range l.hypernyms(s) {
				if visit(h >> 1) {
					return true
				}
			}
		}
		return false
	}
	for _, x := range cs {
		switch x.pos {
		case Noun, Verb:
			if senses(x.id, x.pos) {
				return true
			}
		case Adj:
			for _, d := range l.derivs(x.id) {
				if senses(d, Noun) {
					return true
				}
			}
		}
	}
	return false
}

// Opposed reports whether a and b are antonyms, directly or not: one is a
// WordNet antonym of the other, of a synonym of it or of a direct hypernym
// of it, in its SiblingSenses most frequent senses (north and south;
// commend and criticize, as commending is praising, the antonym of
// criticizing; lack and possess, as possessing is having). It does not
// allocate.
func (l *Lexicon) Opposed(a, b *Term) bool {
	if a.word == "" || b.word == "" || a.word == b.word {
		return false
	}
	ac, bc := a.cs.c[:a.cs.n], b.cs.c[:b.cs.n]
	return l.opposes(ac, bc) || l.opposes(bc, ac)
}

// opposes reports whether a lemma of bc is an antonym of a member of a
// frequent sense of ac or of its direct hypernyms.
func (l *Lexicon) opposes(ac, bc []cand) bool {
	hit := func(s uint32) bool {
		for _, m := range l.members(s) {
			ant := l.antonyms(m)
			for _, y := range bc {
				if hasID(ant, y.id) {
					return true
				}
			}
		}
		return false
	}
	for _, x := range ac {
		ss := l.sensesOf(x.id, x.pos)
		for _, s := range ss[:min(len(ss), SiblingSenses)] {
			if hit(s) {
				return true
			}
			for _, h := range l.hypernyms(s) {
				if hit(h >> 1) {
					return true
				}
			}
		}
	}
	return false
}
