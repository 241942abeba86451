package extractive

import (
	"math"
	"slices"
	"strings"

	"footnote/lexicon"
	"footnote/retrieval"
	"footnote/wordvec"
)

// The features of a candidate sentence, in the order of Model.Rank's
// weights. Every one is general: it measures the sentence against the
// question, never against a particular phrasing.
var rankFeatureNames = []string{
	"cov_exact",       // IDF-weighted share of the question's words the sentence holds (stem or lemma)
	"cov_related",     // share held only through WordNet synonyms and derivations
	"cov_context",     // share the neighbouring sentences add
	"cov_passage",     // share the whole passage holds
	"cov_links",       // share of the earlier turns' words the sentence holds
	"bm25",            // BM25 of the sentence, over the sum of the question's IDF
	"bigrams",         // share of the question's word pairs found close and in order
	"order",           // share of matched word pairs in the question's order
	"proximity",       // matched words over the width of the window holding them
	"max_unmatched",   // highest IDF of a question word the sentence lacks, over the highest IDF
	"n_unmatched",     // share of question words the sentence lacks
	"type_strong",     // the sentence holds an entity of the asked kind not in the question
	"type_weak",       // … or a proper name that may be one
	"type_missing",    // the question asks for a specific kind the sentence lacks
	"type_near",       // closeness of that entity to the matched words
	"head_isa",        // a new entity is a kind of the question's head noun (WordNet)
	"new_name",        // the sentence holds a name not in the question
	"new_number",      // … or a number
	"rank",            // 1/(1+retrieval rank of its passage)
	"score_rel",       // passage score over the best passage's
	"lexical_rel",     // passage BM25 over the best passage's
	"first_sentence",  // the sentence opens the article (often the title)
	"position",        // how far into the article it is (log bytes)
	"length",          // log of its word count
	"neg_mismatch",    // one of question and sentence is negated
	"antonym",         // the sentence holds an antonym of a question word
	"pronoun_lead",    // the sentence opens with a pronoun
	"echo",            // share of its content words that are the question's
	"cov_gap",         // its coverage minus the best candidate's
	"bm25_gap",        // its BM25 minus the best candidate's
	"name_missing",    // share of the question's names and numbers its sentence and neighbours lack
	"unmatched_ctx",   // highest IDF of a question word the sentence and its neighbours lack, relative
	"head_missing",    // the question's head noun is in neither the sentence nor its neighbours
	"why_question",    // the question asks why (lets other weights shift)
	"specific_kind",   // the question asks for a specific kind of span
	"yes_no_question", // the question is a yes/no question
	"cov_vector",      // share held only through a word of close meaning (GloVe cosine: kids/children)
	"vec_sim",         // cosine of the question's IDF-weighted mean word vector and the sentence's (names left out)
	"names_exact",     // share of the question's names and numbers the sentence or the one before it holds as written, 1 when it has none
	"swapped",         // highest IDF, relative, of a question word its context lacks while it holds a WordNet rival of it (Vilnius for Warsaw, criticize for commend)
	"num_swapped",     // a number of the question its context lacks while it holds another of the same shape
	"cov_ref",         // share the sentence before (or the antecedent) adds when it opens with a pronoun or demonstrative
	"cov_local",       // coverage with each word weighted by how few of the candidates hold it, minus the best candidate's
	"cov_name",        // share of the question's names and numbers (by IDF) the sentence holds at any level, 1 when it has none
	"cov_noun",        // … of its common nouns
	"cov_verb",        // … of its verbs
	"cov_mod",         // … of its adjectives and adverbs
	"unmatched_noun",  // highest IDF, relative, of a common noun of the question the sentence lacks
	"unmatched_verb",  // … of a verb
	"unmatched_mod",   // … of an adjective or adverb
	"ctx_unm_noun",    // highest IDF, relative, of a common noun the sentence and its neighbours lack
	"ctx_unm_verb",    // … of a verb
	"ctx_unm_mod",     // … of an adjective or adverb
	"why_causal",      // a why-question, and the sentence holds a causal connective ("because", "due to", "in order to")
	"neg_scoped",      // negation differs between the question and the words the sentence matches (a negation within three tokens before one); decline model only
	"bias_one",        // constant
}

// Indexes of features the engine reads back.
const (
	fCovExact = iota
	fCovRelated
	fCovContext
	fCovPassage
	fCovLinks
	fBM25
	fBigrams
	fOrder
	fProximity
	fMaxUnmatched
	fNUnmatched
	fTypeStrong
	fTypeWeak
	fTypeMissing
	fTypeNear
	fHeadIsA
	fNewName
	fNewNumber
	fRank
	fScoreRel
	fLexicalRel
	fFirstSentence
	fPosition
	fLength
	fNegMismatch
	fAntonym
	fPronounLead
	fEcho
	fCovGap
	fBM25Gap
	fNameMissing
	fUnmatchedCtx
	fHeadMissing
	fWhy
	fSpecific
	fYesNo
	fCovVector
	fVecSim
	fNamesExact
	fSwapped
	fNumSwapped
	fCovRef
	fCovLocal
	fCovName
	fCovNoun
	fCovVerb
	fCovMod
	fUnmNoun
	fUnmVerb
	fUnmMod
	fCtxUnmNoun
	fCtxUnmVerb
	fCtxUnmMod
	fWhyCausal
	fNegScoped
	fBias
	numRankFeatures
)

// candidate is one sentence of a retrieved passage, scored for a question.
type candidate struct {
	passage *retrieval.Passage
	rank    int
	sent    *sentence
	prev    *sentence // the sentence it leans on: the one before it, or a pronoun-led one's antecedent (see antecedent); nil for the first
	next    *sentence
	index   int         // its index in the passage's sentences
	psents  []*sentence // all the passage's sentences
	x       [numRankFeatures]float64
	logit   float64
	matched []int // indexes of the sentence's tokens that match the question
	answer  *entity
	named   bool // this question had the NER model tag the sentence: its names count
	// answerFrom is where the direct answer starts in the sentence: the
	// answer entity without its leading role words.
	answerFrom int
	// answerIn is the sentence answer lies in when it is not sent: the
	// antecedent a pronoun-led sentence leans on.
	answerIn *sentence
	// noLead is set when WordNet says the answer span's one word is no
	// name of the asked kind ("Ukrainian" for a place is an adjective):
	// the reply quotes the evidence without leading with it.
	noLead bool
}

// answerSent returns the sentence c.answer lies in.
func (c *candidate) answerSent() *sentence {
	if c.answerIn != nil {
		return c.answerIn
	}
	return c.sent
}

// matchLevel says how a sentence token stands for a question word: 2 for
// the same word (stem or WordNet lemma: "led"/"lead"), 1 for a synonym, a
// derivation or a more specific term ("talks"/"negotiations",
// "mediate"/"mediator", "strait"/"Bosporus"), -1 for an antonym, else 0.
// The caller holds q.memo.mu (see qterm.match).
func matchLevel(lex wordKnowledge, t *token, q *qterm) int {
	if t.stop {
		return 0
	}
	if t.stem == q.stem || t.lemma == q.lemma || t.norm == q.norm {
		return 2
	}
	if t.num {
		return 0
	}
	if l, ok := q.memo.lv[t.norm]; ok {
		return int(l)
	}
	var l int8
	switch lex.Relate(&q.term, &t.term) {
	case lexicon.SameLemma:
		l = 2
	case lexicon.Synonym, lexicon.Derivation, lexicon.Hyponym:
		l = 1
	case lexicon.Antonym:
		l = -1
	}
	q.memo.lv[t.norm] = l
	return int(l)
}

// coverage returns the weighted shares of terms that sents hold exactly
// and only through related words, and which terms matched.
func coverage(lex wordKnowledge, terms []qterm, sents ...*sentence) (exact, related float64, hit []int) {
	total := 0.0
	hit = make([]int, len(terms))
	for i, q := range terms {
		total += q.weight
		for _, s := range sents {
			if s == nil {
				continue
			}
			if l := int(terms[i].match(lex, s).best); l > hit[i] {
				hit[i] = l
			}
		}
		switch hit[i] {
		case 2:
			exact += q.weight
		case 1:
			related += q.weight
		}
	}
	if total == 0 {
		return 0, 0, hit
	}
	return exact / total, related / total, hit
}

// vecFloor is the cosine below which two words count as unrelated; a
// cosine of 1 counts as a full match.
const vecFloor = 0.4

// vectorCoverage returns the weighted share of terms that s holds neither
// exactly nor through WordNet (hit is coverage's) but through a word of
// close meaning, each credited by how close: (cos − vecFloor)/(1 − vecFloor).
// Words the question writes as names get no such credit.
func vectorCoverage(lex wordKnowledge, terms []qterm, hit []int, s *sentence) float64 {
	total, soft := 0.0, 0.0
	for i := range terms {
		q := &terms[i]
		total += q.weight
		// Names and numbers stand only for themselves: in word vectors
		// "Turkish" is close to "Russian", and 2019 to 2020.
		if hit[i] > 0 || q.vec < 0 || q.name {
			continue
		}
		best := float32(0)
		for k := range s.toks {
			if v := s.toks[k].vec; v >= 0 {
				best = max(best, lex.Cosine(q.vec, v))
			}
		}
		if c := (float64(best) - vecFloor) / (1 - vecFloor); c > 0 {
			soft += q.weight * c
		}
	}
	if total == 0 {
		return 0
	}
	return soft / total
}

// namesExact returns the IDF-weighted share of the terms written as names
// or numbers that hit (coverage's) matched as the same word, 1 when no
// term is a name: a name stands for itself, not for a related word.
func namesExact(terms []qterm, hit []int) float64 {
	total, exact := 0.0, 0.0
	for i, q := range terms {
		if !q.name {
			continue
		}
		total += q.weight
		if hit[i] == 2 {
			exact += q.weight
		}
	}
	if total == 0 {
		return 1
	}
	return exact / total
}

// BM25 constants for sentences.
const (
	bm25K1     = 1.2
	bm25B      = 0.75
	avgSentLen = 25.0
)

// features computes c.x for question q; best is the best passage score
// and lexical score among the candidates.
func (e *Engine) features(q *question, c *candidate, topScore, topLexical float64) {
	x := &c.x
	s := c.sent
	exact, related, hit := coverage(e.lex, q.terms, s)
	x[fCovExact], x[fCovRelated] = exact, related
	x[fCovVector] = vectorCoverage(e.lex, q.terms, hit, s)
	_, _, hitBack := coverage(e.lex, q.terms, c.prev, s)
	x[fNamesExact] = namesExact(q.terms, hitBack)
	if q.mean != nil {
		if sm := s.meanVec(e.lex); sm != nil {
			x[fVecSim] = float64(wordvec.CosineOf(q.mean, sm))
		}
	}
	ce, cr, hitCtx := coverage(e.lex, q.terms, c.prev, s, c.next)
	x[fCovContext] = math.Max(0, ce+cr-exact-related)
	x[fCovPassage] = 0
	if len(c.psents) > 0 {
		pe, pr, _ := coverage(e.lex, q.terms, c.psents...)
		x[fCovPassage] = pe + pr
	}
	if len(q.links) > 0 {
		le, lr, _ := coverage(e.lex, q.links, s)
		x[fCovLinks] = le + lr
	}
	// BM25 over the sentence.
	sumIDF, bm, maxIDF := 0.0, 0.0, 0.0
	for _, t := range q.terms {
		sumIDF += t.idf
		maxIDF = math.Max(maxIDF, t.idf)
	}
	n := float64(len(s.toks))
	for j := range q.terms {
		qt := &q.terms[j]
		tf := 0.0
		for _, l := range qt.match(e.lex, s).lv {
			if l > 0 {
				tf++
			}
		}
		if tf > 0 {
			bm += qt.idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*n/avgSentLen))
		}
	}
	if sumIDF > 0 {
		x[fBM25] = bm / sumIDF
	}
	// Positions of matched words, in sentence order, with their term.
	type match struct{ tok, term int }
	var ms []match
	ant := false
	lvs := make([][]int8, len(q.terms))
	for j := range q.terms {
		lvs[j] = q.terms[j].match(e.lex, s).lv
	}
	for i := range s.toks {
		for j := range q.terms {
			l := int(lvs[j][i])
			if l < 0 {
				ant = true
			}
			if l > 0 {
				ms = append(ms, match{i, j})
				c.matched = append(c.matched, i)
				break
			}
		}
	}
	// Bigrams: consecutive question words found within three tokens, in order.
	pairs, found := 0, 0
	for j := 0; j+1 < len(q.terms); j++ {
		pairs++
		for _, a := range ms {
			if a.term != j {
				continue
			}
			ok := false
			for _, b := range ms {
				if b.term == j+1 && b.tok > a.tok && b.tok-a.tok <= 3 {
					ok = true
					break
				}
			}
			if ok {
				found++
				break
			}
		}
	}
	if pairs > 0 {
		x[fBigrams] = float64(found) / float64(pairs)
	}
	// Order: concordant pairs among distinct matched terms (first match each).
	firstAt := map[int]int{}
	for _, m := range ms {
		if _, ok := firstAt[m.term]; !ok {
			firstAt[m.term] = m.tok
		}
	}
	conc, tot := 0, 0
	for a, pa := range firstAt {
		for b, pb := range firstAt {
			if a < b {
				tot++
				if pa < pb {
					conc++
				}
			}
		}
	}
	x[fOrder] = 0.5
	if tot > 0 {
		x[fOrder] = float64(conc) / float64(tot)
	}
	if len(firstAt) > 0 {
		lo, hi := len(s.toks), -1
		for _, p := range firstAt {
			lo, hi = min(lo, p), max(hi, p)
		}
		x[fProximity] = float64(len(firstAt)) / float64(hi-lo+1)
	}
	// Unmatched words.
	unmatched, maxUn := 0, 0.0
	for i, qt := range q.terms {
		if hit[i] == 0 {
			unmatched++
			maxUn = math.Max(maxUn, qt.idf)
		}
	}
	if len(q.terms) > 0 {
		x[fNUnmatched] = float64(unmatched) / float64(len(q.terms))
	}
	if maxIDF > 0 {
		x[fMaxUnmatched] = maxUn / maxIDF
	}
	// Names, numbers and rare words of the question the sentence and its
	// neighbours lack: a question about another entity than the text's.
	names, namesMissing, maxUnCtx := 0, 0, 0.0
	for i, qt := range q.terms {
		if hitCtx[i] == 0 {
			maxUnCtx = math.Max(maxUnCtx, qt.idf)
		}
		if qt.name {
			names++
			if hitCtx[i] == 0 {
				namesMissing++
			}
		}
	}
	if names > 0 {
		x[fNameMissing] = float64(namesMissing) / float64(names)
	}
	if maxIDF > 0 {
		x[fUnmatchedCtx] = maxUnCtx / maxIDF
	}
	x[fSwapped], x[fNumSwapped] = swapFeatures(e.lex, q, s, hitCtx, maxIDF)
	// The same by the question word's part: a sentence lacking the
	// question's verb or modifier may be about another event than the
	// one asked of.
	rc, ru := roleCoverage(q.terms, hit)
	x[fCovName], x[fCovNoun], x[fCovVerb], x[fCovMod] = rc[roleName], rc[roleNoun], rc[roleVerb], rc[roleMod]
	_, cu := roleCoverage(q.terms, hitCtx)
	if maxIDF > 0 {
		x[fUnmNoun], x[fUnmVerb], x[fUnmMod] = ru[roleNoun]/maxIDF, ru[roleVerb]/maxIDF, ru[roleMod]/maxIDF
		x[fCtxUnmNoun], x[fCtxUnmVerb], x[fCtxUnmMod] = cu[roleNoun]/maxIDF, cu[roleVerb]/maxIDF, cu[roleMod]/maxIDF
	}
	// Answer kind.
	e.typeFeatures(q, c)
	if refersBack(s) && c.prev != nil {
		pe, pr, _ := coverage(e.lex, q.terms, c.prev, s)
		x[fCovRef] = math.Max(0, pe+pr-exact-related)
	}
	x[fCovLocal] = localCoverage(q.local, hit)

	// Passage.
	x[fRank] = 1 / float64(1+c.rank)
	if topScore > 0 {
		x[fScoreRel] = c.passage.Score / topScore
	}
	if topLexical > 0 {
		x[fLexicalRel] = c.passage.Lexical / topLexical
	}
	if c.passage.Start == 0 && c.index == 0 {
		x[fFirstSentence] = 1
	}
	x[fPosition] = math.Log1p(float64(c.passage.Start+s.start) / 1000)
	x[fLength] = math.Log1p(n)
	sneg := false
	for _, t := range s.toks {
		if lexicon.IsNegation(t.norm) {
			sneg = true
		}
	}
	if sneg != q.neg {
		x[fNegMismatch] = 1
	}
	if negatesMatch(s, c.matched) != q.neg {
		x[fNegScoped] = 1
	}
	if ant {
		x[fAntonym] = 1
	}
	if refersBack(s) {
		x[fPronounLead] = 1
	}
	content, echo := 0, 0
	for _, t := range s.toks {
		if t.stop {
			continue
		}
		content++
		if q.stems[t.stem] || q.stems[t.lemma] {
			echo++
		}
	}
	if content > 0 {
		x[fEcho] = float64(echo) / float64(content)
	}
	switch {
	case q.want == kindReason:
		x[fWhy] = 1
		if hasCausalMarker(s) {
			x[fWhyCausal] = 1
		}
	case q.want == kindYesNo:
		x[fYesNo] = 1
	}
	if q.want.specific() {
		x[fSpecific] = 1
	}
	x[fBias] = 1
}

// typeFeatures sets the answer-kind features of c and picks the entity
// that would answer q.
func (e *Engine) typeFeatures(q *question, c *candidate) {
	x := &c.x
	s := c.sent
	bestDist := math.Inf(1)
	strong, weak := false, false
	bestAlign, pickStrong := -1.0, false
	var clause []int // s.clauses(), made when an entity is first weighed
	ents := s.ents
	if c.named {
		ents = append(slices.Clip(s.ents), s.names...)
	}
	for i := range ents {
		en := &ents[i]
		if !e.isNew(q, s, en) {
			continue
		}
		switch en.kind {
		case kindPerson, kindPlace, kindOrg, kindName:
			x[fNewName] = 1
		default:
			x[fNewNumber] = 1
		}
		if !q.want.specific() {
			continue
		}
		st := q.want.accepts(en.kind)
		wk := q.want.weaklyAccepts(en.kind)
		if !st && !wk {
			continue
		}
		if q.head != "" && q.head != "name" && e.lex.IsA(entityKey(s, en), q.head) {
			x[fHeadIsA] = 1
		}
		d := distance(en, c.matched)
		// The feature reads the nearest entity, a strongly typed one first.
		if st && !strong || (st == strong && d < bestDist) {
			bestDist = d
		}
		// The answer is the strongly typed entity (else any) that the
		// question's words gather round most closely, in its own clause:
		// the person of the clause the question's words stand in, not one
		// of the same kind in the clause before it.
		if clause == nil {
			clause = s.clauses() // once per sentence, for every entity
		}
		if al := e.alignment(q, s, clause, en); st && !pickStrong || st == pickStrong && al > bestAlign {
			c.answer, bestAlign, pickStrong = en, al, st
		}
		strong = strong || st
		weak = true
	}
	if !strong && q.want.accepts(kindPerson) && c.named && c.prev != nil && leadsWithPersonalPronoun(s) {
		// "She chaired the session" answers "who chaired…" through the
		// person its pronoun stands for, named in its antecedent.
		for i := range c.prev.names {
			if en := &c.prev.names[i]; en.kind == kindPerson && e.isNew(q, c.prev, en) {
				strong, weak = true, true
				bestDist = distance(&entity{}, c.matched)
				// The answer is the antecedent's person: "**Petra Lind** —
				// … She chaired the session."
				c.answer, c.answerIn = en, c.prev
				break
			}
		}
	}
	if strong {
		x[fTypeStrong] = 1
	}
	if c.answer != nil {
		c.noLead = e.notANameOf(c.answerSent(), c.answer)
		c.answerFrom, _ = e.answerSpan(q, c.answerSent(), c.answer)
	}
	if weak {
		x[fTypeWeak] = 1
		x[fTypeNear] = 1 / (1 + bestDist)
	}
	// A figure must be a figure: a duration does not count "how many
	// children"; a name may be typed loosely.
	switch q.want {
	case kindNumber, kindMoney, kindPercent, kindDuration:
		if !strong {
			x[fTypeMissing] = 1
		}
	default:
		if q.want.specific() && !weak {
			x[fTypeMissing] = 1
		}
	}
	// The noun the question asks about ("the Turkish president") should
	// stand in the sentence or its neighbours.
	// A head that names the answer's own kind is there when the answer is:
	// "Istanbul" is the city of "which city", 2014 the year of "what year".
	answered := x[fHeadIsA] == 1 || strong && figure(q.want)
	if q.head != "" && q.head != "name" && q.head != "person" && !answered {
		x[fHeadMissing] = 1
		for _, t := range [][]token{s.toks, toksOf(c.prev), toksOf(c.next)} {
			for i := range t {
				if t[i].lemma == q.head || t[i].stem == q.headStem {
					x[fHeadMissing] = 0
				}
			}
		}
	}
}

// notANameOf reports whether en, typed a place or an organisation, is one
// word whose most likely WordNet sense is something else: a demonym
// ("Ukrainian", "Turkish": relational adjectives or languages) is no
// place.
func (e *Engine) notANameOf(s *sentence, en *entity) bool {
	if en.first != en.last || en.kind != kindPlace && en.kind != kindOrg {
		return false
	}
	t := &s.toks[en.first].term
	ss, ok := e.lex.Supersense(t)
	return ok && ss != lexicon.NounLocation && ss != lexicon.NounGroup
}

// isNew reports whether en names something the question does not: it
// holds a word the question lacks ("Turkish Foreign Minister Hakan Fidan"
// is new to "which Turkish minister…?"; "Russia" is not new to "…Russia's
// delegation?").
func (e *Engine) isNew(q *question, s *sentence, en *entity) bool {
	for i := en.first; i <= en.last; i++ {
		t := s.toks[i]
		if t.stop {
			continue
		}
		if !q.stems[t.stem] && !q.stems[t.lemma] {
			return true
		}
	}
	return false
}

// answerSpan trims en to the part that answers q: the leading words the
// question already holds or that name a role rather than the person
// ("Defence Minister Rustem Umerov" → "Rustem Umerov").
func (e *Engine) answerSpan(q *question, s *sentence, en *entity) (int, int) {
	first := en.first
	for i := en.first; i < en.last; i++ {
		t := s.toks[i]
		if q.stems[t.stem] || q.stems[t.lemma] || (!t.num && e.lex.IsA(t.lemma, "person")) {
			first = i + 1
		}
	}
	return s.toks[first].start, en.end
}

// entityKey is the lowercase text of en, for WordNet look-ups.
func entityKey(s *sentence, en *entity) string {
	var b []byte
	for i := en.first; i <= en.last; i++ {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, s.toks[i].norm...)
	}
	return string(b)
}

// alignment scores how closely the question's words gather round en in
// s (whose clauses() are clause): the sum over the question words s holds of their weight times their
// closest occurrence's closeness, 1/(1+tokens between), where crossing a
// clause boundary counts as clauseGap tokens and a related word (a
// synonym, a more specific term) counts relatedShare of the same word.
func (e *Engine) alignment(q *question, s *sentence, clause []int, en *entity) float64 {
	total := 0.0
	for j := range q.terms {
		best := 0.0
		for k, l := range q.terms[j].match(e.lex, s).lv {
			if l <= 0 || k >= en.first && k <= en.last {
				continue
			}
			d := en.first - k
			if k > en.last {
				d = k - en.last
			}
			v := 1 / float64(1+d+clauseGap*abs(clause[k]-clause[en.first]))
			if l < 2 {
				v *= relatedShare
			}
			best = max(best, v)
		}
		total += q.terms[j].weight * best
	}
	return total
}

// clauseGap is how many tokens crossing a clause boundary counts as, and
// relatedShare what a related word counts for in alignment.
const (
	clauseGap    = 4
	relatedShare = 0.25
)

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// clauses numbers the clauses of s's tokens: a comma, semicolon, colon,
// dash or bracket between two tokens starts a new one.
func (s *sentence) clauses() []int {
	out := make([]int, len(s.toks))
	n := 0
	for k := 1; k < len(s.toks); k++ {
		if strings.ContainsAny(s.text[s.toks[k-1].end:s.toks[k].start], ",;:()—–") {
			n++
		}
		out[k] = n
	}
	return out
}

// distance is the token distance from en to the nearest matched word.
func distance(en *entity, matched []int) float64 {
	best := math.Inf(1)
	for _, m := range matched {
		switch {
		case m < en.first:
			best = math.Min(best, float64(en.first-m))
		case m > en.last:
			best = math.Min(best, float64(m-en.last))
		}
	}
	if math.IsInf(best, 1) {
		return 20
	}
	return best
}

func toksOf(s *sentence) []token {
	if s == nil {
		return nil
	}
	return s.toks
}

// hasCausalMarker reports whether s holds a connective that gives a cause,
// a reason or a purpose, the kind of span a why-question asks for.
func hasCausalMarker(s *sentence) bool {
	words := make([]string, len(s.toks))
	for i, t := range s.toks {
		words[i] = t.norm
	}
	for i := range words {
		if lexicon.CausalMarkerAt(words, i) > 0 {
			return true
		}
	}
	return false
}

// negatesMatch reports whether a negation stands within three tokens
// before one of the matched tokens of s: "was not fully approved"
// negates "approved", where a "not" in another clause does not.
func negatesMatch(s *sentence, matched []int) bool {
	for _, m := range matched {
		for i := max(0, m-3); i < m; i++ {
			if lexicon.IsNegation(s.toks[i].norm) {
				return true
			}
		}
	}
	return false
}
