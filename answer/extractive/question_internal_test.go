package extractive

import "testing"

// TestAnswerKind checks the kind of answer a question asks for and its
// head noun, read through WordNet. The questions are invented.
func TestAnswerKind(t *testing.T) {
	e := &Engine{lex: newLexicon(), tagger: &tagger{}}
	for _, tc := range []struct {
		q    string
		want kind
		head string
	}{
		{"What is the capital of the province?", kindPlace, "capital"},
		{"Which river flows past the old mill?", kindPlace, "river"},
		{"Which lake did the ferry cross?", kindPlace, "lake"},
		{"Which engineer designed the bridge?", kindPerson, "engineer"},
		{"What was the name of the ship?", kindManner, "ship"},
		// A person only by the word's most likely sense: a company is a
		// guest, a rock a steady person, in some sense of WordNet's.
		{"Which company owns the stadium?", kindOrg, "company"},
		{"What rock is found under the cliffs?", kindManner, "rock"},
		{"How many bridges cross the river?", kindNumber, ""},
		{"How old is the cathedral?", kindNumber, ""},
		// After do-support or a modal the noun is the clause's subject,
		// not the thing asked for.
		{"What did the engineer propose?", kindManner, ""},
		{"What can the council veto?", kindManner, ""},
		{"What has the museum lent to the gallery?", kindManner, ""},
		// "how do" asks for a manner whatever the tagger makes of "do".
		{"How do the ferries cross the strait?", kindManner, ""},
		{"How does the council choose its chair?", kindManner, ""},
	} {
		t.Run(tc.q, func(t *testing.T) {
			toks := tokenize(tc.q, e.lex)
			want, head, _ := e.answerKind(toks, e.posTags(tc.q, toks))
			if want != tc.want || head != tc.head {
				t.Errorf("answerKind = %v, %q; want %v, %q", want, head, tc.want, tc.head)
			}
		})
	}
}
