package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"footnote/answer"
	"footnote/bot"
)

const askUsage = `Usage: footnote ask [--json] [--since DAY] [--until DAY] [--corpus DIR] [QUESTION]

Answers QUESTION from the corpus and lists the article files it comes from.
--since and --until (YYYY-MM-DD) limit the answer to articles dated within
them; undated articles are then left out.
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
	AsOf      string             `json:"as_of,omitempty"`
	Mode      string             `json:"mode"`
	Note      string             `json:"note,omitempty"`
	Error     string             `json:"error,omitempty"`
	ElapsedMs int64              `json:"elapsed_ms"`
}

// askOptions are the choices of one "ask" run.
type askOptions struct {
	json  bool // one JSON object per answer
	color bool // ANSI styles (a terminal, NO_COLOR unset)
	echo  bool // print each question before its answer (batches)
	// maxRunes is FOOTNOTE_MAX_QUESTION_RUNES.
	maxRunes int
	// dates is --since/--until.
	dates dateFilter
}

func (a *app) cmdAsk(ctx context.Context, args []string) error {
	cmd := a.newCommand("ask", askUsage)
	asJSON := cmd.fs.Bool("json", false, "write one JSON object per answer")
	dates := addDateFlags(cmd)
	cfg, pos, err := a.setup(cmd, args, -1)
	if err != nil {
		return err
	}
	filter, err := dates()
	if err != nil {
		return err
	}
	o := askOptions{json: *asJSON, color: a.isTerminal && !cfg.NoColor, maxRunes: cfg.Bot.MaxQuestionRunes, dates: filter}
	var question string
	if len(pos) > 0 {
		// Check the question before the (possibly slow) index.
		if question, err = checkQuestion(strings.Join(pos, " "), o.maxRunes); err != nil {
			return usageError{err.Error()}
		}
	} else if a.stdinTTY {
		fmt.Fprintln(a.stderr, `footnote ask: type a question per line, then Ctrl-D (or: footnote ask "…")`)
	}
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true})
	if err != nil {
		return err
	}
	if question != "" {
		return a.askOne(ctx, eng, question, o)
	}
	return a.askLines(ctx, eng, o)
}

// checkQuestion is answer.ValidQuestion with messages for the command
// line: a question of only blanks, emoji or punctuation gets the same
// message as an empty one, and an overlong one is named by its setting and
// not echoed back.
func checkQuestion(q string, maxRunes int) (string, error) {
	valid, err := answer.ValidQuestion(q, maxRunes)
	switch {
	case errors.Is(err, answer.ErrEmptyQuestion):
		return "", errors.New("the question has no words to search for")
	case errors.Is(err, answer.ErrQuestionTooLong):
		return "", fmt.Errorf("the question is %d characters long; the limit is %d (FOOTNOTE_MAX_QUESTION_RUNES)",
			utf8.RuneCountInString(strings.TrimSpace(q)), maxRunes)
	}
	return valid, err
}

// askLines answers each non-blank stdin line. With more than one question
// each answer is preceded by its question. A failed or invalid question
// (too long, no words, a line over 1 MiB) is reported on stderr with its
// line number and the rest still run; the exit code is then 1.
func (a *app) askLines(ctx context.Context, eng *engine, o askOptions) error {
	lr := bot.NewLineReader(a.stdin, 0)
	failed, asked := 0, 0
	fail := func(line int, msg string) {
		failed++
		fmt.Fprintf(a.stderr, "footnote ask: stdin line %d: %s\n", line, msg)
	}
	// One line of lookahead tells whether there is more than one question.
	type item struct {
		q    string
		line int
		err  error
	}
	read := func() (item, bool, error) {
		for {
			q, err := lr.Next()
			switch {
			case errors.Is(err, io.EOF):
				return item{}, false, nil
			case errors.Is(err, bot.ErrLineTooLong):
				return item{line: lr.Line(), err: err}, true, nil
			case err != nil:
				return item{}, false, fmt.Errorf("read questions from stdin: %w", err)
			}
			if strings.TrimSpace(q) != "" {
				return item{q: q, line: lr.Line()}, true, nil
			}
		}
	}
	cur, ok, err := read()
	for ok && err == nil {
		var next item
		var more bool
		if a.stdinTTY {
			// Typed questions: answer each at once; the terminal already
			// shows the question.
			o.echo = false
		} else {
			next, more, err = read()
			o.echo = more || asked > 0
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch q, qerr := checkQuestion(cur.q, o.maxRunes); {
		case cur.err != nil:
			fail(cur.line, cur.err.Error())
		case qerr != nil:
			fail(cur.line, qerr.Error())
		default:
			if asked++; asked > 1 && !o.json {
				fmt.Fprintln(a.stdout) // a blank line between answers
			}
			if err := a.askOne(ctx, eng, q, o); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fail(cur.line, oneLine(err.Error()))
			}
		}
		if a.stdinTTY {
			cur, ok, err = read()
		} else {
			cur, ok = next, more
		}
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitErr{exitError}
	}
	return nil
}

// askOne answers one question and writes it as text or JSON.
func (a *app) askOne(ctx context.Context, eng *engine, q string, o askOptions) error {
	asJSON, color := o.json, o.color
	if o.echo && !asJSON {
		fmt.Fprintln(a.stdout, style(color, ansiBold, "Q: "+q))
	}
	start := time.Now()
	req := answer.Request{Question: q}
	o.dates.apply(&req)
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
			a.writeSources(ans, color)
			return nil
		}
		fmt.Fprintln(a.stdout)
	}
	a.writeText(ans, color)
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
		AsOf:      ans.AsOf,
		Mode:      ans.Mode,
		Note:      ans.Note,
		ElapsedMs: elapsed.Milliseconds(),
	}
	if out.Citations == nil {
		out.Citations = []answer.Citation{} // "citations": [] rather than null
	}
	return out
}

// writeText prints an answer for a person with the terminal renderer (the
// same model of an answer the chat and Discord draw).
func (a *app) writeText(ans answer.Answer, color bool) {
	fmt.Fprintln(a.stdout, bot.Wrap(bot.TerminalAnswer(bot.ViewAnswer(ans, bot.TerminalQuoteBytes), color), a.width()))
}

// writeSources prints only the sources block of an answer whose text was
// already streamed.
func (a *app) writeSources(ans answer.Answer, color bool) {
	v := bot.ViewAnswer(ans, bot.TerminalQuoteBytes)
	v.Text, v.Note, v.Unsupported = "", "", nil
	if len(v.Sources) > 0 {
		fmt.Fprintln(a.stdout, bot.Wrap(bot.TerminalAnswer(v, color)[len(v.Text):], a.width()))
	}
}
