package extractive

import (
	"fmt"
	"strings"
	"testing"
)

func TestSetRoles(t *testing.T) {
	e := &Engine{lex: newLexicon(), tagger: &tagger{}}
	tests := []struct {
		question string
		want     string // each term's norm/role
	}{
		{"What did the committee recommend?", "committee/noun recommend/verb"},
		// The tagger reads these bare verbs as nouns: WordNet knows
		// "decide" only as a verb, and "visit", "ban" and "train" stand
		// after a noun after "did" or "can".
		{"What did the minister decide to fund?", "minister/noun decide/verb fund/verb"},
		{"Where did the team train before the match?", "team/noun train/verb match/noun"},
		{"What can the council ban?", "council/noun ban/verb"},
		// "is" takes no bare verb: a noun after a noun stays one.
		{"What is the tax rate?", "tax/noun rate/noun"},
		{"When did the storm hit the coast?", "storm/noun hit/verb coast/noun"},
		{"Which small village did Anna Berg visit in 2019?", "small/mod village/noun anna/name berg/name visit/verb 2019/name"},
		{"Who quickly signed the new treaty?", "quickly/mod signed/verb new/mod treaty/noun"},
	}
	names := [numRoles]string{roleOther: "other", roleName: "name", roleNoun: "noun", roleVerb: "verb", roleMod: "mod"}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := swapQuestion(e.lex, tt.question)
			setRoles(e.lex, q.terms, q.toks, e.posTags(tt.question, q.toks))
			var got []string
			for _, qt := range q.terms {
				got = append(got, fmt.Sprintf("%s/%s", qt.norm, names[qt.role]))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("roles = %s, want %s", g, tt.want)
			}
		})
	}
}

func TestRoleCoverage(t *testing.T) {
	e := &Engine{lex: newLexicon(), tagger: &tagger{}}
	const question = "When did the storm hit the old harbour of Varna?"
	tests := []struct {
		name, sentence string
		cov            [numRoles]float64 // by role, roleOther left 1
		missing        [numRoles]bool    // a word of the role is unmatched
	}{
		{"all there", "The storm hit the old harbour of Varna on Monday.",
			[numRoles]float64{1, 1, 1, 1, 1}, [numRoles]bool{}},
		{"another verb", "The storm spared the old harbour of Varna on Monday.",
			[numRoles]float64{1, 1, 1, 0, 1}, [numRoles]bool{roleVerb: true}},
		{"another modifier", "The storm hit the new harbour of Varna on Monday.",
			[numRoles]float64{1, 1, 1, 1, 0}, [numRoles]bool{roleMod: true}},
		{"another place", "The storm hit the old harbour of Burgas on Monday.",
			[numRoles]float64{1, 0, 1, 1, 1}, [numRoles]bool{roleName: true}},
		{"a synonym counts", "The storm struck the old harbour of Varna on Monday.",
			[numRoles]float64{1, 1, 1, 1, 1}, [numRoles]bool{}},
	}
	q := swapQuestion(e.lex, question)
	setRoles(e.lex, q.terms, q.toks, e.posTags(question, q.toks))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sentence{text: tt.sentence, toks: tokenize(tt.sentence, e.lex)}
			_, _, hit := coverage(e.lex, q.terms, s)
			cov, maxUn := roleCoverage(q.terms, hit)
			for r := range numRoles {
				if cov[r] != tt.cov[r] || (maxUn[r] > 0) != tt.missing[r] {
					t.Errorf("role %d: coverage %.2f, highest unmatched IDF %.2f; want %.2f, missing %v", r, cov[r], maxUn[r], tt.cov[r], tt.missing[r])
				}
			}
		})
	}
}
