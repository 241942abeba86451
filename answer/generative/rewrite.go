package generative

import (
	"context"
	"strings"
	"unicode/utf8"

	"footnote/answer"
	"footnote/prompts"
)

// maxRewriteTurns is how many earlier turns the rewrite call sees.
const maxRewriteTurns = 3

// rewrite turns a follow-up that leans on the conversation ("what was his
// previous job?") into a standalone question with one short call to the
// model, so that retrieval searches for what is meant. It reports false,
// and the caller keeps the question as asked, when q stands alone, there
// is no history, or the model's rewrite fails or is not a plausible
// question.
func (g *Engine) rewrite(ctx context.Context, q string, history []answer.Turn) (string, bool) {
	if len(history) == 0 || !answer.LeansOnHistory(q) {
		return "", false
	}
	recent := history[max(0, len(history)-maxRewriteTurns):]
	turns := make([]prompts.Turn, len(recent))
	for i, t := range recent {
		turns[i] = prompts.Turn{Question: t.Question, Answer: t.Answer}
	}
	msgs, err := prompts.BuildRewrite(q, turns)
	if err != nil {
		return "", false
	}
	reply, err := g.chat.Complete(ctx, msgs, nil)
	if err != nil {
		return "", false
	}
	return plausibleRewrite(q, reply)
}

// maxRewriteRunes bounds a rewritten question.
const maxRewriteRunes = 300

// plausibleRewrite cleans the model's rewrite (first line, quotes and
// labels trimmed) and reports whether it can stand for q: not empty, not
// the no-answer sentinel, not an answer (it cites), not much longer than a
// question is.
func plausibleRewrite(q, reply string) (string, bool) {
	line, _, _ := strings.Cut(strings.TrimSpace(reply), "\n")
	line = strings.TrimSpace(line)
	if l, r, ok := strings.Cut(line, ":"); ok && len(l) < 25 && strings.Contains(strings.ToLower(l), "question") {
		line = strings.TrimSpace(r)
	}
	line = strings.Trim(line, "\"'“”‘’`* ")
	switch {
	case line == "", strings.Contains(line, prompts.NoAnswer), utf8.RuneCountInString(line) > maxRewriteRunes,
		citedRe.MatchString(line): // an answer, not a question
		return "", false
	case strings.EqualFold(line, strings.TrimSpace(q)):
		return "", false
	}
	return line, true
}
