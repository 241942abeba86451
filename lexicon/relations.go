package lexicon

import "slices"

// Relation is how two words are related in WordNet, strongest first.
type Relation uint8

// The relations [Lexicon.Related] reports.
const (
	Unrelated  Relation = iota
	SameLemma           // an inflection of the same lemma, or the same unknown word: sat/sitting, Umerov/umerov
	Synonym             // share a synset in some sense: backing/support, UN/United Nations, conclude/end
	Derivation          // derivationally related or pertainym, directly or through a shared base: negotiate/negotiator, mediator/mediation, Ukrainian/Ukraine
	Antonym             // WordNet antonyms: win/lose, rise/fall
	Hypernym            // the second word is a more general term for the first (up to RelatedDepth levels): Bosporus/strait, NATO/alliance
	Hyponym             // the first word is a more general term for the second: strait/Bosporus
	Coordinate          // verbs only: both are ways of a common, close hypernym (CoordinateDepth levels up on each side): conclude/wrap up (both "end")
	Entailment          // verbs: one entails or causes the other, either way: kill/die, snore/sleep, buy/pay
)

// String returns the relation's name in lower case.
func (r Relation) String() string {
	switch r {
	case Unrelated:
		return "unrelated"
	case SameLemma:
		return "same-lemma"
	case Synonym:
		return "synonym"
	case Derivation:
		return "derivation"
	case Antonym:
		return "antonym"
	case Hypernym:
		return "hypernym"
	case Hyponym:
		return "hyponym"
	case Coordinate:
		return "coordinate"
	case Entailment:
		return "entailment"
	}
	return "relation(?)"
}

// Depth bounds of the hypernym walks.
const (
	// RelatedDepth is how many hypernym levels [Lexicon.Related] climbs.
	RelatedDepth = 3
	// HypernymDepth is how many levels [Lexicon.Hypernyms] returns.
	HypernymDepth = 3
	// IsADepth is how many levels [Lexicon.IsA] climbs.
	IsADepth = 8
	// CoordinateDepth is how many levels each word climbs to find a common
	// hypernym for [Coordinate].
	CoordinateDepth = 2
)

// Term is a word resolved to its lemmas once, for cheap repeated comparison
// with [Lexicon.RelateTerms]. A sentence scorer builds one Term per token.
// The zero Term is the empty word and is related to nothing.
type Term struct {
	word string // normalised
	cs   cands
}

// Word returns the normalised word the term was built from.
func (t Term) Word() string { return t.word }

// Known reports whether WordNet knows the word (it has at least one lemma).
func (t Term) Known() bool { return t.cs.n > 0 }

// Term resolves word to its lemmas; see [Lexicon.Lemmas].
func (l *Lexicon) Term(word string) Term {
	t := Term{word: l.normWord(word)}
	l.candidates(t.word, &t.cs)
	return t
}

// Related reports the strongest relation from a to b: Related("sat",
// "sitting") = SameLemma, Related("negotiators", "negotiate") = Derivation,
// Related("Bosporus", "strait") = Hypernym. It considers every sense of
// both words. Callers drop stopwords first: WordNet knows "a" (the letter)
// and "it" (information technology). It does not allocate for lower-case
// input.
func (l *Lexicon) Related(a, b string) Relation {
	ta, tb := l.Term(a), l.Term(b)
	return l.RelateTerms(&ta, &tb)
}

// RelateTerms is [Lexicon.Related] on resolved terms.
func (l *Lexicon) RelateTerms(a, b *Term) Relation {
	ac, bc, r, done := l.relateNear(a, b)
	if done {
		return r
	}
	if l.isA(ac, bc, RelatedDepth) {
		return Hypernym
	}
	if l.isA(bc, ac, RelatedDepth) {
		return Hyponym
	}
	if l.coordinate(ac, bc) {
		return Coordinate
	}
	for _, x := range ac {
		if x.pos != Verb {
			continue
		}
		for _, s := range l.sensesOf(x.id, Verb) {
			for _, e := range l.entails(s) {
				for _, m := range l.members(e) {
					for _, y := range bc {
						if y.id == m {
							return Entailment
						}
					}
				}
			}
		}
	}
	return Unrelated
}

// RelateMatch is [Lexicon.RelateTerms] for a caller that counts only the
// relations by which b may stand for a in a text: it returns RelateTerms'
// answer when that is SameLemma, Synonym, Derivation, Antonym or Hyponym,
// and Unrelated otherwise (for Hypernym, Coordinate and Entailment too).
// It is cheaper: it walks a's hypernyms only when b is a kind of a, and
// never looks for coordinates or entailments.
func (l *Lexicon) RelateMatch(a, b *Term) Relation {
	ac, bc, r, done := l.relateNear(a, b)
	if done {
		return r
	}
	// RelateTerms reports Hypernym before Hyponym.
	if l.isA(bc, ac, RelatedDepth) && !l.isA(ac, bc, RelatedDepth) {
		return Hyponym
	}
	return Unrelated
}

// relateNear settles what RelateTerms and RelateMatch settle alike: an
// empty term is Unrelated, the same word SameLemma, and the close
// relations (relateClose) come first; done is false when none holds and
// ac, bc are the two terms' lemmas for the caller to relate further.
func (l *Lexicon) relateNear(a, b *Term) (ac, bc []cand, r Relation, done bool) {
	switch {
	case a.word == "" || b.word == "":
		return nil, nil, Unrelated, true
	case a.word == b.word:
		return nil, nil, SameLemma, true
	}
	ac, bc = a.cs.c[:a.cs.n], b.cs.c[:b.cs.n]
	if r := l.relateClose(ac, bc); r != Unrelated {
		return nil, nil, r, true
	}
	return ac, bc, Unrelated, false
}

// relateClose returns the first of SameLemma, Synonym, Derivation and
// Antonym that holds between the lemmas ac and bc, in that order, or
// Unrelated.
func (l *Lexicon) relateClose(ac, bc []cand) Relation {
	for _, x := range ac {
		for _, y := range bc {
			if x.id == y.id {
				return SameLemma
			}
		}
	}
	for _, x := range ac {
		for _, y := range bc {
			if l.shareSynset(x, y) { // synset ids are unique across POS
				return Synonym
			}
		}
	}
	for _, x := range ac {
		dx := l.derivs(x.id)
		for _, y := range bc {
			dy := l.derivs(y.id)
			if hasID(dx, y.id) || intersects(dx, dy) { // derivations are stored both ways
				return Derivation
			}
		}
	}
	for _, x := range ac {
		ax := l.antonyms(x.id)
		for _, y := range bc {
			if hasID(ax, y.id) {
				return Antonym
			}
		}
	}
	return Unrelated
}

// maxAncestors bounds the hypernyms collected for [Coordinate]; a word with
// more close ancestors than this (very polysemous) is compared on the first
// ones, its most frequent senses.
const maxAncestors = 128

// ancestors is a fixed-size synset set that lives on the stack.
type ancestors struct {
	s [maxAncestors]uint32
	n int
}

func (a *ancestors) add(s uint32) {
	for _, x := range a.s[:a.n] {
		if x == s {
			return
		}
	}
	if a.n < maxAncestors {
		a.s[a.n] = s
		a.n++
	}
}

func (a *ancestors) has(s uint32) bool {
	for _, x := range a.s[:a.n] {
		if x == s {
			return true
		}
	}
	return false
}

// collect adds the hypernyms of s up to depth levels.
func (l *Lexicon) collect(s uint32, depth int, into *ancestors) {
	if depth == 0 {
		return
	}
	for _, h := range l.hypernyms(s) {
		into.add(h >> 1)
		l.collect(h>>1, depth-1, into)
	}
}

// coordinate reports whether some verb senses of a and b share a hypernym
// within CoordinateDepth levels of each. Nouns are left out on purpose:
// noun siblings are usually rivals, not paraphrases (France/Germany,
// Monday/Tuesday, president/minister), and a question about one is not
// answered by a sentence about the other.
func (l *Lexicon) coordinate(a, b []cand) bool {
	var up ancestors
	for _, x := range a {
		if x.pos != Verb {
			continue
		}
		for _, s := range l.sensesOf(x.id, x.pos) {
			l.collect(s, CoordinateDepth, &up)
		}
	}
	if up.n == 0 {
		return false
	}
	for _, y := range b {
		if y.pos != Verb {
			continue
		}
		for _, s := range l.sensesOf(y.id, y.pos) {
			if l.sharesAncestor(s, &up, CoordinateDepth) {
				return true
			}
		}
	}
	return false
}

func (l *Lexicon) sharesAncestor(s uint32, up *ancestors, depth int) bool {
	if depth == 0 {
		return false
	}
	for _, h := range l.hypernyms(s) {
		if up.has(h>>1) || l.sharesAncestor(h>>1, up, depth-1) {
			return true
		}
	}
	return false
}

func (l *Lexicon) shareSynset(x, y cand) bool {
	sx, sy := l.sensesOf(x.id, x.pos), l.sensesOf(y.id, y.pos)
	for _, a := range sx {
		for _, b := range sy {
			if a == b {
				return true
			}
		}
	}
	return false
}

func (l *Lexicon) derivs(id uint32) []uint32 { return l.deriv[l.derivOff[id]:l.derivOff[id+1]] }

func (l *Lexicon) antonyms(id uint32) []uint32 { return l.ant[l.antOff[id]:l.antOff[id+1]] }

func (l *Lexicon) entails(s uint32) []uint32 { return l.ent[l.entOff[s]:l.entOff[s+1]] }

func (l *Lexicon) members(s uint32) []uint32 { return l.mem[l.memOff[s]:l.memOff[s+1]] }

func (l *Lexicon) hypernyms(s uint32) []uint32 { return l.hyp[l.hypOff[s]:l.hypOff[s+1]] }

// hasID reports whether the sorted list holds id.
func hasID(sorted []uint32, id uint32) bool {
	_, ok := slices.BinarySearch(sorted, id)
	return ok
}

// intersects reports whether two sorted lists share an element.
func intersects(a, b []uint32) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			return true
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return false
}

// isA reports whether some sense of a candidate in from has an ancestor
// within depth levels whose members include a candidate lemma in to.
func (l *Lexicon) isA(from, to []cand, depth int) bool {
	for _, x := range from {
		if x.pos != Noun && x.pos != Verb {
			continue
		}
		for _, s := range l.sensesOf(x.id, x.pos) {
			if l.climb(s, to, depth) {
				return true
			}
		}
	}
	return false
}

// climb walks up from synset s (not counting s itself) looking for a member
// that is a lemma in to. Recursion keeps the walk allocation-free.
func (l *Lexicon) climb(s uint32, to []cand, depth int) bool {
	if depth == 0 {
		return false
	}
	for _, h := range l.hypernyms(s) {
		h >>= 1
		for _, m := range l.members(h) {
			for _, c := range to {
				if c.id == m {
					return true
				}
			}
		}
		if l.climb(h, to, depth-1) {
			return true
		}
	}
	return false
}

// IsA reports whether word names a kind or an instance of class, climbing
// hypernym and instance-hypernym links up to IsADepth levels over every
// sense: IsA("Bosporus", "strait"), IsA("Albania", "country"),
// IsA("Istanbul", "city") and IsA("negotiators", "person") are true. Both
// words are lemmatized first.
func (l *Lexicon) IsA(word, class string) bool {
	a, c := l.Term(word), l.Term(class)
	return l.isA(a.cs.c[:a.cs.n], c.cs.c[:c.cs.n], IsADepth)
}

// Synonyms returns the other lemmas that share a synset with any lemma of
// word, in sense order (most frequent sense first): Synonyms("UN") holds
// "united nations".
func (l *Lexicon) Synonyms(word string) []string {
	t := l.Term(word)
	var out []string
	for _, c := range t.cs.c[:t.cs.n] {
		for _, s := range l.sensesOf(c.id, c.pos) {
			for _, m := range l.members(s) {
				out = l.appendLemma(out, m, &t)
			}
		}
	}
	return out
}

// Derivations returns the lemmas WordNet links to any lemma of word as
// derivationally related forms or pertainyms: Derivations("negotiator")
// holds "negotiate".
func (l *Lexicon) Derivations(word string) []string { return l.linkedLemmas(word, l.derivs) }

// Antonyms returns the WordNet antonyms of any lemma of word:
// Antonyms("win") holds "lose".
func (l *Lexicon) Antonyms(word string) []string { return l.linkedLemmas(word, l.antonyms) }

// linkedLemmas returns the lemmas links gives for any lemma of word,
// leaving out word's own.
func (l *Lexicon) linkedLemmas(word string, links func(id uint32) []uint32) []string {
	t := l.Term(word)
	var out []string
	for _, c := range t.cs.c[:t.cs.n] {
		for _, d := range links(c.id) {
			out = l.appendLemma(out, d, &t)
		}
	}
	return out
}

// Hypernyms returns the more general terms for any sense of any lemma of
// word, nearest first, up to HypernymDepth levels, including instance
// hypernyms: Hypernyms("Bosporus") holds "strait".
func (l *Lexicon) Hypernyms(word string) []string {
	return l.climbLemmas(word, HypernymDepth, l.hypernyms, 1)
}

// climbLemmas returns the lemmas of the synsets up to depth steps above
// any sense of any lemma of word, nearest first, leaving out word's own:
// up lists the synsets one step above a synset, each id to be shifted
// right by shift bits (hypernyms carry an instance flag in their lowest bit).
func (l *Lexicon) climbLemmas(word string, depth int, up func(s uint32) []uint32, shift uint) []string {
	t := l.Term(word)
	var out []string
	var level, next []uint32
	for _, c := range t.cs.c[:t.cs.n] {
		level = append(level, l.sensesOf(c.id, c.pos)...)
	}
	for range depth {
		next = next[:0]
		for _, s := range level {
			for _, h := range up(s) {
				h >>= shift
				if !slices.Contains(next, h) {
					next = append(next, h)
				}
			}
		}
		for _, h := range next {
			for _, m := range l.members(h) {
				out = l.appendLemma(out, m, &t)
			}
		}
		level, next = next, level
	}
	return out
}

// appendLemma appends lemma id unless it is already in out or is one of
// t's own lemmas.
func (l *Lexicon) appendLemma(out []string, id uint32, t *Term) []string {
	for _, c := range t.cs.c[:t.cs.n] {
		if c.id == id {
			return out
		}
	}
	s := l.lemma(id)
	if contains(out, s) {
		return out
	}
	return append(out, s)
}

// PartOfDepth is how many part-holonym levels [Lexicon.PartOf] and
// [Lexicon.Wholes] climb.
const PartOfDepth = 4

func (l *Lexicon) parts(s uint32) []uint32 { return l.part[l.partOff[s]:l.partOff[s+1]] }

// PartOf reports whether some sense of word is a part of whole, through
// WordNet's part-holonym links up to PartOfDepth levels: PartOf("Istanbul",
// "Turkey"), PartOf("Bosporus", "Turkey"), PartOf("Texas", "United
// States"). Both are lemmatized; it does not allocate for lower-case input.
func (l *Lexicon) PartOf(word, whole string) bool {
	a, b := l.Term(word), l.Term(whole)
	to := b.cs.c[:b.cs.n]
	for _, c := range a.cs.c[:a.cs.n] {
		for _, s := range l.sensesOf(c.id, c.pos) {
			if l.climbParts(s, to, PartOfDepth) {
				return true
			}
		}
	}
	return false
}

func (l *Lexicon) climbParts(s uint32, to []cand, depth int) bool {
	if depth == 0 {
		return false
	}
	for _, p := range l.parts(s) {
		for _, m := range l.members(p) {
			for _, c := range to {
				if c.id == m {
					return true
				}
			}
		}
		if l.climbParts(p, to, depth-1) {
			return true
		}
	}
	return false
}

// Wholes returns what any sense of word is a part of, nearest first, up to
// PartOfDepth levels: Wholes("Istanbul") holds "turkey".
func (l *Lexicon) Wholes(word string) []string {
	return l.climbLemmas(word, PartOfDepth, l.parts, 0)
}
