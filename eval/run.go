package eval

import (
	"context"
	"encoding/json"
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
	Reasons []string `json:"reasons,omitempty"`
	// Error is the answerer's error when it failed on the case (the case
	// then counts as a wrong answer); "" otherwise.
	Error string `json:"error,omitempty"`
	// Latency is the time to answer; the JSON carries it as elapsed_ms.
	Latency time.Duration `json:"-"`
	// Retrieved lists the distinct sources of the top-k passages, best
	// first; nil when the run had no retriever.
	Retrieved []string `json:"retrieved,omitempty"`
	// HitAtK reports whether a SourcesAny file is among Retrieved.
	HitAtK bool `json:"hit_at_k"`
}

// MarshalJSON writes the result with its latency as elapsed_ms, the
// naming every footnote JSON output uses.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(r.jsonView())
}

// plainResult is Result without its MarshalJSON method.
type plainResult Result

// resultJSON is the JSON form of a Result.
type resultJSON struct {
	plainResult
	ElapsedMs float64 `json:"elapsed_ms"`
}

func (r Result) jsonView() resultJSON { return resultJSON{plainResult(r), ms(r.Latency)} }

// Options tune a run.
type Options struct {
	// K is the cut-off for recall@k; default 5.
	K int
	// Clock reads the time for latencies; default time.Now. Tests set a
	// fake one so reports are reproducible.
	Clock func() time.Time
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
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	results := make([]Result, 0, len(cases))
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("eval run: %w", err)
		}
		res := ask(ctx, c, a, opts.Clock)
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
func ask(ctx context.Context, c Case, a answer.Answerer, now func() time.Time) Result {
	start := now()
	ans, err := a.Answer(ctx, answer.Request{Question: c.Question, History: answer.QuestionTurns(c.History)})
	res := Result{Case: c, Answer: ans, Latency: now().Sub(start)}
	if err != nil {
		res.Error = err.Error()
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
