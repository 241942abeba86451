package lexicon

import (
	"strings"
)

// maxCands bounds the lemma candidates kept for one word; WordNet words have
// at most a handful.
const maxCands = 8

// cand is one lemma candidate of a word in one part of speech.
type cand struct {
	id  uint32
	pos POS
}

// cands is a fixed-size candidate list that lives on the stack.
type cands struct {
	c [maxCands]cand
	n int
}

func (cs *cands) add(id uint32, p POS) {
	for i := range cs.n {
		if cs.c[i] == (cand{id, p}) {
			return
		}
	}
	if cs.n < maxCands {
		cs.c[cs.n] = cand{id, p}
		cs.n++
	}
}

// suffix is one of WordNet's detachment rules: replace suffix "from" by "to".
type suffix struct{ from, to string }

// rulesFor returns WordNet's morphy detachment rules for a part of speech
// (morph.c), by value so that no package state is mutable, and their count.
func rulesFor(p POS) ([8]suffix, int) {
	switch p {
	case Noun:
		return [8]suffix{{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}, 8
	case Verb:
		return [8]suffix{{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}, 8
	case Adj:
		return [8]suffix{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}, 4
	}
	return [8]suffix{}, 0
}

// excBases returns the exception-list bases of form in POS p.
func (l *Lexicon) excBases(form string, p POS) []uint32 {
	e := &l.exc[p]
	if i, ok := lookup(e.blob, e.off, form); ok {
		return e.base[e.baseOff[i]:e.baseOff[i+1]]
	}
	return nil
}

// findIn returns the id of s if it is a lemma in POS p.
func (l *Lexicon) findIn(s string, p POS) (uint32, bool) {
	id, ok := l.find(s)
	if ok && l.inPOS(id, p) {
		return id, true
	}
	return 0, false
}

// morphy appends the lemmas of the normalised word w in POS p, WordNet's
// order: exception-list bases, the word itself, then suffix detachment.
// Multi-word phrases also try inflecting their first word ("wrapped up") or
// last word ("prime ministers").
func (l *Lexicon) morphy(w string, p POS, cs *cands) {
	for _, b := range l.excBases(w, p) {
		cs.add(b, p)
	}
	if id, ok := l.findIn(w, p); ok {
		cs.add(id, p)
	}
	if i := strings.IndexByte(w, ' '); i > 0 {
		l.morphyPhrase(w, i, p, cs)
		return
	}
	l.detach(w, p, cs)
}

// detach applies the suffix rules to a single word.
func (l *Lexicon) detach(w string, p POS, cs *cands) {
	if p == Noun && (len(w) <= 2 || strings.HasSuffix(w, "ss")) {
		return // morph.c: "glass" and "us" are not plurals
	}
	var buf [64]byte
	rs, n := rulesFor(p)
	for _, r := range rs[:n] {
		if len(w) <= len(r.from) || !strings.HasSuffix(w, r.from) {
			continue
		}
		stem := w[:len(w)-len(r.from)]
		if len(stem)+len(r.to) > len(buf) {
			continue
		}
		b := append(append(buf[:0], stem...), r.to...)
		if id, ok := l.findIn(string(b), p); ok { // string(b) in a lookup does not escape
			cs.add(id, p)
		}
	}
}

// morphyPhrase lemmatizes a collocation by inflecting its head: the first
// word of a verb phrase, the last word otherwise, trying both.
func (l *Lexicon) morphyPhrase(w string, firstSpace int, p POS, cs *cands) {
	var buf [128]byte
	first, rest := w[:firstSpace], w[firstSpace:]
	var fc cands
	for _, b := range l.excBases(first, p) {
		fc.add(b, p)
	}
	l.detach(first, p, &fc)
	for _, c := range fc.c[:fc.n] {
		b := append(append(buf[:0], l.lemma(c.id)...), rest...)
		if id, ok := l.findIn(string(b), p); ok {
			cs.add(id, p)
		}
	}
	ls := strings.LastIndexByte(w, ' ')
	head, last := w[:ls+1], w[ls+1:]
	var lc cands
	for _, b := range l.excBases(last, p) {
		lc.add(b, p)
	}
	l.detach(last, p, &lc)
	for _, c := range lc.c[:lc.n] {
		b := append(append(buf[:0], head...), l.lemma(c.id)...)
		if id, ok := l.findIn(string(b), p); ok {
			cs.add(id, p)
		}
	}
}

// candidates collects the lemmas of the normalised word w over every POS, ordered most
// likely first: by SemCor frequency of the lemma in the POS it was found in,
// ties in WordNet's order (exceptions, the word itself, suffix rules; noun,
// verb, adjective, adverb).
func (l *Lexicon) candidates(w string, cs *cands) {
	for p := range numPOS {
		l.morphy(w, p, cs)
	}
	// Insertion sort by frequency: at most maxCands entries.
	for i := 1; i < cs.n; i++ {
		for j := i; j > 0 && l.freqOf(cs.c[j]) > l.freqOf(cs.c[j-1]); j-- {
			cs.c[j], cs.c[j-1] = cs.c[j-1], cs.c[j]
		}
	}
}

func (l *Lexicon) freqOf(c cand) uint32 {
	return l.freq[4*int(c.id)+int(c.pos)]
}

// Lemmas returns the WordNet lemmas word can be an inflection of, across all
// parts of speech, most likely first: Lemmas("sat") = ["sit", "sat"],
// Lemmas("children") = ["child"], Lemmas("wrapped_up") = ["wrap up"]. A word
// WordNet does not know (names, function words) is returned as itself,
// normalised (lower-cased, underscores as spaces): Lemmas("Umerov") =
// ["umerov"]. A possessive ending is dropped: Lemmas("Kyiv's") = ["kyiv"].
func (l *Lexicon) Lemmas(word string) []string {
	var cs cands
	w := l.normWord(word)
	l.candidates(w, &cs)
	if cs.n == 0 {
		if w != "" {
			return []string{w}
		}
		return nil
	}
	out := make([]string, 0, cs.n)
	for _, c := range cs.c[:cs.n] {
		s := l.lemma(c.id)
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Lemma returns the base form of word in part of speech pos, WordNet's
// morphy order (exception list first, then the word itself, then suffix
// rules): Lemma("better", Adj) = "good", Lemma("led", Verb) = "lead". A word
// with no lemma in pos is returned normalised.
func (l *Lexicon) Lemma(word string, pos POS) string {
	w := l.normWord(word)
	if pos >= numPOS {
		return w
	}
	var cs cands
	l.morphy(w, pos, &cs)
	if cs.n == 0 {
		return w
	}
	return l.lemma(cs.c[0].id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
