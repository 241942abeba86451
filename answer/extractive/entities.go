package extractive

import (
	"strings"
	"unicode/utf8"
)

// kind is what an entity or an asked-for answer is.
type kind uint8

// Kinds of entities and of answers.
const (
	kindNone     kind = iota
	kindPerson        // a person (NER PERSON)
	kindPlace         // a place or building (NER GPE, FACILITY)
	kindOrg           // an organisation (NER ORGANIZATION)
	kindName          // a proper name the NER model could not type
	kindNumber        // a count or amount: "12,000", "dozens", "a fifth"
	kindDate          // a date or year: "March 2019", "Friday", "1998"
	kindDuration      // a span of time: "90 minutes", "two hours"
	kindMoney         // an amount of money: "$5 million"
	kindPercent       // a share: "12 percent"
	kindReason        // an explanation (why)
	kindManner        // a way or a description (how, what)
	kindYesNo         // a yes/no question
)

var kindNames = [...]string{"", "person", "place", "organisation", "name", "number", "date", "duration", "amount of money", "share", "reason", "description", "yes/no"}

func (k kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// specific reports whether an answer of kind k is a short span that a
// sentence either holds or does not.
func (k kind) specific() bool {
	return k >= kindPerson && k <= kindPercent
}

// accepts reports whether an entity of kind e answers a question asking
// for kind k.
func (k kind) accepts(e kind) bool {
	switch k {
	case kindPerson:
		return e == kindPerson
	case kindPlace:
		return e == kindPlace
	case kindOrg:
		return e == kindOrg
	case kindName:
		return e == kindPerson || e == kindPlace || e == kindOrg || e == kindName
	case kindNumber:
		return e == kindNumber || e == kindMoney || e == kindPercent
	case kindDate:
		return e == kindDate
	case kindDuration:
		return e == kindDuration
	case kindMoney:
		return e == kindMoney || e == kindNumber
	case kindPercent:
		return e == kindPercent || e == kindNumber
	}
	return false
}

// weaklyAccepts reports whether an entity of kind e may answer a question
// asking for kind k when the NER model is unsure: an untyped proper name
// for a person, place or organisation.
func (k kind) weaklyAccepts(e kind) bool {
	switch k {
	case kindPerson, kindPlace, kindOrg:
		return e == kindName || e == kindPerson || e == kindPlace || e == kindOrg
	case kindNumber:
		return k.accepts(e) || e == kindDuration
	case kindDate, kindDuration:
		// A clock time ("0930 GMT") or a bare figure may be the date or the
		// span asked for.
		return k.accepts(e) || e == kindNumber || e == kindDate || e == kindDuration
	}
	return k.accepts(e)
}

// entity is a typed span of a sentence.
type entity struct {
	start, end int // byte span in the sentence text
	kind       kind
	first      int // index of its first token
	last       int // index of its last token
}

// recognizeQuantities finds numbers, amounts, shares, durations and dates
// among toks of text, from the lexicon's closed classes and WordNet's
// units of time and money.
func recognizeQuantities(text string, toks []token, lex wordKnowledge) []entity {
	var out []entity
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case isMonth(t.norm) && (t.cap || t.norm != "may"):
			j := i
			for j+1 < len(toks) && toks[j+1].num && j+1 <= i+2 {
				j++
			}
			first := i
			if i > 0 && toks[i-1].num && len(toks[i-1].norm) <= 2 {
				first = i - 1
			}
			out = append(out, entity{start: toks[first].start, end: toks[j].end, kind: kindDate, first: first, last: j})
			i = j
		case isWeekday(t.norm) && t.cap:
			out = append(out, entity{start: t.start, end: t.end, kind: kindDate, first: i, last: i})
		case isYear(t.norm) && !(i+1 < len(toks) && isUnitAfter(toks[i+1], lex)):
			end := i
			if i+1 < len(toks) && (toks[i+1].norm == "s") {
				end = i + 1
			}
			out = append(out, entity{start: t.start, end: toks[end].end, kind: kindDate, first: i, last: end})
		case t.num || isQuantityWord(t.norm):
			j := i
			for j+1 < len(toks) && (toks[j+1].num || toks[j+1].norm == "and" && j+2 < len(toks) && toks[j+2].num) && !isYear(toks[j+1].norm) {
				j++
			}
			k := kindNumber
			last := j
			switch next := j + 1; {
			case next < len(toks) && isTimeUnit(lex, toks[next].lemma):
				k, last = kindDuration, next
			case next < len(toks) && (toks[next].norm == "percent" || toks[next].norm == "per" || strings.HasPrefix(text[toks[j].end:], "%")):
				k, last = kindPercent, next
			case next < len(toks) && isCurrency(lex, toks[next].lemma):
				k, last = kindMoney, next
			case toks[i].start > 0 && strings.ContainsAny(lastRune(text[:toks[i].start]), "$€£¥"):
				k = kindMoney
			}
			if k == kindNumber && !t.num && !isQuantityWord(t.norm) {
				continue
			}
			out = append(out, entity{start: toks[i].start, end: toks[last].end, kind: k, first: i, last: last})
			i = last
		}
	}
	return out
}

func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// isYear reports whether w is a four-digit year between 1000 and 2099.
func isYear(w string) bool {
	if len(w) != 4 || (w[0] != '1' && w[0] != '2') {
		return false
	}
	for i := range 4 {
		if !isDigitByte(w[i]) {
			return false
		}
	}
	return w[0] == '1' || w[1] == '0'
}

// isUnitAfter reports whether t, following a number, makes it a measure
// rather than a year ("2000 years", "1500 people").
func isUnitAfter(t token, lex wordKnowledge) bool {
	return isTimeUnit(lex, t.lemma) || isCurrency(lex, t.lemma) || (!t.cap && !t.stop && !t.num)
}

// properRuns returns the runs of capitalised non-closed-class tokens that
// do not open the sentence: names the NER model may have missed.
func properRuns(toks []token) []entity {
	var out []entity
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap || toks[i].num || (toks[i].stop && i > 0) || i == 0 {
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j+1].cap && !toks[j+1].num {
			j++
		}
		out = append(out, entity{start: toks[i].start, end: toks[j].end, kind: kindName, first: i, last: j})
		i = j
	}
	return out
}
