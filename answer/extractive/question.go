package extractive

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/lexicon"
	"footnote/retrieval"
)

// qterm is one content word of a question, with what may stand for it in
// an answer sentence.
type qterm struct {
	norm, stem, lemma string
	idf               float64
	weight            float64 // idf × 1 for the question's own words, less for words of earlier turns
	known             bool    // the index holds the word (or its correction)
	term              lexicon.Term
	memo              *wordMemo                // matchLevel by sentence word, shared by the questions holding the word
	sents             map[*sentence]*sentMatch // matchLevel by sentence, see match
	name              bool                     // written as a name (capitalised, not first) or a number
	pos               int                      // order in the question
	role              wordRole                 // the word's part of speech in the question
	vec               int32                    // row in the word vectors, -1 for none
	// coll is the multi-word lemma of the question the word is part of
	// ("wrap" of "wrap up"), as a term of its own, or nil: a sentence word
	// related to it ("concluded") stands for the word too.
	coll *qterm
}

// question is an analysed question.
type question struct {
	text     string
	toks     []token
	terms    []qterm // the question's own content words
	links    []qterm // content words of the earlier turns it leans on
	want     kind    // what kind of answer it asks for
	head     string  // the head noun of "which city", "what is the name of the river" (a lemma)
	headStem string
	wh       string // the question word, or "" for a yes/no question
	neg      bool   // the question is negated ("why has Beta not agreed")
	stems    map[string]bool
	// mean is the IDF-weighted mean word vector of terms that are not
	// names, nil when none has one.
	mean []float32
	// local weighs each of terms by how few of the candidate sentences
	// hold it (see localWeights); set when the candidates are read.
	local []float64
}

// Weight of a word that comes from an earlier turn rather than the question.
const linkWeight = 0.35

// parseQuestion analyses q; links are earlier questions of the
// conversation that q leans on. event, when not "", is the earlier
// question a demonstrative of q stands for ("that" in "when was that
// decided?" after "Did the council close the bridge?"): its words weigh as q's own.
func (e *Engine) parseQuestion(q string, links []string, event string) *question {
	pq := &question{text: q, toks: tokenize(q, e.lex), stems: map[string]bool{}}
	for _, t := range pq.toks {
		pq.stems[t.stem] = true
		pq.stems[t.lemma] = true
		if lexicon.IsNegation(t.norm) {
			pq.neg = true
		}
	}
	// The tagger runs once per question: for the answer kind, the head
	// noun and the terms' roles.
	tags := e.posTags(q, pq.toks)
	pq.want, pq.head, pq.wh = e.answerKind(pq.toks, tags)
	pq.headStem = retrieval.Stem(pq.head)
	pq.terms = e.terms(q, 1, 0)
	if len(pq.toks) > 0 {
		// A misspelt question word is not a content word ("wat" is not a
		// typo of "war").
		if _, ok := e.questionWordTypo(pq.toks[0].norm); ok {
			first := pq.toks[0].norm
			pq.terms = slices.DeleteFunc(pq.terms, func(t qterm) bool { return t.norm == first })
		}
	}
	// "how long", "how many", "how old": the word after "how" frames the
	// question; it is not something the answer sentence must repeat.
	for i, t := range pq.toks {
		if (t.norm == "how" || i == 0 && pq.wh == "how") && i+1 < len(pq.toks) && pq.want != kindManner {
			skip := pq.toks[i+1].norm
			pq.terms = slices.DeleteFunc(pq.terms, func(q qterm) bool { return q.norm == skip })
			break
		}
	}
	names := map[string]bool{}
	markNames(names, pq.toks)
	seen := map[string]bool{} // the stems of pq.terms
	for _, t := range pq.terms {
		seen[t.stem] = true
	}
	var etoks []token // the event's tokens, read once for names and roles
	if event != "" {
		for _, t := range e.terms(event, 1, len(pq.terms)) {
			if !seen[t.stem] {
				seen[t.stem] = true
				pq.terms = append(pq.terms, t)
			}
		}
		etoks = tokenize(event, e.lex)
		markNames(names, etoks)
	}
	for i := range pq.terms {
		pq.terms[i].name = names[pq.terms[i].norm]
	}
	setRoles(e.lex, pq.terms, pq.toks, tags)
	if event != "" {
		setRoles(e.lex, pq.terms, etoks, e.posTags(event, etoks))
	}
	e.joinCollocations(pq)
	// The mean leaves names out, as the sentences' does: in word vectors
	// "Turkish" is close to "Russian".
	for _, t := range pq.terms {
		if t.vec >= 0 && !t.name {
			if pq.mean == nil {
				pq.mean = make([]float32, vecDim)
			}
			e.lex.AddVec(pq.mean, t.vec, float32(t.idf))
		}
	}
	for _, l := range links {
		for _, t := range e.terms(l, linkWeight, len(pq.terms)) {
			if !seen[t.stem] {
				seen[t.stem] = true
				pq.links = append(pq.links, t)
			}
		}
	}
	return pq
}

// markNames adds to names the norms of toks written as names: capitalised
// after the first word, or numbers.
func markNames(names map[string]bool, toks []token) {
	for i, t := range toks {
		if (t.cap && i > 0) || t.num {
			names[t.norm] = true
		}
	}
}

// terms analyses the content words of text through the retriever, so
// their stems, spelling corrections and IDF are the index's own.
func (e *Engine) terms(text string, weight float64, pos int) []qterm {
	var out []qterm
	for i, t := range e.r.Terms(text) {
		if lexicon.IsStopword(t.Word) {
			continue
		}
		qt := qterm{norm: t.Word, stem: t.Stem, idf: t.IDF, weight: weight * t.IDF, known: t.Known, pos: pos + i}
		if t.Corrected && e.lex.Known(t.Word) {
			// A real English word the articles never use ("chaired") is not
			// a typo of one they do ("changed"): keep it, unmatched.
			qt.stem, qt.known = retrieval.Stem(t.Word), false
		}
		qt.lemma = e.lex.Lemma(t.Word)
		qt.term = e.lex.Term(t.Word)
		qt.memo = e.memos.of(t.Word) // levels depend on the word alone
		if qt.vec = e.lex.Vec(t.Word); qt.vec < 0 {
			qt.vec = e.lex.Vec(qt.lemma)
		}
		out = append(out, qt)
	}
	return out
}

// joinCollocations gives each content word of a multi-word lemma in the
// question ("United Nations", "wrap up") that lemma as its coll.
func (e *Engine) joinCollocations(pq *question) {
	for _, c := range collocations(pq.toks, e.lex) {
		cq := &qterm{norm: c.tok.norm, stem: c.tok.stem, lemma: c.tok.lemma, term: c.tok.term,
			memo: e.memos.of(c.tok.norm), vec: -1}
		for _, t := range pq.toks[c.from : c.from+c.n] {
			for i := range pq.terms {
				if pq.terms[i].norm == t.norm && pq.terms[i].coll == nil {
					pq.terms[i].coll = cq
				}
			}
		}
	}
}

// questionWordTypo returns the question word w misspells, when w is not
// a word WordNet knows.
func (e *Engine) questionWordTypo(w string) (string, bool) {
	if e.lex.Known(w) {
		return "", false
	}
	return lexicon.QuestionWordTypo(w)
}

// answerKind derives what a question asks for from its question word and,
// for "what"/"which" questions, the class of its head noun in WordNet:
// "which city" asks for a place because a city is a location. tags are
// toks' part-of-speech tags (posTags).
func (e *Engine) answerKind(toks []token, tags []string) (kind, string, string) {
	wh := -1
	fix := ""
	for i, t := range toks {
		if lexicon.IsQuestionWord(t.norm) {
			wh = i
			break
		}
	}
	if wh < 0 && len(toks) > 0 {
		// "wat time was the meeting": a misspelt question word opening
		// the question, if the dictionary does not know the word.
		if q, ok := e.questionWordTypo(toks[0].norm); ok {
			wh, fix = 0, q
		}
	}
	if wh < 0 {
		if len(toks) > 0 && lexicon.IsAuxiliary(toks[0].norm) {
			return kindYesNo, "", ""
		}
		return kindManner, "", ""
	}
	w := toks[wh].norm
	if fix != "" {
		w = fix
	}
	next := func(i int) string {
		if wh+i < len(toks) {
			return toks[wh+i].norm
		}
		return ""
	}
	switch w {
	case "who", "whom", "whose":
		// "Who is Michael Anton?" asks for a description of a name.
		if lexicon.IsAuxiliary(next(1)) && wh+2 < len(toks) && toks[wh+2].cap && wh+3 >= len(toks) || wh+2 < len(toks) && toks[wh+2].cap && allCaps(toks[wh+2:]) {
			return kindManner, "", w
		}
		return kindPerson, "person", w
	case "when":
		return kindDate, "", w
	case "where":
		return kindPlace, "", w
	case "why":
		return kindReason, "", w
	case "how":
		switch n := next(1); {
		case n == "many" || n == "much":
			if h := e.headNoun(toks, tags, wh+2); h != "" {
				if k := e.classOf(h, true); k == kindMoney || k == kindPercent || k == kindDuration {
					return k, h, w
				}
			}
			return kindNumber, "", w
		case n == "long":
			return kindDuration, "", w
		case lexicon.IsAuxiliary(n):
			// "how do ferries cross the strait": a manner, whatever the tagger
			// makes of "do".
			return kindManner, "", w
		case n != "" && strings.HasPrefix(tags[wh+1], "JJ"):
			// "how old", "how far", "how big": a measure.
			return kindNumber, "", w
		}
		return kindManner, "", w
	}
	h := e.headNoun(toks, tags, wh+1)
	if h == "" {
		return kindManner, "", w
	}
	return e.classOf(h, false), h, w
}

// allCaps reports whether every token of toks is capitalised.
func allCaps(toks []token) bool {
	for _, t := range toks {
		if !t.cap {
			return false
		}
	}
	return len(toks) > 0
}

// headNoun returns the lemma of the noun a "what/which" question asks
// about, starting at token from: the last noun of the first noun group,
// skipping a copula and determiners ("what is the capital"), and looking
// through "name of" ("the name of the river" → river); "" when a
// do-support or modal auxiliary comes first ("what did the council
// decide"), whose noun is the subject. It reads
// prose's part-of-speech tags of toks (posTags).
func (e *Engine) headNoun(toks []token, tags []string, from int) string {
	i := from
	for i < len(toks) && (lexicon.IsAuxiliary(toks[i].norm) || tags[i] == "DT" || tags[i] == "PRP$") {
		if lexicon.IsAuxiliary(toks[i].norm) && !lexicon.IsCopula(toks[i].norm) {
			// "what did the merchant do", "what can members ask": the
			// noun after "do", "have" or a modal is the clause's
			// subject, not the thing asked for.
			return ""
		}
		i++
	}
	head := ""
	for ; i < len(toks); i++ {
		tag := tags[i]
		if strings.HasPrefix(tag, "NN") || (tag == "JJ" && head == "") {
			if strings.HasPrefix(tag, "NN") {
				head = toks[i].lemma
			}
			continue
		}
		if head == "name" || head == "kind" || head == "type" || head == "sort" {
			if toks[i].norm == "of" {
				head = ""
				for i+1 < len(toks) && (tags[i+1] == "DT" || tags[i+1] == "JJ") {
					i++
				}
				continue
			}
		}
		break
	}
	if head == "" && i < len(toks) && (toks[i].norm == "name") {
		return "name"
	}
	return head
}

// posTags returns prose's tag for each of toks (which were cut from text),
// or "" where the tagger's tokens do not line up.
func (e *Engine) posTags(text string, toks []token) []string {
	out := make([]string, len(toks))
	tagged, _ := e.tagger.tag(text, false)
	at := map[int]string{}
	from := 0
	for _, t := range tagged {
		i := strings.Index(text[from:], t.text)
		if i < 0 {
			continue
		}
		at[from+i] = t.tag
		from += i + len(t.text)
	}
	for i, t := range toks {
		out[i] = at[t.start]
	}
	return out
}

// classOf maps a head noun onto the kind of answer it asks for, by its
// WordNet hypernyms. WordNet's classes cover every sense of a word ("date"
// is also a companion, "country" also a political unit), so the classes
// are tried in an order that favours the common reading of a head noun in
// a question: time, shares, money, places, people, figures, groups.
// counting is true under "how many/much", where a unit of time asks for a
// duration rather than a date.
func (e *Engine) classOf(head string, counting bool) kind {
	if head == "name" {
		return kindName
	}
	// The classes are tried over every sense, so a head whose most likely
	// sense is none of them asks for a description: "what job" is an
	// occupation (noun.act), though one sense of "job" is a workplace.
	t := e.lex.Term(head)
	s, ok := e.lex.Supersense(&t)
	if ok {
		switch s {
		case lexicon.NounLocation, lexicon.NounPerson, lexicon.NounTime, lexicon.NounQuantity,
			lexicon.NounGroup, lexicon.NounPossession, lexicon.NounRelation, lexicon.NounArtifact,
			lexicon.NounObject:
		default:
			return kindManner
		}
	}
	isA := func(class string) bool { return e.lex.IsA(head, class) }
	switch {
	case isA("time period") || isA("time unit"):
		if counting {
			return kindDuration
		}
		return kindDate
	case isA("percentage") || isA("proportion"):
		return kindPercent
	case isA("monetary unit") || isA("sum") || isA("cost") || isA("price"):
		return kindMoney
	case isA("location") || isA("structure") || isA("geological formation") || isA("body of water"):
		return kindPlace
	case isA("person") && (!ok || s == lexicon.NounPerson):
		// A person only when that is the word's most likely sense: a
		// rock or a company is a person in some sense of WordNet's.
		return kindPerson
	case isA("number") || isA("quantity"):
		return kindNumber
	case isA("organization") || isA("social group"):
		return kindOrg
	}
	return kindManner
}

// declinePhrase is what a decline says the articles don't hold: the
// question turned into a clause ("who chaired the talks"), or "" when it
// does not read as one.
func declinePhrase(q *question) string {
	s := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(q.text), "?!. "))
	if q.wh == "" || len(q.toks) == 0 || len(q.toks) > 14 || !strings.EqualFold(firstWord(s), q.wh) {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}
