package extractive

import (
	"testing"

	"footnote/retrieval"
)

// swapQuestion builds the question and sentence swapFeatures reads, with
// every content word of the question a term of IDF 1 (a number's too).
func swapQuestion(lex wordKnowledge, text string) *question {
	q := &question{text: text, toks: tokenize(text, lex), stems: map[string]bool{}}
	for i, t := range q.toks {
		q.stems[t.stem] = true
		q.stems[t.lemma] = true
		if t.stop {
			continue
		}
		q.terms = append(q.terms, qterm{norm: t.norm, stem: retrieval.Stem(t.norm), lemma: t.lemma, idf: 1, weight: 1,
			term: lex.Term(t.norm), memo: newWordMemo(nil), vec: t.vec, name: t.cap && i > 0 || t.num, pos: i})
	}
	return q
}

func TestSwapFeatures(t *testing.T) {
	lex := newLexicon()
	tests := []struct {
		name, question, sentence string
		swapped, numSwapped      bool
	}{
		{"sibling adjective", "The Scotland Act enabled the Spanish Parliament to pass what?",
			"The Scotland Act enabled the Scottish Parliament to pass primary legislation on these issues.", true, false},
		{"sibling city", "When did the General Sejm make Vilnius its permanent seat?",
			"In 1529, Warsaw for the first time became the seat of the General Sejm, permanent from 1569.", true, false},
		{"indirect antonym", "Who commended the operations in front of the committee?",
			"Michael Grade criticized the operations in front of the committee.", true, false},
		{"same words", "Who criticized the operations in front of the committee?",
			"Michael Grade criticized the operations in front of the committee.", false, false},
		{"paraphrase", "When did the talks end?",
			"The negotiations ended on Friday.", false, false},
		{"another year", "Who issued the Royal Proclamation of 1736?",
			"King George III issued the Royal Proclamation of 1763 on October 7, 1763.", false, true},
		{"the same year", "Who issued the Royal Proclamation of 1763?",
			"King George III issued the Royal Proclamation of 1763 on October 7, 1763.", false, false},
		{"a figure is not a year", "What happened in 1736?",
			"About 300 people were arrested.", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := swapQuestion(lex, tt.question)
			s := &sentence{text: tt.sentence, toks: tokenize(tt.sentence, lex)}
			_, _, hit := coverage(lex, q.terms, s)
			swapped, numSwapped := swapFeatures(lex, q, s, hit, 1)
			if (swapped > 0) != tt.swapped || (numSwapped > 0) != tt.numSwapped {
				t.Errorf("swapFeatures = %v, %v; want swapped %v, numSwapped %v", swapped, numSwapped, tt.swapped, tt.numSwapped)
			}
		})
	}
}
