package fakeopenai

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Behaviour names a way the scripted model answers: right, or wrong in one
// of the ways real models are.
type Behaviour string

// The scripted behaviours. Each starts from the grounded answer: the
// passage sentence that shares most words with the question, cited by its
// passage's number.
const (
	// Grounded answers with the best sentence and the right marker.
	Grounded Behaviour = "grounded"
	// WrongMarkers states the right facts but cites the next passage.
	WrongMarkers Behaviour = "wrong-markers"
	// HallucinatedNumber changes the number in the answer, or adds one.
	HallucinatedNumber Behaviour = "hallucinated-number"
	// MarkerOutOfRange cites a passage the prompt does not have.
	MarkerOutOfRange Behaviour = "marker-out-of-range"
	// AllOnFirst answers with the two best sentences of two passages and
	// cites passage 1 for both.
	AllOnFirst Behaviour = "all-on-first"
	// MixedClaims adds an unsupported claim to the grounded one.
	MixedClaims Behaviour = "mixed-claims"
	// OtherLanguage answers in French, keeping the names.
	OtherLanguage Behaviour = "other-language"
)

// Behaviours lists every scripted behaviour.
var Behaviours = []Behaviour{Grounded, WrongMarkers, HallucinatedNumber, MarkerOutOfRange, AllOnFirst, MixedClaims, OtherLanguage}

// passageRe finds the fenced passages of a footnote prompt.
var passageRe = regexp.MustCompile(`(?s)<passage n="(\d+)"[^>]*>\n?(.*?)\n?</passage>`)

// questionRe finds the fenced question of a footnote prompt.
var questionRe = regexp.MustCompile(`(?s)<question>\n?(.*?)\n?</question>`)

// sentenceEndRe splits passage text into rough sentences (and lines).
var sentenceEndRe = regexp.MustCompile(`[.!?]["”’]?\s+|\n+`)

// digitsRe finds a run of digits.
var digitsRe = regexp.MustCompile(`\d[\d,]*`)

// Scripted returns a Responder that answers footnote's prompts the way b
// says. It reads the passages and the question from the last user message;
// a prompt with no passages gets the no-answer sentinel, as a well-behaved
// model would reply.
func Scripted(b Behaviour) Responder {
	return func(req ChatRequest) string {
		var user string
		for _, m := range req.Messages {
			if m.Role == "user" {
				user = m.Content
			}
		}
		q := ""
		if m := questionRe.FindStringSubmatch(user); m != nil {
			q = m[1]
		}
		ps := passageRe.FindAllStringSubmatch(user, -1)
		if len(ps) == 0 {
			return "NOT_IN_CORPUS"
		}
		best, second := bestSentences(q, ps)
		n := func(i int) string { return ps[i][1] }
		switch b {
		case WrongMarkers:
			return fmt.Sprintf("%s [%s].", best.text, n((best.passage+1)%len(ps)))
		case HallucinatedNumber:
			return fmt.Sprintf("%s [%s].", changeNumber(best.text), n(best.passage))
		case MarkerOutOfRange:
			return fmt.Sprintf("%s [%d].", best.text, len(ps)+5)
		case AllOnFirst:
			return fmt.Sprintf("%s [1]. %s [1].", best.text, second.text)
		case MixedClaims:
			return fmt.Sprintf("%s [%s]. The talks were also attended by Pope Francis and 4,000 observers [%s].", best.text, n(best.passage), n(best.passage))
		case OtherLanguage:
			return fmt.Sprintf("Selon les articles, c'est %s [%s].", strings.Join(capitalised(best.text), " "), n(best.passage))
		}
		return fmt.Sprintf("%s [%s].", best.text, n(best.passage))
	}
}

// scored is a passage sentence and how many question words it shares.
type scored struct {
	text    string
	passage int
	score   int
}

// bestSentences returns the passage sentence sharing most words with q,
// and the best sentence of another passage (the best one's passage when
// there is only one).
func bestSentences(q string, ps [][]string) (best, second scored) {
	want := map[string]bool{}
	for _, w := range prefixes(q) {
		want[w] = true
	}
	best, second = scored{score: -1}, scored{score: -1}
	for i, p := range ps {
		for _, s := range sentenceEndRe.Split(strings.TrimSpace(p[2]), -1) {
			s = strings.TrimRight(strings.TrimSpace(s), ".!?")
			if s == "" {
				continue
			}
			sc := 0
			for _, w := range prefixes(s) {
				if want[w] {
					sc++
				}
			}
			c := scored{text: s, passage: i, score: sc}
			switch {
			case sc > best.score:
				if best.passage != i && best.score >= 0 {
					second = best
				}
				best = c
			case i != best.passage && sc > second.score:
				second = c
			}
		}
	}
	if second.score < 0 {
		second = best
	}
	return best, second
}

// prefixes returns the distinct five-letter prefixes of the words of s
// of three letters or more: a crude stemmer ("Ukraine", "Ukrainian").
func prefixes(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words(s) {
		if len(w) < 3 {
			continue
		}
		if len(w) > 5 {
			w = w[:5]
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// changeNumber returns s with its first number changed, or with a number
// added when it has none.
func changeNumber(s string) string {
	if loc := digitsRe.FindStringIndex(s); loc != nil {
		return s[:loc[0]] + "7" + s[loc[0]:loc[1]] + "3" + s[loc[1]:]
	}
	return s + ", with 1,742 people present"
}

// capitalised returns the capitalised words of s after its first word.
func capitalised(s string) []string {
	var out []string
	for i, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.;:'\"“”’")
		if i > 0 && w != "" && unicode.IsUpper([]rune(w)[0]) {
			out = append(out, w)
		}
	}
	return out
}
