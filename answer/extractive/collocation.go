package extractive

import "footnote/lexicon"

// colloc is a WordNet multi-word lemma spelt by a run of tokens ("United
// Nations", "wrap up", "prime ministers"): WordNet relates it to words the
// parts alone are not related to ("UN", "conclude", "premier").
type colloc struct {
	from, n int   // the run: tokens [from, from+n)
	tok     token // the lemma as one token, for matchLevel
}

// collocations finds the multi-word lemmas in toks, longest first and not
// overlapping. A run holds at least one content word and no numeral.
func collocations(toks []token, lex wordKnowledge) []colloc {
	var out []colloc
	words := make([]string, 0, lexicon.MaxCollocation)
	for i := 0; i < len(toks); i++ {
		words = words[:0]
		for k := i; k < len(toks) && k < i+lexicon.MaxCollocation && !toks[k].num; k++ {
			words = append(words, toks[k].norm)
		}
		lemma, n := lex.Collocation(words)
		if n < 2 || !hasContent(toks[i:i+n]) {
			continue
		}
		out = append(out, colloc{from: i, n: n, tok: lemmaToken(lemma, lex)})
		i += n - 1
	}
	return out
}

func hasContent(toks []token) bool {
	for i := range toks {
		if !toks[i].stop {
			return true
		}
	}
	return false
}

// lemmaToken is a multi-word lemma as a single token: its norm, stem and
// lemma are the lemma itself, which holds a space and so never equals a
// word's.
func lemmaToken(lemma string, lex wordKnowledge) token {
	return token{norm: lemma, stem: lemma, lemma: lemma, term: lex.Term(lemma), vec: -1}
}
