package extractive

import (
	"slices"

	"footnote/retrieval"
)

// tmpLexicon is a stand-in until package lexicon lands.
type tmpLexicon struct{}

func newLexicon() wordKnowledge { return tmpLexicon{} }

func (tmpLexicon) Lemma(w string) string    { return w }
func (tmpLexicon) Related(string) []string  { return nil }
func (tmpLexicon) Antonyms(string) []string { return nil }
func (tmpLexicon) IsA(w, c string) bool     { return w == c }
func (tmpLexicon) IsTimeUnit(w string) bool {
	return slices.Contains([]string{"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries"}, w)
}
func (tmpLexicon) IsCurrency(w string) bool {
	return slices.Contains([]string{"dollar", "dollars", "euro", "euros", "pound", "pounds"}, w)
}
func (tmpLexicon) IsStopword(w string) bool { return retrieval.IsStopword(w) }
func (tmpLexicon) IsQuestionWord(w string) bool {
	return slices.Contains([]string{"who", "whom", "whose", "what", "which", "when", "where", "why", "how"}, w)
}
func (tmpLexicon) IsAuxiliary(w string) bool {
	return slices.Contains([]string{"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "be", "been"}, w)
}
func (tmpLexicon) IsDegreeAdjective(w string) bool {
	return slices.Contains([]string{"old", "far", "big", "large", "tall", "high", "deep", "wide", "heavy", "often"}, w)
}
func (tmpLexicon) IsMonth(w string) bool {
	return slices.Contains([]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}, w)
}
func (tmpLexicon) IsWeekday(w string) bool {
	return slices.Contains([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}, w)
}
func (tmpLexicon) IsNumberWord(w string) bool {
	return slices.Contains([]string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "hundred", "thousand", "million", "billion"}, w)
}
func (tmpLexicon) IsQuantity(w string) bool {
	return slices.Contains([]string{"dozens", "hundreds", "thousands", "millions", "half", "third", "quarter", "fifth"}, w)
}
func (tmpLexicon) IsNegation(w string) bool {
	return slices.Contains([]string{"not", "no", "never", "nt", "dont", "didnt", "doesnt", "isnt", "wasnt", "without"}, w)
}
func (tmpLexicon) IsPronoun(w string) bool {
	return slices.Contains([]string{"he", "she", "they", "it", "his", "her", "their", "its", "this", "these"}, w)
}
