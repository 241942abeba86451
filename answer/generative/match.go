package generative

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"footnote/internal/lru"
	"footnote/lexicon"
	"footnote/retrieval"
)

// minCoverage is the share of a claim's term weight (IDF) a sentence must
// hold to support it, on top of holding every name and number.
const minCoverage = 0.5

// termWeigher gives the IDF of the terms of a text, as the index weighs
// them. answer.Retriever implements it.
type termWeigher interface {
	Terms(query string) []retrieval.Term
}

// matcher checks claims against passage sentences, matching words by
// stem and through the lexicon (lemmas of irregular forms, synonyms,
// derivations, WordNet hypernyms), the word knowledge the offline engine
// scores with.
type matcher struct {
	w      termWeigher
	lex    *lexicon.Lexicon // nil: stems only
	lemmas *lemmaCache      // the engine's, shared by its answers; nil: none
	// passages caches the analysis of passages by chunk ID (the engine's;
	// nil: none): the same passages come back for many questions.
	passages *passageCache
}

// passageCacheSize bounds the passages whose analysis an engine keeps.
const passageCacheSize = 4096

// passageCache remembers analysed passages by chunk ID. An entry is only
// used for the same text, so a re-indexed chunk is analysed anew. Safe for
// concurrent use; entries are read-only once made.
type passageCache struct {
	mu sync.Mutex
	m  *lru.Cache[string, *passageSentences]
}

func newPassageCache() *passageCache {
	return &passageCache{m: lru.New[string, *passageSentences](passageCacheSize)}
}

// passage returns the analysis of p, from the cache when it has it.
func (m *matcher) passage(p retrieval.Passage) *passageSentences {
	if m.passages == nil || p.ID == "" {
		return m.sentences(p.Text)
	}
	m.passages.mu.Lock()
	ps, ok := m.passages.m.Get(p.ID)
	m.passages.mu.Unlock()
	if ok && ps.text == p.Text {
		return ps
	}
	ps = m.sentences(p.Text)
	m.passages.mu.Lock()
	m.passages.m.Put(p.ID, ps)
	m.passages.mu.Unlock()
	return ps
}

// lemmaCacheOf returns the lemma cache (nil without a lexicon).
func (m *matcher) lemmaCacheOf() *lemmaCache {
	if m.lex == nil {
		return nil
	}
	return m.lemmas
}

// claimAnalysis is what checking needs of a claim.
type claimAnalysis struct {
	terms   []weighted // content terms with their weights
	names   []string   // normalised words of names ("umerov")
	numbers []string   // digit strings ("12000", "2")
}

// weighted is a claim term: its stem, weight, and lexicon expansion.
type weighted struct {
	stem string
	idf  float64
	// full holds the lemmas a sentence word may have to state the term:
	// the term's lemmas, synonyms and derivations; part its hypernyms.
	full, part map[string]bool
}

// Credit for a claim term a sentence states through a broader or narrower
// word (NATO/alliance) rather than the same lemma, a synonym or a
// derivation.
const hypernymCredit = 0.5

// checkable reports whether the claim says enough to be checked.
func (a claimAnalysis) checkable() bool {
	return len(a.terms) >= minClaimTerms || len(a.names)+len(a.numbers) > 0 && len(a.terms) > 0
}

// analyse returns the terms, names and numbers of a claim. Terms are
// weighted by the index's IDF; a term the index does not weigh counts 1.
func (m *matcher) analyse(text string) claimAnalysis {
	var a claimAnalysis
	idf := map[string]float64{}
	for _, t := range m.w.Terms(text) {
		if t.Known && !t.Corrected {
			idf[t.Stem] = t.IDF
		}
	}
	seen := map[string]bool{}
	for _, w := range retrieval.Words(text) {
		if lexicon.IsStopword(w) {
			continue
		}
		st := retrieval.Stem(w)
		if seen[st] {
			continue
		}
		seen[st] = true
		weight, ok := idf[st]
		if !ok || weight <= 0 {
			weight = 1
		}
		t := weighted{stem: st, idf: weight}
		if m.lex != nil {
			t.full, t.part = map[string]bool{}, map[string]bool{}
			lemmas := m.lex.Lemmas(w)
			for _, set := range [][]string{lemmas, m.lex.Synonyms(w), m.lex.Derivations(w)} {
				for _, x := range set {
					t.full[x] = true
				}
			}
			for _, x := range m.lex.Hypernyms(w) {
				t.part[x] = true
			}
		}
		a.terms = append(a.terms, t)
	}
	a.names, a.numbers = namesAndNumbers(text)
	return a
}

// namesAndNumbers returns the normalised words of the names in text
// (capitalised words that do not open a sentence, acronyms) and its
// numbers (digits, separators removed).
func namesAndNumbers(text string) (names, numbers []string) {
	opening := true
	for _, f := range strings.Fields(text) {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(core)
		switch {
		case core == "":
		case unicode.IsDigit(r):
			numbers = append(numbers, digitsOf(core))
		case unicode.IsUpper(r) && (!opening || isAcronym(core)):
			names = append(names, retrieval.Words(core)...)
		}
		opening = strings.HasSuffix(f, ".") || strings.HasSuffix(f, "?") || strings.HasSuffix(f, "!") || strings.HasSuffix(f, ":") || opening && core == ""
	}
	return names, numbers
}

// isAcronym reports whether w is all capitals (two or more).
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// digitsOf keeps the digits of a number ("12,000" → "12000", "3.5" → "35").
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// passageSentences is a passage split into analysed sentences, made once
// per passage per answer.
type passageSentences struct {
	text    string
	spans   []retrieval.Span
	stems   []map[string]bool
	words   [][]string
	numbers []map[string]bool
}

// lemmaCacheSize bounds the words whose lemmas an engine remembers.
const lemmaCacheSize = 50000

// lemmaCache remembers each word's lemmas (and the word itself), so the
// passages of every answer are not lemmatized again: news vocabulary
// repeats. Safe for concurrent use.
type lemmaCache struct {
	lex *lexicon.Lexicon
	mu  sync.Mutex
	m   *lru.Cache[string, []string]
}

func newLemmaCache(lex *lexicon.Lexicon) *lemmaCache {
	return &lemmaCache{lex: lex, m: lru.New[string, []string](lemmaCacheSize)}
}

func (c *lemmaCache) of(w string) []string {
	c.mu.Lock()
	ls, ok := c.m.Get(w)
	c.mu.Unlock()
	if ok {
		return ls
	}
	ls = append(c.lex.Lemmas(w), w)
	c.mu.Lock()
	c.m.Put(w, ls)
	c.mu.Unlock()
	return ls
}

// sentences analyses the sentences of a passage.
func (m *matcher) sentences(text string) *passageSentences {
	spans := retrieval.Sentences(text)
	if len(spans) == 0 && strings.TrimSpace(text) != "" {
		spans = []retrieval.Span{{Start: 0, End: len(text)}}
	}
	ps := &passageSentences{text: text, spans: spans}
	for _, sp := range spans {
		s := text[sp.Start:sp.End]
		stems := map[string]bool{}
		for _, t := range retrieval.Analyze(s) {
			stems[t] = true
		}
		ps.stems = append(ps.stems, stems)
		words := retrieval.Words(s)
		ps.words = append(ps.words, words)
		_, nums := namesAndNumbers(s)
		set := map[string]bool{}
		for _, n := range nums {
			set[n] = true
		}
		ps.numbers = append(ps.numbers, set)
	}
	return ps
}

// support is how well one passage supports a claim: its best sentence.
type support struct {
	ok    bool
	score float64        // share of the claim's term weight the sentence holds
	span  retrieval.Span // the sentence
}

// best returns the passage's sentence that best supports the claim. A
// sentence supports it when it holds each of the claim's numbers, each
// name (in it or in the sentence before, which a pronoun may lean on) and
// at least minCoverage of its term weight; credits (from lemmaIndex) say
// how much of each claim term each sentence of passage p states.
func (ps *passageSentences) best(a claimAnalysis, p int, credits []map[sentRef]float64) support {
	var total float64
	for _, t := range a.terms {
		total += t.idf
	}
	var best support
	for i, sp := range ps.spans {
		var got float64
		for k, t := range a.terms {
			got += t.idf * credits[k][sentRef{p, i}]
		}
		score := 0.0
		if total > 0 {
			score = got / total
		}
		ok := score >= minCoverage && ps.hasAll(i, a)
		if ok && (!best.ok || score > best.score) || !best.ok && score > best.score {
			best = support{ok: ok, score: score, span: sp}
		}
	}
	return best
}

// sentRef names sentence s of passage p.
type sentRef struct{ p, s int }

// lemmaIndex maps each lemma of the passages' content words (and, keyed
// "\x00"+stem, each stem) to the sentences holding it, built once per
// answer so that checking a claim term costs a few lookups rather than a
// scan of every sentence.
type lemmaIndex map[string][]sentRef

// stemKey is the index key of a stem.
func stemKey(stem string) string { return "\x00" + stem }

// add indexes the sentences of passage p.
func (idx lemmaIndex) add(p int, ps *passageSentences, lemmas *lemmaCache) {
	for s := range ps.spans {
		ref := sentRef{p, s}
		for st := range ps.stems[s] {
			idx[stemKey(st)] = append(idx[stemKey(st)], ref)
		}
		if lemmas == nil {
			continue
		}
		for _, w := range ps.words[s] {
			if lexicon.IsStopword(w) {
				continue
			}
			for _, l := range lemmas.of(w) {
				if refs := idx[l]; len(refs) == 0 || refs[len(refs)-1] != ref {
					idx[l] = append(refs, ref)
				}
			}
		}
	}
}

// credits returns, per claim term, how much of it each sentence states:
// all of it for the same stem, lemma, a synonym or a derivation;
// hypernymCredit for a broader word; nothing otherwise (absent).
func (idx lemmaIndex) credits(a claimAnalysis) []map[sentRef]float64 {
	out := make([]map[sentRef]float64, len(a.terms))
	for k, t := range a.terms {
		c := map[sentRef]float64{}
		for l := range t.part {
			for _, ref := range idx[l] {
				c[ref] = hypernymCredit
			}
		}
		for l := range t.full {
			for _, ref := range idx[l] {
				c[ref] = 1
			}
		}
		for _, ref := range idx[stemKey(t.stem)] {
			c[ref] = 1
		}
		out[k] = c
	}
	return out
}

// hasAll reports whether sentence i holds the claim's numbers and names.
func (ps *passageSentences) hasAll(i int, a claimAnalysis) bool {
	for _, n := range a.numbers {
		if !ps.numbers[i][n] {
			return false
		}
	}
	for _, n := range a.names {
		if !hasWord(ps.words[i], n) && (i == 0 || !hasWord(ps.words[i-1], n)) {
			return false
		}
	}
	return true
}

// hasWord reports whether words holds w or a form of it: the same word
// with another ending ("Ukraine", "Ukrainian"; "Russia", "Russian"), that
// is, sharing all but at most the last letter of the shorter word and at
// least five letters.
func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w || sameName(x, w) {
			return true
		}
	}
	return false
}

// sameName reports whether a and b are forms of one name.
func sameName(a, b string) bool {
	short := min(len(a), len(b))
	if short < 5 {
		return false
	}
	p := 0
	for p < short && a[p] == b[p] {
		p++
	}
	return p >= short-1
}
