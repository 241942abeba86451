package eval

import (
	"context"
	"fmt"
	"slices"
	"time"

	"footnote/answer"
	"footnote/retrieval"
)

// Result is one graded case of a run.
type Result struct {
	Case
	Answer  answer.Answer `json:"answer"`  // what the engine replied
	Correct bool          `json:"correct"` // graded by Grade
	// Reasons say why an incorrect answer failed; empty when Correct.
	Reasons []string      `json:"reasons,omitempty"`
	Latency time.Duration `json:"latency_ns"` // time to answer
	// Retrieved lists the distinct sources of the top-k passages, best
	// first; nil when the run had no retriever.
	Retrieved []string `json:"retrieved,omitempty"`
	// HitAtK reports whether a SourcesAny file is among Retrieved.
	HitAtK bool `json:"hit_at_k"`
}

// Options tune a run.
type Options struct {
	// K is the cut-off for recall@k; default 5.
	K int
}

const defaultK = 5

// Run asks a every case, grades the answers and, when r is not nil,
// measures whether retrieval alone finds an expected source in its top K.
// An error from the answerer fails that case (its reason says why) rather
// than the run; only a cancelled ctx or a failing retriever stops the run.
func Run(ctx context.Context, cases []Case, a answer.Answerer, r answer.Retriever, opts Options) (Report, error) {
	if opts.K <= 0 {
		opts.K = defaultK
	}
	results := make([]Result, 0, len(cases))
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("eval run: %w", err)
		}
		res := ask(ctx, c, a)
		if r != nil {
			if err := retrieve(ctx, &res, r, opts.K); err != nil {
				return Report{}, fmt.Errorf("eval case %s: %w", c.ID, err)
			}
		}
		results = append(results, res)
	}
	return Report{Results: results, Summary: summarize(results, r != nil, opts.K)}, nil
}

// ask puts one case to the answerer and grades the reply.
func ask(ctx context.Context, c Case, a answer.Answerer) Result {
	start := time.Now()
	ans, err := a.Answer(ctx, answer.Request{Question: c.Question, History: answer.QuestionTurns(c.History)})
	res := Result{Case: c, Answer: ans, Latency: time.Since(start)}
	if err != nil {
		res.Reasons = []string{"error: " + err.Error()}
		return res
	}
	res.Correct, res.Reasons = Grade(c, ans)
	return res
}

// retrieve records the top-k sources for the case's question. A follow-up
// is searched together with the previous question, the way a reader would
// resolve it, so recall measures the retriever rather than the ellipsis.
func retrieve(ctx context.Context, res *Result, r answer.Retriever, k int) error {
	query := res.Question
	if n := len(res.History); n > 0 {
		query = res.History[n-1] + " " + query
	}
	passages, err := r.Retrieve(ctx, retrieval.Query{Text: query, K: k})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	seen := map[string]bool{}
	for _, p := range passages {
		if !seen[p.Source] {
			seen[p.Source] = true
			res.Retrieved = append(res.Retrieved, p.Source)
		}
	}
	for _, s := range res.Retrieved {
		if inSources(s, res.Expect.SourcesAny) {
			res.HitAtK = true
		}
	}
	return nil
}

// citedSources lists the distinct files an answer cites, in citation order.
func citedSources(a answer.Answer) []string {
	var out []string
	for _, c := range a.Citations {
		if !slices.Contains(out, c.Source) {
			out = append(out, c.Source)
		}
	}
	return out
}
