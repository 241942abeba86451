package extractive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/retrieval"
)

// qterm is one content word of a question, with what may stand for it in
// an answer sentence.
type qterm struct {
	norm, stem, lemma string
	idf               float64
	weight            float64 // idf × 1 for the question's own words, less for words of earlier turns
	known             bool    // the index holds the word (or its correction)
	related           map[string]bool
	antonyms          map[string]bool
	name              bool // written as a name (capitalised, not first) or a number
	pos               int // order in the question
}

// question is an analysed question.
type question struct {
	text  string
	toks  []token
	terms []qterm // the question's own content words
	links []qterm // content words of the earlier turns it leans on
	want  kind    // what kind of answer it asks for
	head  string  // the head noun of "which city", "what is the name of the village" (a lemma)
	wh    string  // the question word, or "" for a yes/no question
	neg   bool    // the question is negated ("why has Beta not agreed")
	stems map[string]bool
}

// Weight of a word that comes from an earlier turn rather than the question.
const linkWeight = 0.35

// parseQuestion analyses q; links are earlier questions of the
// conversation that q leans on.
func (e *Engine) parseQuestion(q string, links []string) *question {
	pq := &question{text: q, toks: tokenize(q, e.lex), stems: map[string]bool{}}
	for _, t := range pq.toks {
		pq.stems[t.stem] = true
		pq.stems[t.lemma] = true
		if e.lex.IsNegation(t.norm) {
			pq.neg = true
		}
	}
	pq.terms = e.terms(q, 1, 0)
	names := map[string]bool{}
	for i, t := range pq.toks {
		if (t.cap && i > 0) || t.num {
			names[t.norm] = true
		}
	}
	for i := range pq.terms {
		pq.terms[i].name = names[pq.terms[i].norm]
	}
	seen := map[string]bool{}
	for _, t := range pq.terms {
		seen[t.stem] = true
	}
	for _, l := range links {
		for _, t := range e.terms(l, linkWeight, len(pq.terms)) {
			if !seen[t.stem] {
				seen[t.stem] = true
				pq.links = append(pq.links, t)
			}
		}
	}
	pq.want, pq.head, pq.wh = e.answerKind(pq.toks, q)
	return pq
}

// terms analyses the content words of text through the retriever, so
// their stems, spelling corrections and IDF are the index's own.
func (e *Engine) terms(text string, weight float64, pos int) []qterm {
	var out []qterm
	for i, t := range e.r.Terms(text) {
		if e.lex.IsStopword(t.Word) {
			continue
		}
		qt := qterm{norm: t.Word, stem: t.Stem, idf: t.IDF, weight: weight * t.IDF, known: t.Known, pos: pos + i}
		qt.lemma = e.lex.Lemma(t.Word)
		qt.related = map[string]bool{}
		for _, r := range e.lex.Related(qt.lemma) {
			qt.related[r] = true
		}
		qt.antonyms = map[string]bool{}
		for _, a := range e.lex.Antonyms(qt.lemma) {
			qt.antonyms[a] = true
		}
		out = append(out, qt)
	}
	return out
}

// answerKind derives what a question asks for from its question word and,
// for "what"/"which" questions, the class of its head noun in WordNet:
// "which city" asks for a place because a city is a location.
func (e *Engine) answerKind(toks []token, text string) (kind, string, string) {
	wh := -1
	for i, t := range toks {
		if e.lex.IsQuestionWord(t.norm) {
			wh = i
			break
		}
	}
	if wh < 0 {
		if len(toks) > 0 && e.lex.IsAuxiliary(toks[0].norm) {
			return kindYesNo, "", ""
		}
		return kindManner, "", ""
	}
	w := toks[wh].norm
	next := func(i int) string {
		if wh+i < len(toks) {
			return toks[wh+i].norm
		}
		return ""
	}
	switch w {
	case "who", "whom", "whose":
		// "Who is Michael Anton?" asks for a description of a name.
		if e.lex.IsAuxiliary(next(1)) && wh+2 < len(toks) && toks[wh+2].cap && wh+3 >= len(toks) || wh+2 < len(toks) && toks[wh+2].cap && allCaps(toks[wh+2:]) {
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
			if h := e.headNoun(toks, wh+2, text); h != "" {
				if k := e.classOf(h); k == kindMoney || k == kindPercent || k == kindDuration {
					return k, h, w
				}
			}
			return kindNumber, "", w
		case n == "long":
			return kindDuration, "", w
		case e.lex.IsDegreeAdjective(n):
			return kindNumber, "", w
		}
		return kindManner, "", w
	}
	h := e.headNoun(toks, wh+1, text)
	if h == "" {
		return kindManner, "", w
	}
	return e.classOf(h), h, w
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
// through "name of" ("the name of the village" → village). It uses prose's
// part-of-speech tags.
func (e *Engine) headNoun(toks []token, from int, text string) string {
	tags := e.posTags(text, toks)
	i := from
	for i < len(toks) && (e.lex.IsAuxiliary(toks[i].norm) || tags[i] == "DT" || tags[i] == "PRP$") {
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
// WordNet hypernyms.
func (e *Engine) classOf(head string) kind {
	switch {
	case head == "name":
		return kindName
	case e.lex.IsA(head, "person"):
		return kindPerson
	case e.lex.IsA(head, "percentage") || e.lex.IsA(head, "proportion"):
		return kindPercent
	case e.lex.IsA(head, "monetary unit") || e.lex.IsA(head, "sum") || e.lex.IsA(head, "cost"):
		return kindMoney
	case e.lex.IsA(head, "time period") && !e.lex.IsA(head, "calendar month") && head != "year" && head != "day" && head != "date":
		return kindDuration
	case e.lex.IsA(head, "date") || e.lex.IsA(head, "time unit") || e.lex.IsA(head, "calendar month") || head == "year":
		return kindDate
	case e.lex.IsA(head, "location") || e.lex.IsA(head, "structure") || e.lex.IsA(head, "geological formation"):
		return kindPlace
	case e.lex.IsA(head, "organization") || e.lex.IsA(head, "social group"):
		return kindOrg
	case e.lex.IsA(head, "number") || e.lex.IsA(head, "amount") || e.lex.IsA(head, "quantity"):
		return kindNumber
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

// questionWords returns the normalised words of q, for follow-up checks.
func questionWords(q string) []string { return retrieval.Words(q) }
