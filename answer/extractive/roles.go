package extractive

import (
	"strings"

	"footnote/lexicon"
)

// wordRole is the part a question word plays, from its part-of-speech
// tag: the coverage features weigh each role apart, so the learner can
// tell a missing verb or modifier from a missing noun.
type wordRole uint8

const (
	roleOther wordRole = iota // no tag, or a tag of none of the roles below
	roleName                  // a proper noun or a number
	roleNoun                  // a common noun
	roleVerb                  // a verb
	roleMod                   // an adjective or an adverb
	numRoles
)

// roleOf maps a Penn Treebank tag onto a role (setRoles lets the
// question's own mark for a word written as a name or a number win).
func roleOf(tag string) wordRole {
	switch {
	case strings.HasPrefix(tag, "NNP") || tag == "CD":
		return roleName
	case strings.HasPrefix(tag, "NN"):
		return roleNoun
	case strings.HasPrefix(tag, "VB"):
		return roleVerb
	case strings.HasPrefix(tag, "JJ") || strings.HasPrefix(tag, "RB"):
		return roleMod
	}
	return roleOther
}

// setRoles gives each of terms still without a role the role of the
// first of toks (tagged tags) spelling it. The tagger, trained on
// statements, often reads the bare verb of a question with do-support as a
// noun ("what did the report recommend?"): a word tagged a singular
// noun that WordNet knows only as a verb, or that WordNet knows as a verb
// and that stands between a noun and a word that is none after an
// auxiliary taking a bare verb ("did", "can"), is a verb.
func setRoles(lex wordKnowledge, terms []qterm, toks []token, tags []string) {
	roles := make([]wordRole, len(toks))
	do := false
	for k := range toks {
		roles[k] = roleOf(tags[k])
		if lexicon.TakesBareVerb(toks[k].norm) {
			do = true
		}
		if tags[k] != "NN" || toks[k].num || lex.Senses(toks[k].norm, lexicon.Verb) == 0 {
			continue
		}
		afterNoun := k > 0 && (roles[k-1] == roleNoun || roles[k-1] == roleName)
		beforeNoun := k+1 < len(toks) && strings.HasPrefix(tags[k+1], "NN")
		if lex.Senses(toks[k].norm, lexicon.Noun) == 0 || do && afterNoun && !beforeNoun {
			roles[k] = roleVerb
		}
	}
	for i := range terms {
		t := &terms[i]
		if t.role != roleOther {
			continue
		}
		if t.name {
			t.role = roleName
			continue
		}
		for k := range toks {
			if toks[k].norm == t.norm || toks[k].stem == t.stem {
				t.role = roles[k]
				break
			}
		}
	}
}

// roleCoverage returns, for each role, the weighted share of terms of
// that role that hit (coverage's) matched at any level, 1 when the
// question has none, and the highest IDF of a term of that role that hit
// did not match.
func roleCoverage(terms []qterm, hit []int) (cov, maxUn [numRoles]float64) {
	var total, held [numRoles]float64
	for i, t := range terms {
		total[t.role] += t.weight
		if hit[i] > 0 {
			held[t.role] += t.weight
		} else {
			maxUn[t.role] = max(maxUn[t.role], t.idf)
		}
	}
	for r := range cov {
		cov[r] = 1
		if total[r] > 0 {
			cov[r] = held[r] / total[r]
		}
	}
	return cov, maxUn
}
