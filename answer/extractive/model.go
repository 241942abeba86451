package extractive

import (
	"fmt"
	"math"
	"strings"
)

// LogReg is a fitted logistic regression over standardised features:
// p = σ(Bias + Σ Weights[i]·(x[i]−Mean[i])/Scale[i]).
type LogReg struct {
	// Names are the features, in order.
	Names []string `json:"names"`
	// Mean and Scale standardise each feature; Scale 0 counts as 1.
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
	// Weights and Bias are the fitted coefficients.
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
}

// Logit returns the model's log-odds for x.
func (m *LogReg) Logit(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		if i >= len(x) {
			break
		}
		v := x[i]
		if i < len(m.Mean) {
			v -= m.Mean[i]
		}
		if i < len(m.Scale) && m.Scale[i] > 0 {
			v /= m.Scale[i]
		}
		z += w * v
	}
	return z
}

// Prob returns σ(Logit(x)).
func (m *LogReg) Prob(x []float64) float64 { return sigmoid(m.Logit(x)) }

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Model is the engine's learned part: a sentence ranker, a decline model
// on the best sentence, and the decline threshold.
type Model struct {
	// Rank scores each candidate sentence: the probability that it holds
	// the answer. Its features are RankFeatureNames.
	Rank LogReg `json:"rank"`
	// Decline estimates the probability that the best sentence answers the
	// question. Its features are DeclineFeatureNames.
	Decline LogReg `json:"decline"`
	// Threshold is the least Decline probability the engine answers at.
	Threshold float64 `json:"threshold"`
	// Tie is how close (in rank log-odds) the runner-up sentence must come
	// to the best for an answer to quote it too: when the ranker cannot
	// tell two sentences apart, the reply shows both, each cited, rather
	// than bet on one. 0 quotes the best sentence alone.
	Tie float64 `json:"tie"`
}

// check reports a model whose shape does not fit the engine's features.
func (m *Model) check() error {
	if len(m.Rank.Weights) != numRankFeatures {
		return fmt.Errorf("rank model has %d weights, want %d", len(m.Rank.Weights), numRankFeatures)
	}
	if len(m.Decline.Weights) != numDeclineFeatures {
		return fmt.Errorf("decline model has %d weights, want %d", len(m.Decline.Weights), numDeclineFeatures)
	}
	return nil
}

// RankFeatureNames returns the names of the sentence features, in order.
func RankFeatureNames() []string { return append([]string(nil), rankFeatureNames...) }

// DeclineFeatureNames returns the names of the decline features, in order.
func DeclineFeatureNames() []string { return append([]string(nil), declineFeatureNames...) }

// DeclineOnlyFeatureNames returns the candidate features that only the
// decline model reads, from the best candidate: the ranker leaves them
// out (its weights for them are 0), as they tell right answers from
// unanswerable questions better than right sentences from wrong ones.
func DeclineOnlyFeatureNames() []string { return []string{"neg_scoped"} }

// The decline model's features: how the best sentence scored and what
// the question holds that the corpus may not.
var declineFeatureNames = []string{
	"best_logit",     // the ranker's log-odds for the best sentence
	"margin",         // its lead over the runner-up (capped at 5)
	"best_cov",       // its coverage of the question's words
	"best_unmatched", // the highest IDF of a question word it lacks, relative
	"type_missing",   // it lacks the asked kind of span
	"type_strong",    // it holds a strongly typed span of the asked kind
	"unknown_share",  // IDF-weighted share of question words the index never saw
	"n_terms",        // log of the question's content-word count
	"top_lexical",    // BM25 of the best passage over the question's IDF sum
	"specific_kind",  // the question asks for a specific kind of span
	"yes_no",         // the question is a yes/no question
	"why",            // the question asks why
	"best_context",   // coverage the best sentence's neighbours add
	"neg_mismatch",   // negation differs between question and best sentence
	"antonym",        // the best sentence holds an antonym of a question word
	"missing_all",    // IDF-weighted share of question words no retrieved sentence holds
	"best_passage",   // coverage of the best sentence's whole passage
	"best_prob_gap",  // the best sentence's rank probability
	"name_missing",   // share of the question's names and numbers the best sentence's context lacks
	"unmatched_ctx",  // highest IDF of a question word the best sentence's context lacks
	"question_neg",   // the question is negated
	"low_cov",        // how far the best sentence's coverage falls short of 0.6
	"low_ctx_cov",    // how far the coverage of it and its neighbours falls short of 0.6
	"head_missing",   // the question's head noun is not near the best sentence
	"detail_type",    // the question asks for a named detail and the best sentence holds none of its kind
	"detail_head",    // the question asks for a named detail and its head noun is not near the best sentence
	"best_vec_cov",   // the best sentence's coverage through words of close meaning
	"best_vec_sim",   // the cosine of its mean word vector and the question's
	"soft_low_cov",   // how far its coverage, counting words of close meaning, falls short of 0.6
	"swapped",        // the best sentence holds a WordNet sibling of a question word its context lacks
	"num_swapped",    // … or another number of the same shape than one of the question's
	"best_cov_name",  // the best sentence's coverage of the question's names and numbers
	"best_cov_noun",  // … of its common nouns
	"best_cov_verb",  // … of its verbs
	"best_cov_mod",   // … of its adjectives and adverbs
	"best_unm_noun",  // the highest IDF of a common noun of the question it lacks, relative
	"best_unm_verb",  // … of a verb
	"best_unm_mod",   // … of an adjective or adverb
	"ctx_unm_noun",   // the highest IDF of a common noun its context lacks, relative
	"ctx_unm_verb",   // … of a verb
	"ctx_unm_mod",    // … of an adjective or adverb
	"why_causal",     // a why-question, and the best sentence holds a causal connective
	"tied",           // the answer quotes the runner-up too (Model.Best)
	"tie_cov",        // how much more of the question the tied runner-up covers than the best
	"tie_type",       // the asked kind of span is missing from the best, but the tied runner-up holds it
	"tie_names",      // how much less of the question's names the tied runner-up lacks than the best
	"neg_scoped",     // negation differs between the question and the words the best sentence matches
	"wh_who",         // the question word: who
	"wh_what",        // … what
	"wh_when",        // … when
	"wh_where",       // … where
	"wh_which",       // … which
	"wh_how",         // … how
	"bias_one",       // constant
}

const (
	dBestLogit = iota
	dMargin
	dBestCov
	dBestUnmatched
	dTypeMissing
	dTypeStrong
	dUnknownShare
	dNTerms
	dTopLexical
	dSpecific
	dYesNo
	dWhy
	dBestContext
	dNegMismatch
	dAntonym
	dMissingAll
	dBestPassage
	dBestProb
	dNameMissing
	dUnmatchedCtx
	dQuestionNeg
	dLowCov
	dLowCtxCov
	dHeadMissing
	dDetailType
	dDetailHead
	dBestVecCov
	dBestVecSim
	dSoftLowCov
	dSwapped
	dNumSwapped
	dBestCovName
	dBestCovNoun
	dBestCovVerb
	dBestCovMod
	dBestUnmNoun
	dBestUnmVerb
	dBestUnmMod
	dCtxUnmNoun
	dCtxUnmVerb
	dCtxUnmMod
	dWhyCausal
	dTied
	dTieCov
	dTieType
	dTieNames
	dNegScoped
	dWhWho
	dWhWhat
	dWhWhen
	dWhWhere
	dWhWhich
	dWhHow
	dBias
	numDeclineFeatures
)

// Question-level features the decline model needs beyond the candidates'.
const (
	qUnknownShare = iota
	qNTerms
	qTopLexical
	qNamedDetail // the question asks for a name, number or date (1) or not (0)
	qMissingAll  // IDF-weighted share of question words no candidate holds
	qNegated     // the question is negated
	qUnknownName // the question names something (a capitalised word or a number) the index never saw and no candidate holds in another form
	qWantsFigure // the question asks "how" for a count, an amount or a measure ("how many", "how much", "how old")
	qWhWho       // the question word is who/whom/whose
	qWhWhat
	qWhWhen
	qWhWhere
	qWhWhich
	qWhHow
	numQuestionFeatures
)

// Analysis is what the engine extracts for one question, for the training
// command: every candidate sentence's features and the question's own.
type Analysis struct {
	// Candidates are the candidate sentences, in retrieval order.
	Candidates []Sample
	// Question holds the question-level features.
	Question []float64
}

// Sample is one candidate sentence.
type Sample struct {
	Source string // the article file
	Text   string // the sentence
	// Context is the sentence with what an answer shows with it (from the
	// sentence a pronoun-led one leans on), as the answer would quote it.
	Context  string
	Features []float64
}

// Best returns the index of the best candidate under m's ranker, the
// candidate an answer quotes beside it (see runner) or -1, and the decline
// features for them; best is -1 when there are no candidates.
func (m *Model) Best(a Analysis) (best, runner int, x []float64) {
	best = -1
	bl, second := math.Inf(-1), math.Inf(-1)
	logits := make([]float64, len(a.Candidates))
	for i, c := range a.Candidates {
		l := m.Rank.Logit(c.Features)
		logits[i] = l
		switch {
		case l > bl:
			second, bl, best = bl, l, i
		case l > second:
			second = l
		}
	}
	if best < 0 {
		return -1, -1, nil
	}
	x = declineFeatures(bl, second, a.Candidates[best].Features, a.Question)
	runner = m.runner(a, best, logits)
	if runner >= 0 {
		f, g := a.Candidates[best].Features, a.Candidates[runner].Features
		x[dTied] = 1
		x[dTieCov] = math.Max(0, g[fCovExact]+g[fCovRelated]-f[fCovExact]-f[fCovRelated])
		x[dTieType] = math.Max(0, f[fTypeMissing]-g[fTypeMissing])
		x[dTieNames] = math.Max(0, f[fNameMissing]-g[fNameMissing])
	}
	return best, runner, x
}

func declineFeatures(bl, second float64, f []float64, qf []float64) []float64 {
	x := make([]float64, numDeclineFeatures)
	x[dBestLogit] = bl
	x[dMargin] = 5
	if !math.IsInf(second, -1) {
		x[dMargin] = math.Min(5, bl-second)
	}
	x[dBestCov] = f[fCovExact] + f[fCovRelated]
	x[dBestUnmatched] = f[fMaxUnmatched]
	x[dTypeMissing] = f[fTypeMissing]
	x[dTypeStrong] = f[fTypeStrong]
	x[dUnknownShare] = qf[qUnknownShare]
	x[dNTerms] = qf[qNTerms]
	x[dTopLexical] = qf[qTopLexical]
	x[dSpecific] = f[fSpecific]
	x[dYesNo] = f[fYesNo]
	x[dWhy] = f[fWhy]
	x[dBestContext] = f[fCovContext]
	x[dNegMismatch] = f[fNegMismatch]
	x[dAntonym] = f[fAntonym]
	x[dMissingAll] = qf[qMissingAll]
	x[dBestPassage] = f[fCovPassage]
	x[dBestProb] = sigmoid(bl)
	x[dNameMissing] = f[fNameMissing]
	x[dUnmatchedCtx] = f[fUnmatchedCtx]
	x[dQuestionNeg] = qf[qNegated]
	x[dHeadMissing] = f[fHeadMissing]
	x[dDetailType] = qf[qNamedDetail] * f[fTypeMissing]
	x[dDetailHead] = qf[qNamedDetail] * f[fHeadMissing]
	x[dBestVecCov] = f[fCovVector]
	x[dBestVecSim] = f[fVecSim]
	x[dSoftLowCov] = math.Max(0, 0.6-x[dBestCov]-f[fCovVector])
	x[dLowCov] = math.Max(0, 0.6-x[dBestCov])
	x[dLowCtxCov] = math.Max(0, 0.6-x[dBestCov]-f[fCovContext])
	x[dSwapped] = f[fSwapped]
	x[dNumSwapped] = f[fNumSwapped]
	x[dBestCovName], x[dBestCovNoun], x[dBestCovVerb], x[dBestCovMod] = f[fCovName], f[fCovNoun], f[fCovVerb], f[fCovMod]
	x[dBestUnmNoun], x[dBestUnmVerb], x[dBestUnmMod] = f[fUnmNoun], f[fUnmVerb], f[fUnmMod]
	x[dCtxUnmNoun], x[dCtxUnmVerb], x[dCtxUnmMod] = f[fCtxUnmNoun], f[fCtxUnmVerb], f[fCtxUnmMod]
	x[dWhyCausal] = f[fWhyCausal]
	x[dNegScoped] = f[fNegScoped]
	copy(x[dWhWho:dWhHow+1], qf[qWhWho:qWhHow+1])
	x[dBias] = 1
	return x
}

// runner returns the candidate an answer quotes beside best, or -1: the
// highest-ranked other candidate whose rank log-odds (logits, by
// candidate) come within m.Tie of best's, unless what it would show and
// what best shows overlap (the same sentence, or one the other quotes as
// its context).
func (m *Model) runner(a Analysis, best int, logits []float64) int {
	if m.Tie <= 0 {
		return -1
	}
	floor := logits[best] - m.Tie
	runner, rl := -1, math.Inf(-1)
	for i, l := range logits {
		if i != best && l >= floor && l > rl {
			runner, rl = i, l
		}
	}
	if runner < 0 || overlaps(a.Candidates[best], a.Candidates[runner]) {
		return -1
	}
	return runner
}

// overlaps reports whether two candidates would show the same text: one's
// sentence is the other's, or lies inside what the other quotes.
func overlaps(a, b Sample) bool {
	if a.Text == "" || b.Text == "" {
		return false
	}
	return a.Text == b.Text || strings.Contains(a.Context, b.Text) || strings.Contains(b.Context, a.Text)
}

// Decide returns the best candidate of a under m, the runner-up an answer
// quotes beside it or -1 (see Best), the decline model's probability that
// what the answer quotes answers the question, and whether the engine
// answers: the probability clears the threshold; a question asking "how
// many", "how much" or "how old" is not answered by a sentence that
// states no figure; and a question naming something (a capitalised word
// or a number) that no article mentions is not answered at all. A figure
// asked for otherwise ("what percentage", "what rate") is an input of the
// decline model only: such heads are often read wrongly ("what type of
// tariff" asks for no amount).
//
// The other kinds of detail (a person for "who", a date for "when", the
// name of something or the holder of a role, "which minister") are inputs
// of the decline model (type_missing, detail_type, detail_head), weighed
// with the rest rather than rules: answers to them are often common nouns
// or clauses ("the municipal building inspector", "as soon as they enter
// into force"). As a rule, "the name of" and the holder of a role
// declined almost as many of SQuAD dev's right answers as of its
// unanswerable questions (37 against 50, out of fold), and no more of the
// news sets' unanswerable ones than the decline model does.
func (m *Model) Decide(a Analysis) (best, runner int, p float64, answers bool) {
	best, runner, x := m.Best(a)
	if best < 0 {
		return -1, -1, 0, false
	}
	p = m.Decline.Prob(x)
	f, q := a.Candidates[best].Features, a.Question
	flag := func(i int) bool { return len(q) > i && q[i] == 1 }
	missing := flag(qWantsFigure) && f[fTypeMissing] == 1
	return best, runner, p, p >= m.Threshold && !missing && !flag(qUnknownName)
}
