package bot

import (
	"fmt"
	"math"
	"strings"
)

// Help returns the /help text: what the bot does, its commands and limits.
func (c *Core) Help() string {
	var b strings.Builder
	b.WriteString("**footnote** answers questions from a small set of news articles and cites the article file each fact comes from. " +
		"If the articles don't say, it tells you so instead of guessing.\n\n")
	b.WriteString("`/ask <question>` — ask a question\n")
	b.WriteString("`/sources` — list the articles I answer from\n")
	b.WriteString("`/help` — show this message\n\n")
	if how := strings.TrimSpace(c.opts.HowToAsk); how != "" {
		b.WriteString(how + " ")
	}
	if c.opts.HistoryTurns > 0 {
		b.WriteString("Follow-up questions can refer to your previous ones in the same conversation.")
	}
	fmt.Fprintf(&b, "\nQuestions can be up to %d characters", c.opts.MaxQuestionRunes)
	if !math.IsInf(c.opts.RatePerMinute, 1) {
		fmt.Fprintf(&b, "; you can ask about %s a minute", questionsPerMinute(c.opts.RatePerMinute))
	}
	b.WriteString(".")
	return b.String()
}

// questionsPerMinute renders a rate for the help text: "6 questions",
// "1 question", "0.5 questions".
func questionsPerMinute(r float64) string {
	if r == 1 {
		return "1 question"
	}
	return fmt.Sprintf("%s questions", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", r), "0"), "."))
}
