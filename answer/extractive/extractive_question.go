package extractive

import (
	"slices"
	"strings"

	"footnote/answer"

	"footnote/retrieval"
)

// queryTerm is one content term of a question with the weight it carries
// when sentences are scored and evidence is weighed.
type queryTerm struct {
	stem string
	word string // as typed, normalised
	// alts are other stems that name the same thing ("french" for "franc").
	alts  []string
	known bool
	// link marks a term of an earlier question that a follow-up leans on
	// ("Where were they held?" after "How long did the talks last?"). Link
	// terms count together, as one: a sentence needs only one of them to
	// stay on the conversation's topic.
	link bool
	// frame marks a word that frames the question rather than names its
	// subject ("took place", "say"); see frameWords.
	frame bool
	// verb marks a word the question uses as a verb ("who chaired",
	// "was it signed"): a sentence that has the stem only as a noun ("a
	// sign of progress") speaks of something else.
	verb bool
	// name is the index in question.names of the name the term is a word
	// of, or -1.
	name int
	// weight is the term's IDF scaled down for words that frame a question
	// rather than name its subject and for guessed spellings.
	weight float64
}

// question is everything the extractive answerer derives from the user's
// question before it looks at any passage.
type question struct {
	terms []queryTerm
	// linkWeight is the weight of the link terms as a group; 0 without.
	linkWeight float64
	// total is the weight a sentence holding every term would carry.
	total float64
	cue   answerType
	// prior is set when the question asks about an earlier state ("before",
	// "previously"); sentences saying "former" or "previously" then match.
	prior bool
	// pairs are the indexes into terms of words that stand next to each
	// other in the question ("Ukraine's delegation"); a sentence holding
	// them close together likely speaks of the same thing.
	pairs [][2]int
	// names are the names the question uses ("Ursula von der Leyen",
	// "FIFA World Cup"), each as the indexes of its words in terms. The
	// articles must mention at least half the words of every name for the
	// question to be about them.
	names [][]int
	// nameWeights are the weights of the names, the sum of their words'.
	// A name counts as a whole: "Rubio" names Marco Rubio (see nameCredit).
	nameWeights []float64
	// roles are the offices a person question names ("Who is the mayor of
	// Istanbul?"): the answer must name someone holding one of them.
	roles []string
	// counted holds the noun a "how many" question counts, when it names
	// one: the figure must stand by it.
	counted []queryTerm
	// countries are the terms naming a country or nationality in a
	// question about an office ("the Turkish president"): a sentence that
	// gives the office to another country's holder names someone else.
	countries []queryTerm
	// coordinated is set when the question joins several subjects ("the
	// Ukrainian and Russian delegations"), so one sentence may not answer
	// all of it.
	coordinated bool
	// words holds the question's normalised words, stopwords included, so
	// answer cues ignore what the question already says.
	words map[string]bool
}

// Weights that shape a question's terms; see queryTerm.weight.
const (
	frameWeight      = 0.3 // "say", "happen", the "long" of "how long"
	correctedWeight  = 0.7 // the index guessed the spelling
	linkShare        = 0.5 // of a typical term, for the link group
	unknownVerbShare = 0.5 // of a typical term, for an unknown verb form
)

// parseQuestion analyses q with the retriever's own analysis (stems, IDF,
// spelling correction). links holds earlier questions a follow-up leans on.
func parseQuestion(r answer.Retriever, q string, links []string) question {
	words := retrieval.Words(q)
	qs := question{
		cue:   detectAnswerType(words),
		prior: mentionsPrior(words),
		words: map[string]bool{},
	}
	qs.coordinated = strings.ContainsAny(q, ",;&")
	for _, w := range words {
		qs.words[w] = true
		if w == "and" || w == "or" || w == "both" {
			qs.coordinated = true
		}
		if qs.cue == cuePerson && isRoleNoun(w) && !isGenericRole(w) {
			qs.roles = append(qs.roles, w)
		}
	}
	terms := checkedTerms(r, q)
	frame := frameWords(words)
	typical := typicalIDF(terms, frame)
	qs.addTerms(terms, frame, typical)
	qs.addNames(capitalRuns(q))
	qs.markFocus(q, words)
	for _, l := range links {
		qs.addLinks(checkedTerms(r, l), frameWords(retrieval.Words(l)), typical)
		if qs.cue == cueNone {
			qs.cue = detectAnswerType(retrieval.Words(l))
		}
	}
	if qs.hasLinks() && !qs.hasOwnContent() && refersToEvent(words) {
		// "When did that happen?": the question's subject is wholly the
		// earlier question's event, so its terms count in full, not as a
		// link. "Where were they held?" only borrows a noun: a link.
		qs.promoteLinks()
	}
	if qs.hasLinks() {
		qs.linkWeight = linkShare * typical
	}
	full := make([]float64, len(qs.terms))
	for i := range full {
		full[i] = 1
	}
	qs.total = qs.held(full)
	return qs
}

// addTerms adds the question's own terms, once per stem, and records which
// stand next to each other.
func (qs *question) addTerms(terms []retrieval.Term, frame map[string]bool, typical float64) {
	seen := map[string]int{}
	prev := -1
	for _, t := range terms {
		i, dup := seen[t.Stem]
		if !dup {
			i = len(qs.terms)
			seen[t.Stem] = i
			qt := newQueryTerm(t, typical)
			qt.frame = frame[t.Word]
			if qt.frame {
				// A rare frame word ("took" place) weighs no more than
				// a typical one: it still only frames the question.
				qt.weight = frameWeight * min(qt.weight, typical)
			}
			qs.terms = append(qs.terms, qt)
		}
		if frame[t.Word] {
			prev = -1
			continue
		}
		if prev >= 0 && prev != i {
			qs.pairs = append(qs.pairs, [2]int{prev, i})
		}
		prev = i
	}
}

// markFocus records the parts the question's words play: which are verbs,
// which noun a "how many" counts, which words name the country of an
// office asked about.
func (qs *question) markFocus(q string, words []string) {
	verbs := verbUses(q)
	counted := countedNoun(words)
	plain, capital := plainWords(q)
	for i := range qs.terms {
		t := &qs.terms[i]
		t.verb = verbs[t.word]
		if counted != "" && t.word == counted && len(qs.counted) == 0 {
			qs.counted = append(qs.counted, *t)
		}
		if len(qs.roles) > 0 {
			if j := slices.Index(plain, t.word); j >= 0 && isCountryWord(t.word, capital[j]) {
				qs.countries = append(qs.countries, *t)
			}
		}
	}
}

// addLinks adds the content terms of an earlier question as link terms.
func (qs *question) addLinks(terms []retrieval.Term, frame map[string]bool, typical float64) {
	for _, t := range terms {
		if frame[t.Word] || slices.ContainsFunc(qs.terms, func(q queryTerm) bool { return q.stem == t.Stem }) {
			continue
		}
		qt := newQueryTerm(t, typical)
		qt.link = true
		qs.terms = append(qs.terms, qt)
	}
}

// hasOwnContent reports whether the question names anything itself, beyond
// frame words.
func (qs *question) hasOwnContent() bool {
	return slices.ContainsFunc(qs.terms, func(t queryTerm) bool { return !t.link && !t.frame })
}

// promoteLinks makes the link terms the question's own.
func (qs *question) promoteLinks() {
	for i := range qs.terms {
		qs.terms[i].link = false
	}
}

func (qs *question) hasLinks() bool {
	return slices.ContainsFunc(qs.terms, func(t queryTerm) bool { return t.link })
}

// held is the weight a sentence with the given per-term credit carries: the
// question's own terms by their weights, the link terms as one group by the
// best of them.
func (qs *question) held(credit []float64) float64 {
	return qs.heldOf(credit, true)
}

// heldOf is held, counting frame words only when withFrame is set.
func (qs *question) heldOf(credit []float64, withFrame bool) float64 {
	var sum, link float64
	for i, t := range qs.terms {
		switch {
		case t.frame && !withFrame:
		case t.link:
			link = max(link, credit[i])
		case t.name < 0:
			sum += t.weight * credit[i]
		}
	}
	for n := range qs.names {
		sum += qs.nameWeights[n] * qs.nameCredit(n, credit)
	}
	return sum + qs.linkWeight*link
}

// surnameShare is the credit a name gets from its last word alone:
// "Rubio" most likely is Marco Rubio, but not certainly.
const surnameShare = 0.85

// nameCredit is how much of name n a sentence with the given per-term
// credit holds: the weighted share of its words, or most of it for its
// last word alone. "World" is not the "FIFA World Cup", nor "United" the
// "United States".
func (qs *question) nameCredit(n int, credit []float64) float64 {
	name := qs.names[n]
	var held float64
	for _, i := range name {
		held += qs.terms[i].weight * credit[i]
	}
	share := held / qs.nameWeights[n]
	if len(name) > 1 {
		share = max(share, surnameShare*credit[name[len(name)-1]])
	}
	return share
}

// tooThin reports whether the question's own relation is unknown to the
// articles and too little else grounds it: its verb is a word no article
// uses ("who chaired the meeting?") and at most one other content word is
// known. The unknown verb usually is a paraphrase, which the scoring
// tolerates, but with a single known word left any sentence holding that
// word ("a meeting between Putin and Trump") would pass for the answer.
func (qs *question) tooThin() bool {
	unknownVerb, known := false, 0
	for _, t := range qs.terms {
		switch {
		case t.link || t.frame:
		case t.verb && !t.known:
			unknownVerb = true
		case t.known:
			known++
		}
	}
	return unknownVerb && known <= 1
}

// newQueryTerm weighs one analysed term. A word the corpus does not know
// gets the typical IDF of the question rather than the maximum: a lower-case
// unknown is as often a paraphrase ("chaired") as a sign the topic is
// missing, and unknown names are caught against the passages.
func newQueryTerm(t retrieval.Term, typical float64) queryTerm {
	qt := queryTerm{stem: t.Stem, word: t.Word, known: t.Known, weight: t.IDF, alts: equivalents(t.Stem), name: -1}
	switch {
	case !t.Known && looksLikeVerb(t.Word):
		// "chaired", "passed": a verb the articles word differently.
		qt.weight = unknownVerbShare * typical
	case !t.Known:
		qt.weight = typical
	case t.Corrected:
		qt.weight *= correctedWeight
	}
	return qt
}

// typicalIDF is the median IDF of the known content terms (frame words
// left out), or 1 when none is known.
func typicalIDF(terms []retrieval.Term, frame map[string]bool) float64 {
	var idfs []float64
	for _, t := range terms {
		if t.Known && !frame[t.Word] {
			idfs = append(idfs, t.IDF)
		}
	}
	if len(idfs) == 0 {
		return 1
	}
	slices.Sort(idfs)
	return idfs[len(idfs)/2]
}

// addNames records the question's names (runs of capitalised words) by
// the terms they are made of; words that are no terms ("von", "der") are
// left out.
func (qs *question) addNames(runs [][]string) {
	for _, run := range runs {
		var idx []int
		for _, w := range run {
			for _, nw := range retrieval.Words(w) {
				i := slices.IndexFunc(qs.terms, func(t queryTerm) bool { return t.word == nw && !t.link && t.name < 0 })
				if i >= 0 && !slices.Contains(idx, i) {
					idx = append(idx, i)
				}
			}
		}
		if len(idx) == 0 {
			continue
		}
		weight := 0.0
		for _, i := range idx {
			qs.terms[i].name = len(qs.names)
			weight += qs.terms[i].weight
		}
		qs.names = append(qs.names, idx)
		qs.nameWeights = append(qs.nameWeights, weight)
	}
}
