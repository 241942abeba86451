package extractive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/lexicon"
	"footnote/retrieval"
)

// token is one word of a sentence or question.
type token struct {
	start, end int    // byte span in the text it was cut from
	norm       string // lowercased, accent-folded, possessive dropped
	stem       string // the index's stem of norm
	lemma      string // the WordNet base form of norm
	cap        bool   // starts with an upper-case letter
	num        bool   // a numeral: digits, or a number word
	stop       bool   // a closed-class word
	term       lexicon.Term
	vec        int32 // row in the word vectors, -1 for none (closed-class words and numbers have none)
}

// tokenize cuts text into word tokens with their byte offsets. Letters and
// digits make words; inner apostrophes stay ("don't"), the possessive "'s"
// is dropped from norm, hyphens split, and "12,000" and "1.5" stay whole.
func tokenize(text string, lex wordKnowledge) []token {
	var out []token
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		if end, ok := dottedAcronym(text, i); ok {
			out = append(out, newToken(text, start, end, lex))
			i = end
			continue
		}
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			switch {
			case isWordRune(r):
				i += size
				continue
			case (r == '\'' || r == '’') && i+size < len(text):
				if n, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(n) {
					i += size
					continue
				}
			case (r == ',' || r == '.') && i+1 < len(text) && isDigitByte(text[i-1]) && isDigitByte(text[i+1]):
				i++
				continue
			}
			break
		}
		out = append(out, newToken(text, start, i, lex))
	}
	return out
}

func newToken(text string, start, end int, lex wordKnowledge) token {
	raw := text[start:end]
	norm := retrieval.Normalize(raw)
	norm = strings.TrimSuffix(strings.TrimSuffix(norm, "'s"), "'")
	norm = strings.ReplaceAll(strings.ReplaceAll(norm, "'", ""), ".", "")
	r, _ := utf8.DecodeRuneInString(raw)
	t := token{start: start, end: end, norm: norm, cap: unicode.IsUpper(r)}
	t.stem = retrieval.Stem(norm)
	t.stop = lexicon.IsStopword(norm)
	t.num = unicode.IsDigit(r) || isNumberWord(norm)
	t.lemma = norm
	t.vec = -1
	if !t.num && !t.stop {
		t.term = lex.Term(norm)
		t.lemma = lex.Lemma(norm)
		if t.vec = lex.Vec(norm); t.vec < 0 {
			t.vec = lex.Vec(t.lemma)
		}
	}
	return t
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// sentence is one analysed sentence of a chunk.
type sentence struct {
	start, end int // byte span in the chunk's text
	text       string
	toks       []token
	colls      []colloc // the multi-word lemmas its tokens spell
	// ents are the numbers, dates and durations found in the sentence;
	// names are the NER model's names and the capitalised runs it left
	// untyped, found once nerDone (the model runs only on sentences that
	// rank near the top of some question, and a question reads names only
	// of the sentences it had tagged, so an answer never depends on the
	// questions asked before it).
	ents    []entity
	names   []entity
	nerDone bool
	// mean is the mean word vector of its content words, made on first use
	// (under the engine's lock); meanDone reports whether it was.
	mean     []float32
	meanDone bool
}

// meanVec returns the mean word vector of s's content words, leaving out
// names (words capitalised after the first: "Fidan", and also a title's
// "Minister"), nil when none has one.
func (s *sentence) meanVec(lex wordKnowledge) []float32 {
	if !s.meanDone {
		s.meanDone = true
		var acc []float32
		for i := range s.toks {
			if t := &s.toks[i]; t.vec >= 0 && (i == 0 || !t.cap) {
				if acc == nil {
					acc = make([]float32, vecDim)
				}
				lex.AddVec(acc, t.vec, 1)
			}
		}
		s.mean = acc
	}
	return s.mean
}

// chunkAnalysis is the analysis of one chunk, computed once and cached.
type chunkAnalysis struct {
	sents []*sentence
}

// analyzeChunk splits text into sentences and tokenizes them. Numbers,
// dates and durations are recognised here; names wait for tagNames.
func analyzeChunk(text string, lex wordKnowledge) *chunkAnalysis {
	ca := &chunkAnalysis{}
	for _, sp := range retrieval.Sentences(text) {
		s := &sentence{start: sp.Start, end: sp.End, text: text[sp.Start:sp.End]}
		s.toks = tokenize(s.text, lex)
		if len(s.toks) == 0 {
			continue
		}
		s.colls = collocations(s.toks, lex)
		s.ents = recognizeQuantities(s.text, s.toks, lex)
		ca.sents = append(ca.sents, s)
	}
	return ca
}

// dottedAcronym reports whether text at i holds a dotted acronym ("U.S.",
// "e.g.") and where it ends (after its last dot); its norm joins the
// letters, as retrieval.Words does ("us").
func dottedAcronym(text string, i int) (int, bool) {
	j, letters := i, 0
	for j+1 < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) || j+size >= len(text) || text[j+size] != '.' {
			break
		}
		j += size + 1
		letters++
	}
	return j, letters >= 2
}

// maxAntecedentBack is how many sentences back a personal pronoun's
// antecedent is looked for.
const maxAntecedentBack = 3

// antecedent returns the sentence of sents that sentence j leans on: for
// one opening with a personal pronoun ("She chaired the session"), the
// nearest of the maxAntecedentBack before it that holds a
// name, as "he" most often stands for the latest person named; else the
// sentence just before it (nil for the first).
func antecedent(sents []*sentence, j int) *sentence {
	if j == 0 {
		return nil
	}
	if leadsWithPersonalPronoun(sents[j]) {
		for k := j - 1; k >= 0 && k >= j-maxAntecedentBack; k-- {
			if holdsName(sents[k]) {
				return sents[k]
			}
		}
	}
	return sents[j-1]
}

// leadsWithPersonalPronoun reports whether s opens with "he", "she" or
// their other forms.
func leadsWithPersonalPronoun(s *sentence) bool {
	return len(s.toks) > 0 && lexicon.IsPersonalPronoun(s.toks[0].norm)
}

// holdsName reports whether s holds a capitalised content word after its
// first word: a name, by the cheap test that needs no NER model.
func holdsName(s *sentence) bool {
	for i := 1; i < len(s.toks); i++ {
		if t := &s.toks[i]; t.cap && !t.stop && !t.num {
			return true
		}
	}
	return false
}
