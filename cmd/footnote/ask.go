package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"footnote/answer"
)

const askUsage = `Usage: footnote ask [--json] [--corpus DIR] [QUESTION]

Answers QUESTION from the corpus and lists the article files it comes from.
With no QUESTION, reads questions from stdin, one per line, and answers each
in turn (the index is built once).
`

// jsonAnswer is one line of "ask --json" output.
type jsonAnswer struct {
	Question  string            `json:"question"`
	Answered  bool              `json:"answered"`
	Answer    string            `json:"answer"`
	Citations []answer.Citation `json:"citations"`
	// Claims, Verified and Check come from the claim check of LLM answers.
	Claims    []answer.Claim     `json:"claims,omitempty"`
	Verified  int                `json:"verified"`
	Check     *answer.CheckStats `json:"check,omitempty"`
	Rewritten string             `json:"rewritten,omitempty"`
	Mode      string             `json:"mode"`
	Note      string             `json:"note,omitempty"`
	Error     string             `json:"error,omitempty"`
	ElapsedMs int64              `json:"elapsed_ms"`
}

func (a *app) cmdAsk(ctx context.Context, args []string) error {
	cmd := a.newCommand("ask", askUsage)
	asJSON := cmd.fs.Bool("json", false, "write one JSON object per answer")
	cfg, pos, err := a.setup(cmd, args, -1)
	if err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(pos, " "))
	if len(pos) > 0 && question == "" {
		return usageError{"the question is empty"}
	}
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true})
	if err != nil {
		return err
	}
	if question != "" {
		return a.askOne(ctx, eng, question, *asJSON)
	}
	return a.askLines(ctx, eng, *asJSON)
}

// askLines answers each non-blank stdin line. A failed question is
// reported and the rest still run; the exit code is then 1.
func (a *app) askLines(ctx context.Context, eng *engine, asJSON bool) error {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	failed, asked := 0, 0
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" {
			continue
		}
		if asked++; asked > 1 && !asJSON {
			fmt.Fprintln(a.stdout) // a blank line between answers
		}
		if err := a.askOne(ctx, eng, q, asJSON); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			fmt.Fprintf(a.stderr, "footnote ask: %q: %s\n", truncateRunes(q, 80), oneLine(err.Error()))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions from stdin: %w", err)
	}
	if failed > 0 {
		return exitErr{exitError}
	}
	return nil
}

// askOne answers one question and writes it as text or JSON.
func (a *app) askOne(ctx context.Context, eng *engine, q string, asJSON bool) error {
	start := time.Now()
	req := answer.Request{Question: q}
	var streamed strings.Builder
	if !asJSON && a.isTerminal {
		// Show tokens as they arrive; the final answer below completes it.
		req.OnDelta = func(d string) {
			streamed.WriteString(d)
			fmt.Fprint(a.stdout, d)
		}
	}
	ans, err := eng.answerer.Answer(ctx, req)
	elapsed := time.Since(start)
	if err != nil {
		if asJSON {
			a.writeJSON(jsonAnswer{Question: q, Citations: []answer.Citation{}, Mode: eng.mode, Error: err.Error(), ElapsedMs: elapsed.Milliseconds()})
		}
		return err
	}
	if ans.Note != "" {
		fmt.Fprintf(a.stderr, "footnote: %s\n", ans.Note)
	}
	if asJSON {
		a.writeJSON(toJSON(ans, elapsed))
		return nil
	}
	if streamed.Len() > 0 {
		// The streamed text was shown; repeat the answer only if the final
		// one differs (markers to missing passages dropped, or a fallback).
		fmt.Fprintln(a.stdout)
		if strings.TrimSpace(streamed.String()) == strings.TrimSpace(ans.Text) {
			writeSources(a.stdout, ans)
			return nil
		}
		fmt.Fprintln(a.stdout)
	}
	writeText(a.stdout, ans)
	return nil
}

func (a *app) writeJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Fprintf(a.stderr, "footnote: encode answer: %v\n", err)
		return
	}
	fmt.Fprintf(a.stdout, "%s\n", b)
}

func toJSON(ans answer.Answer, elapsed time.Duration) jsonAnswer {
	out := jsonAnswer{
		Question:  ans.Question,
		Answered:  ans.Answered,
		Answer:    ans.Text,
		Citations: ans.Citations,
		Claims:    ans.Claims,
		Verified:  ans.Verified,
		Check:     ans.Check,
		Rewritten: ans.Rewritten,
		Mode:      ans.Mode,
		Note:      ans.Note,
		ElapsedMs: elapsed.Milliseconds(),
	}
	if out.Citations == nil {
		out.Citations = []answer.Citation{} // "citations": [] rather than null
	}
	return out
}

// writeText prints an answer for a person: the text, then its sources.
func writeText(w io.Writer, ans answer.Answer) {
	fmt.Fprintln(w, ans.Text)
	writeSources(w, ans)
}

func writeSources(w io.Writer, ans answer.Answer) {
	if len(ans.Citations) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources:")
	for _, c := range ans.Citations {
		line := fmt.Sprintf("  [%d] %s", c.N, c.Source)
		if c.Title != "" {
			line += " — " + truncateRunes(c.Title, 80)
		}
		fmt.Fprintln(w, line)
		if c.Quote != "" {
			fmt.Fprintf(w, "      “%s”\n", truncateRunes(c.Quote, 200))
		}
	}
}

// truncateRunes shortens s to at most n runes, marking a cut with "…".
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
