package generative

import (
	"context"
	"errors"
	"fmt"

	"footnote/answer"
	"footnote/lexicon"

	"footnote/prompts"
	"footnote/retrieval"
)

// ChatModel is the LLM the generative answerer talks to. *llm.Client
// implements it.
type ChatModel interface {
	// Complete returns the model's whole reply to msgs. When onDelta is set
	// it streams the reply through it as it is generated. An error means no
	// complete reply: text already streamed must be discarded.
	Complete(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (string, error)
}

// GenerativeOptions tune the generative answerer. Zero values take the
// defaults.
type Options struct {
	// K is how many passages the model is shown; default 10 (about 1.5k
	// tokens): fusion can rank the passage that answers below the first few.
	K int
	// MaxQuestionRunes caps the question's length; default 500.
	MaxQuestionRunes int
	// Unsupported is what happens to a claim no passage supports; the
	// zero value marks it "(not in the sources)".
	Unsupported Unsupported
}

// Defaults of GenerativeOptions.
const (
	DefaultK                = 10
	DefaultMaxQuestionRunes = 500
)

// maxPromptHistory is how many earlier questions the model sees.
const maxPromptHistory = 4

// Generative answers with an LLM over retrieved passages, keeping only
// answers that cite them, and falls back to another Answerer (the
// extractive one) when the LLM fails or its reply cannot be trusted.
type Engine struct {
	r        answer.Retriever
	chat     ChatModel
	fallback answer.Answerer
	opts     Options
	// lex and lemmas are the word knowledge the claim check matches with.
	lex      *lexicon.Lexicon
	lemmas   *lemmaCache
	passages *passageCache
}

// New returns a generative answerer. fallback may be nil, in
// which case LLM failures are returned as errors.
func New(r answer.Retriever, chat ChatModel, fallback answer.Answerer, opts Options) *Engine {
	if opts.K <= 0 {
		opts.K = DefaultK
	}
	if opts.MaxQuestionRunes <= 0 {
		opts.MaxQuestionRunes = DefaultMaxQuestionRunes
	}
	lex := lexicon.Default()
	return &Engine{r: r, chat: chat, fallback: fallback, opts: opts, lex: lex, lemmas: newLemmaCache(lex), passages: newPassageCache()}
}

// Answer answers req.Question from the retrieved passages with the LLM,
// streaming the answer text through req.OnDelta. It returns
// ErrEmptyQuestion or ErrQuestionTooLong for a question it will not ask.
// When the LLM fails, or replies without citing any passage, or repeats
// its instructions, the fallback's answer is returned with a Note saying
// why; text already streamed is then superseded by the returned Answer.
func (g *Engine) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	q, err := answer.ValidQuestion(req.Question, g.opts.MaxQuestionRunes)
	if err != nil {
		return answer.Answer{}, err
	}
	query, asked := answer.SearchQuery(q, req.History), q
	if standalone, ok := g.rewrite(ctx, q, req.History); ok {
		query, asked = standalone, standalone
	}
	passages, err := g.r.Retrieve(ctx, req.Query(query, g.opts.K))
	if err != nil {
		if ctx.Err() != nil {
			return answer.Answer{}, fmt.Errorf("generative answer: search: %w", err)
		}
		return g.fallBack(ctx, req, "search failed", err)
	}
	if len(passages) == 0 {
		return declined(req.Question), nil
	}
	msgs, err := prompts.Build(asked, lastN(answer.Questions(req.History), maxPromptHistory), promptPassages(passages))
	if err != nil {
		return answer.Answer{}, fmt.Errorf("generative answer: build prompt: %w", err)
	}
	f := newReplyFilter(len(passages), newLeakGuard(msgs, guardData(q, req.History, passages)...), req.OnDelta)
	reply, err := g.chat.Complete(ctx, msgs, f.streamer())
	if err != nil {
		if ctx.Err() != nil {
			return answer.Answer{}, fmt.Errorf("generative answer: %w", ctx.Err())
		}
		return g.fallBack(ctx, req, "LLM unavailable"+reasonOf(err), err)
	}
	ans, err := g.finish(ctx, req, f.final(reply), passages)
	if asked != q {
		ans.Rewritten = asked
	}
	return ans, err
}

// finish turns a filtered reply into the Answer, or falls back when the
// reply cannot be shown.
func (g *Engine) finish(ctx context.Context, req answer.Request, r filteredReply, passages []retrieval.Passage) (answer.Answer, error) {
	switch {
	case r.leaked:
		return g.fallBack(ctx, req, "LLM reply withheld (it repeated its instructions)", errLeak)
	case r.declined:
		return declined(req.Question), nil
	}
	c, err := verify(ctx, r, passages, &matcher{w: g.r, lex: g.lex, lemmas: g.lemmas, passages: g.passages}, g.opts.Unsupported)
	if err != nil {
		return answer.Answer{}, fmt.Errorf("generative answer: check the reply: %w", err)
	}
	if c.supported == 0 {
		ans := declined(req.Question)
		ans.Text = answer.Decline("", passages)
		ans.Check = &c.stats
		ans.Claims = c.claims
		return ans, nil
	}
	return answer.Dated(answer.Answer{
		Question:   req.Question,
		Text:       c.text,
		Answered:   true,
		Citations:  citations(c, passages),
		Claims:     c.claims,
		Verified:   c.supported,
		Check:      &c.stats,
		Mode:       answer.ModeGenerative,
		Confidence: float64(c.supported) / float64(max(1, c.stats.Checked)),
	}), nil
}

// Reasons for a fallback that are not errors of the chat model.
var (
	errLeak = errors.New("the reply repeated the system prompt")
)

// fallBack answers with the fallback answerer, noting why. Without a
// fallback the cause is returned.
func (g *Engine) fallBack(ctx context.Context, req answer.Request, why string, cause error) (answer.Answer, error) {
	if g.fallback == nil {
		return answer.Answer{}, fmt.Errorf("generative answer: %s: %w", why, cause)
	}
	ans, err := g.fallback.Answer(ctx, req)
	if err != nil {
		return answer.Answer{}, fmt.Errorf("generative answer: %s: %w; fallback: %w", why, cause, err)
	}
	note := why + "; showing the extractive answer"
	if ans.Note != "" {
		note += "; " + ans.Note
	}
	ans.Note = note
	return ans, nil
}

// reasoner is implemented by errors that carry a short, user-safe reason
// (llm.Error: "rate limited", "timed out").
type reasoner interface{ Reason() string }

// reasonOf returns " (reason)" for err, or "" when it has no safe reason.
// The error's own text is never used: it is not meant for users.
func reasonOf(err error) string {
	var r reasoner
	if errors.As(err, &r) && r.Reason() != "" {
		return " (" + r.Reason() + ")"
	}
	return ""
}

// declined is the Answer for a question the passages do not answer.
func declined(question string) answer.Answer {
	return answer.Answer{Question: question, Text: answer.DeclineText, Citations: []answer.Citation{}, Mode: answer.ModeGenerative}
}

// promptPassages numbers the passages for the prompt, from 1.
func promptPassages(ps []retrieval.Passage) []prompts.Passage {
	out := make([]prompts.Passage, len(ps))
	for i, p := range ps {
		out[i] = prompts.Passage{N: i + 1, Source: p.Source, Title: p.Title, Date: p.Date, Text: p.Text}
	}
	return out
}

// guardData is the text the model was given as data, which a reply may
// repeat freely.
func guardData(q string, history []answer.Turn, ps []retrieval.Passage) []string {
	data := []string{q}
	for _, t := range history {
		data = append(data, t.Question, t.Answer)
	}
	for _, p := range ps {
		data = append(data, p.Title, p.Text)
	}
	return data
}

// lastN returns the last n elements of s.
func lastN(s []string, n int) []string {
	return s[max(0, len(s)-n):]
}
