package extractive

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"footnote/answer"
	"footnote/retrieval"
)

// ExtractiveOptions tune the extractive answerer. Zero values take the
// defaults.
type Options struct {
	// K is how many passages are read for an answer; default 12. The answerer
	// ranks their sentences itself, so reading past the fused top few finds a
	// sentence that BM25 ranks first but the vectors rank low.
	K int
	// MaxSentences caps the sentences quoted for a question; default 3. A
	// question that asks several things ("who ... and how long ...?")
	// shares them out, at least one per part.
	MaxSentences int
	// MaxQuestionRunes caps the question's length; default 500.
	MaxQuestionRunes int
}

// Defaults of ExtractiveOptions.
const (
	DefaultK                = 12
	DefaultMaxSentences     = 3
	DefaultMaxQuestionRunes = 500
)

// Extractive answers offline: it quotes the sentences of the retrieved
// passages that best answer the question, each with its citation, and
// declines when the articles do not hold the answer.
type Engine struct {
	r    answer.Retriever
	opts Options
}

// NewExtractive returns an extractive answerer reading passages from r.
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
	return &Engine{r: r, opts: opts}
}

// Answer answers req.Question from the retrieved passages. It returns
// ErrEmptyQuestion or ErrQuestionTooLong for a question it will not ask,
// and an Answer with Answered false when the articles don't say.
func (e *Engine) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	q, err := answer.ValidQuestion(req.Question, e.opts.MaxQuestionRunes)
	if err != nil {
		return answer.Answer{}, err
	}
	parts := splitParts(fixQuestionWord(q))
	perPart := max(1, (e.opts.MaxSentences+len(parts)-1)/len(parts))
	history := answer.Questions(req.History)
	blocks := make([]block, 0, len(parts))
	for _, part := range parts {
		b, err := e.answerPart(ctx, part, history, perPart, req.Query("", e.opts.K))
		if err != nil {
			return answer.Answer{}, err
		}
		blocks = append(blocks, b)
		history = append(history, part)
	}
	ans := answer.Answer{Question: req.Question, Mode: answer.ModeExtractive, Text: declineText, Citations: []answer.Citation{}}
	if slices.ContainsFunc(blocks, func(b block) bool { return b.ok }) {
		ans.Answered = true
		ans.Text, ans.Citations = render(blocks)
	}
	return answer.Dated(ans), nil
}

// answerPart answers one part of a question. history holds the
// conversation's earlier questions and the question's earlier parts, which
// a follow-up ("how long did they last?") leans on. rq carries the
// request's filters; its Text is set here.
func (e *Engine) answerPart(ctx context.Context, part string, history []string, maxSentences int, rq retrieval.Query) (block, error) {
	q, links := resolveFollowUp(part, history)
	rq.Text = expandQuery(strings.Join(append(links, q), " "))
	passages, err := e.r.Retrieve(ctx, rq)
	if err != nil {
		return block{}, fmt.Errorf("extractive answer: search: %w", err)
	}
	parsed := parseQuestion(e.r, q, links)
	parsed.capTopicNames(passages)
	cands, missing := candidates(parsed, passages)
	b := block{question: part}
	if missing == "" && !parsed.tooThin() {
		b.picks, b.conflict, b.ok = compose(parsed, cands, maxSentences)
	}
	return b, nil
}
