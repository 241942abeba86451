// Package extractive is footnote's offline answerer. It ranks the
// sentences of the retrieved passages with a learned model over general
// features (word coverage through lemmas and WordNet, BM25, word order,
// the kind of answer asked for against named entities, numbers and dates,
// the passage's rank), answers with the best sentence when the model's
// probability clears a threshold chosen on held-out data, and otherwise
// says what the articles don't say. The weights are fitted by
// ./cmd/train and committed in weights.go.
package extractive

import (
	"container/list"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"footnote/answer"
	"footnote/lexicon"
	"footnote/retrieval"
)

// Options tune the extractive answerer. Zero values take the defaults.
type Options struct {
	// K is how many passages are read for an answer; default 12.
	K int
	// MaxSentences caps the sentences an answer quotes; default 2.
	MaxSentences int
	// MaxQuestionRunes caps the question's length; default 500.
	MaxQuestionRunes int
	// CacheChunks bounds how many analysed chunks are kept; default 4096.
	CacheChunks int
	// Model replaces the embedded fitted model (for the training command);
	// nil means the embedded one.
	Model *Model
	// Threshold, when positive, replaces the model's decline threshold.
	Threshold float64
}

// Defaults of Options.
const (
	DefaultK                = 12
	DefaultMaxSentences     = 2
	DefaultMaxQuestionRunes = 500
	DefaultCacheChunks      = 4096
	// nerTop is how many of the best-matching sentences the NER model tags
	// per question; the others keep the cheap recognisers' entities.
	nerTop = 6
)

// Engine answers offline: it quotes the sentence of the retrieved passages
// that the model ranks best, with its citation, and declines when the
// model does not believe it answers the question. It is safe for
// concurrent use.
type Engine struct {
	r      answer.Retriever
	opts   Options
	model  Model
	lex    wordKnowledge
	tagger *tagger
	memos  *memos

	mu    sync.Mutex
	cache map[string]*list.Element // chunk ID → element holding *cached
	lru   *list.List
}

type cached struct {
	id string
	ca *chunkAnalysis
}

// New returns an extractive answerer reading passages from r.
func New(r answer.Retriever, opts Options) *Engine {
	if opts.K <= 0 {
		opts.K = DefaultK
	}
	if opts.MaxSentences <= 0 {
		opts.MaxSentences = DefaultMaxSentences
	}
	if opts.MaxQuestionRunes <= 0 {
		opts.MaxQuestionRunes = DefaultMaxQuestionRunes
	}
	if opts.CacheChunks <= 0 {
		opts.CacheChunks = DefaultCacheChunks
	}
	m := trainedModel()
	if opts.Model != nil && opts.Model.check() == nil {
		m = *opts.Model
	}
	if opts.Threshold > 0 {
		m.Threshold = opts.Threshold
	}
	e := &Engine{
		r: r, opts: opts, model: m, lex: newLexicon(), tagger: &tagger{}, memos: newMemos(memoEntries),
		cache: map[string]*list.Element{}, lru: list.New(),
	}
	// The NER model takes a few hundred milliseconds to decode; start now
	// so the first question waits for it as little as possible.
	go e.tagger.load()
	return e
}

// analysis returns the cached analysis of p's chunk, computing it once.
func (e *Engine) analysis(p *retrieval.Passage) *chunkAnalysis {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.analysisLocked(p)
}

func (e *Engine) analysisLocked(p *retrieval.Passage) *chunkAnalysis {
	key := p.ID
	if key == "" {
		key = p.Source + "#" + fmt.Sprint(p.Start)
	}
	if el, ok := e.cache[key]; ok {
		e.lru.MoveToFront(el)
		return el.Value.(*cached).ca
	}
	ca := analyzeChunk(p.Text, e.lex)
	e.cache[key] = e.lru.PushFront(&cached{id: key, ca: ca})
	for e.lru.Len() > e.opts.CacheChunks {
		old := e.lru.Back()
		e.lru.Remove(old)
		delete(e.cache, old.Value.(*cached).id)
	}
	return ca
}

// passageSentences returns the sentences of p's chunk.
func (e *Engine) passageSentences(p *retrieval.Passage) []*sentence {
	return e.analysis(p).sents
}

// scored is the engine's reading of one question.
type scored struct {
	q        *question
	passages []retrieval.Passage
	cands    []*candidate
	qf       []float64
}

// read retrieves the passages for q and scores their sentences.
func (e *Engine) read(ctx context.Context, q *question, rq retrieval.Query) (*scored, error) {
	passages, err := e.r.Retrieve(ctx, rq)
	if err != nil {
		return nil, fmt.Errorf("extractive answer: search: %w", err)
	}
	sc := &scored{q: q, passages: passages}
	topScore, topLex := 0.0, 0.0
	for _, p := range passages {
		topScore = math.Max(topScore, p.Score)
		topLex = math.Max(topLex, p.Lexical)
	}
	seen := map[string]bool{}
	for i := range passages {
		p := &passages[i]
		sents := e.passageSentences(p)
		for j, s := range sents {
			// Chunks overlap: a sentence read twice is one candidate, from
			// its better-ranked passage.
			key := fmt.Sprint(p.Source, "#", p.Start+s.start)
			if seen[key] {
				continue
			}
			seen[key] = true
			c := &candidate{passage: p, rank: i, sent: s, index: j, psents: sents, prev: antecedent(sents, j)}
			if j+1 < len(sents) {
				c.next = sents[j+1]
			}
			sc.cands = append(sc.cands, c)
		}
	}
	q.local = localWeights(e.lex, q.terms, sc.cands)
	// Tag the best-matching sentences with the NER model (cached in the
	// chunk's analysis), then compute every candidate's features.
	pre := make([]float64, len(sc.cands))
	for i, c := range sc.cands {
		// A sentence leaning on the one before ("She chaired the session")
		// is read with it, as cov_ref credits it.
		var back *sentence
		if refersBack(c.sent) {
			back = c.prev
		}
		ex, rel, _ := coverage(e.lex, q.terms, back, c.sent)
		pre[i] = ex + 0.5*rel - 0.01*float64(c.rank)
	}
	order := make([]int, len(sc.cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(pre[a], pre[b]) })
	if q.want.specific() {
		e.mu.Lock()
		for _, i := range order[:min(nerTop, len(order))] {
			c := sc.cands[i]
			e.tagger.tagNames(c.sent)
			if c.prev != nil && leadsWithPersonalPronoun(c.sent) {
				e.tagger.tagNames(c.prev)
			}
			c.named = true
		}
		e.mu.Unlock()
	}
	e.mu.Lock()
	for _, c := range sc.cands {
		e.features(q, c, topScore, topLex)
	}
	e.mu.Unlock()
	bestCov, bestBM, bestLocal := 0.0, 0.0, 0.0
	for _, c := range sc.cands {
		bestCov = math.Max(bestCov, c.x[fCovExact]+c.x[fCovRelated])
		bestBM = math.Max(bestBM, c.x[fBM25])
		bestLocal = math.Max(bestLocal, c.x[fCovLocal])
	}
	for _, c := range sc.cands {
		c.x[fCovGap] = c.x[fCovExact] + c.x[fCovRelated] - bestCov
		c.x[fBM25Gap] = c.x[fBM25] - bestBM
		c.x[fCovLocal] -= bestLocal
		c.logit = e.model.Rank.Logit(c.x[:])
	}
	sc.qf = questionFeatures(q, passages)
	if asksNamedDetail(q) {
		sc.qf[qNamedDetail] = 1
	}
	if q.wh == "how" && (q.want == kindNumber || q.want == kindMoney || q.want == kindPercent) {
		sc.qf[qWantsFigure] = 1
	}
	sents := make([]*sentence, len(sc.cands))
	for i, c := range sc.cands {
		sents[i] = c.sent
	}
	ex, rel, hit := coverage(e.lex, q.terms, sents...)
	sc.qf[qMissingAll] = 1 - ex - rel
	if q.neg {
		sc.qf[qNegated] = 1
	}
	for i, t := range q.terms {
		// A name the index never saw may still stand in a candidate as
		// another form of it ("UN" as "United Nations", "Chinese" as
		// "China"): only one no candidate holds blocks an answer.
		if t.name && !t.known && hit[i] == 0 {
			sc.qf[qUnknownName] = 1
		}
	}
	return sc, nil
}

// questionFeatures are the question-level inputs of the decline model.
func questionFeatures(q *question, passages []retrieval.Passage) []float64 {
	qf := make([]float64, numQuestionFeatures)
	total, unknown, sumIDF := 0.0, 0.0, 0.0
	for _, t := range q.terms {
		total += t.weight
		sumIDF += t.idf
		if !t.known {
			unknown += t.weight
		}
	}
	if total > 0 {
		qf[qUnknownShare] = unknown / total
	}
	qf[qNTerms] = math.Log1p(float64(len(q.terms)))
	switch q.wh {
	case "who", "whom", "whose":
		qf[qWhWho] = 1
	case "what":
		qf[qWhWhat] = 1
	case "when":
		qf[qWhWhen] = 1
	case "where":
		qf[qWhWhere] = 1
	case "which":
		qf[qWhWhich] = 1
	case "how":
		qf[qWhHow] = 1
	}
	if len(passages) > 0 && sumIDF > 0 {
		top := 0.0
		for _, p := range passages {
			top = math.Max(top, p.Lexical)
		}
		qf[qTopLexical] = top / sumIDF
	}
	return qf
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// Analyze extracts the features of req's candidate sentences with the
// same code the engine answers with. The training command uses it.
func (e *Engine) Analyze(ctx context.Context, req answer.Request) (Analysis, error) {
	q, err := answer.ValidQuestion(req.Question, e.opts.MaxQuestionRunes)
	if err != nil {
		return Analysis{}, err
	}
	pq, rq := e.prepare(q, req)
	sc, err := e.read(ctx, pq, rq)
	if err != nil {
		return Analysis{}, err
	}
	a := Analysis{Question: sc.qf}
	for _, c := range sc.cands {
		text, _, _ := evidence(c)
		a.Candidates = append(a.Candidates, Sample{Source: c.passage.Source, Text: c.sent.text, Context: text, Features: slices.Clone(c.x[:])})
	}
	return a, nil
}

// prepare resolves a follow-up against the history, analyses the question
// and builds the retrieval query with req's filters.
func (e *Engine) prepare(q string, req answer.Request) (*question, retrieval.Query) {
	history := answer.Questions(req.History)
	resolved, links := resolveFollowUp(q, history, e.lex)
	// A demonstrative standing for the whole earlier question ("when did
	// that happen?") makes that question's words this one's.
	event := ""
	if len(links) > 0 && resolved == q && refersToEvent(retrieval.Words(q), e.lex) {
		event = links[len(links)-1]
	}
	pronoun := ""
	if n := len(req.History); n > 0 && len(links) > 0 {
		// A follow-up leans on the last answer too: "his" in "what was his
		// previous job?" is the person it named.
		if names := answer.AnswerNames(req.History[n-1].Answer); len(names) > 0 {
			// The first name is the direct answer when there is one.
			links = append(links, names[0])
			pronoun = names[0]
		}
	}
	text := resolved
	if resolved == q && event == "" {
		text = answer.SearchQuery(q, req.History)
	} else if len(links) > 0 {
		text = joinWords(append(slices.Clone(links), resolved))
	}
	pq := e.parseQuestion(resolved, links, event)
	if pronoun != "" && leansOnPronoun(resolved) {
		// The names stand for the pronoun: they weigh as the question's own words.
		pq.terms = append(pq.terms, e.terms(pronoun, 1, len(pq.terms))...)
	}
	if pq.want == kindManner && len(links) > 0 && pq.wh == "" {
		// "And Russia's?" after "Who led…": the kind comes from the question
		// it continues.
		prev := e.parseQuestion(links[len(links)-1], nil, "")
		pq.want, pq.head, pq.wh = prev.want, prev.head, prev.wh
	}
	return pq, req.Query(text, e.opts.K)
}

func joinWords(parts []string) string {
	out := ""
	for _, p := range parts {
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}

// Answer answers req.Question from the retrieved passages. It returns
// ErrEmptyQuestion or ErrQuestionTooLong for a question it will not ask,
// and an Answer with Answered false when the articles don't say.
func (e *Engine) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	q, err := answer.ValidQuestion(req.Question, e.opts.MaxQuestionRunes)
	if err != nil {
		return answer.Answer{}, err
	}
	parts := splitParts(q, e.lex)
	var blocks []block
	var first *scored
	history := slices.Clone(req.History)
	for _, part := range parts {
		sub := req
		sub.Question, sub.History = part, history
		pq, rq := e.prepare(part, sub)
		sc, err := e.read(ctx, pq, rq)
		if err != nil {
			return answer.Answer{}, err
		}
		if first == nil {
			first = sc
		}
		blocks = append(blocks, e.decide(sc, max(1, e.opts.MaxSentences/len(parts))))
		history = append(history, answer.Turn{Question: part})
	}
	return answer.Dated(e.render(req.Question, blocks, first)), nil
}

// leansOnPronoun reports whether q points back with a third-person pronoun
// ("what was his previous job?").
func leansOnPronoun(q string) bool {
	for _, w := range retrieval.Words(q) {
		if lexicon.IsBackReference(w) {
			return true
		}
	}
	return false
}
