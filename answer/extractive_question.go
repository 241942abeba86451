package answer

import (
	"slices"
	"strings"
	"unicode"

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
func parseQuestion(r Retriever, q string, links []string) question {
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
	for _, l := range links {
		qs.addLinks(checkedTerms(r, l), frameWords(retrieval.Words(l)), typical)
		if qs.cue == cueNone {
			qs.cue = detectAnswerType(retrieval.Words(l))
		}
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

// checkedTerms analyses q with the retriever, keeping a spelling
// correction only when it is close (see plausibleCorrection): the index may
// guess boldly for recall ("chaired" → "chang"), an answer cannot afford to.
// A rejected correction leaves the word unknown.
func checkedTerms(r Retriever, q string) []retrieval.Term {
	terms := r.Terms(q)
	for i, t := range terms {
		if t.Corrected && !plausibleCorrection(t.Word, t.Stem) {
			terms[i].Stem, terms[i].Known, terms[i].Corrected = retrieval.Stem(t.Word), false, false
		}
	}
	return terms
}

// fixQuestionWord corrects a misspelt question word at the start of q
// ("Wher did ...", "Hwo led ..."), one edit away, so the answer type is
// read and the word is not taken for a term. A real word is left alone:
// "Were", "That" and "Then" are function words, not typos.
func fixQuestionWord(q string) string {
	trimmed := strings.TrimLeft(q, " \t")
	end := strings.IndexFunc(trimmed, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(trimmed)
	}
	first := strings.ToLower(trimmed[:end])
	if len(first) < 3 || retrieval.IsStopword(first) {
		return q
	}
	for _, wh := range []string{"who", "what", "when", "where", "which", "why", "how", "whom", "whose"} {
		if editDistance(first, wh) == 1 {
			if unicode.IsUpper(rune(trimmed[0])) {
				wh = strings.ToUpper(wh[:1]) + wh[1:]
			}
			return wh + trimmed[end:]
		}
	}
	return q
}

// isGenericRole reports whether an office noun fits anyone in office
// ("Which official ..."), so it does not narrow who the answer is.
func isGenericRole(w string) bool {
	switch w {
	case "official", "officials", "representative", "delegate", "diplomat":
		return true
	}
	return false
}

// looksLikeVerb reports whether an unknown word has the ending of an
// English past or participle verb form. Verbs carry the question's relation
// and are often paraphrased; nouns carry its topic, and an unknown noun
// ("population", "weather") is a sign the articles are about something else.
func looksLikeVerb(w string) bool {
	return (len(w) > 4 && strings.HasSuffix(w, "ed")) || (len(w) > 5 && strings.HasSuffix(w, "ing"))
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

// frameWords returns the words of a question that frame it rather than
// name its subject: frame words proper, the noun after "what" or "how" that
// names the answer type ("what share", "how long"), and the "place" of
// "take place".
func frameWords(words []string) map[string]bool {
	out := cueHeadWords(words)
	for i, w := range words {
		if isFrameWord(w) {
			out[w] = true
		}
		if w == "place" && i > 0 && isFrameWord(words[i-1]) {
			out[w] = true
		}
	}
	return out
}

// isFrameWord reports whether a question word frames the question ("what
// did X say", "what happened") rather than naming what it is about. Such
// words rarely appear in the answering sentence, so they weigh little.
func isFrameWord(w string) bool {
	switch w {
	case "say", "says", "said", "tell", "told", "describe", "described",
		"mention", "mentioned", "report", "reported", "happen", "happened",
		"happens", "occur", "occurred", "mean", "means", "meant", "think",
		"know", "known", "make", "made", "get", "got", "go", "went", "give",
		"announce", "announced", "according", "take", "took", "taken",
		"taking", "hold", "held", "holds", "happening", "do", "done", "exactly", "please", "actually",
		"really", "kind", "sort", "type", "thing", "things", "anything",
		"something", "also", "ever", "still", "now", "today", "currently",
		// Function words the index keeps; in a question they only
		// frame it. The prior words are matched by the prior cue.
		"since", "ago", "via", "per", "whether", "though", "although",
		"among", "within", "despite", "previous", "previously", "earlier",
		"prior", "formerly", "part", "member", "members":
		return true
	}
	return false
}

// plausibleCorrection reports whether the index's correction of word to
// the vocabulary stem is close enough to trust: the stem begins the word
// ("delegaton" → "deleg"), or the two differ by one edit in five letters or
// more ("peskow" → "peskov"), or by two in eight or more. Short words have
// too many neighbours ("pope" → "hope", "wary" → "war").
func plausibleCorrection(word, stem string) bool {
	own := retrieval.Stem(word)
	if len(stem) >= 5 && strings.HasPrefix(word, stem) {
		return true
	}
	d := editDistance(own, stem)
	n := min(len(own), len(stem))
	return (n >= 5 && d <= 1) || (n >= 8 && d <= 2)
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours each cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// mentionsPrior reports whether the question asks about an earlier state.
func mentionsPrior(words []string) bool {
	for _, w := range words {
		switch w {
		case "before", "previously", "formerly", "former", "earlier", "prior", "previous":
			return true
		}
	}
	return false
}
