package bot

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// User-facing error texts. They are short, say what to do next, and never
// carry internal details: those go to Options.OnError.
const (
	msgEmptyQuestion = "Please ask a question, e.g. `/ask <your question>`. Type `/help` for more."
	msgEngineTooLong = "That question is too long for me — please shorten it."
	msgBusy          = "I'm answering a lot of questions right now — please try again in a moment."
	msgTimeout       = "That took too long, sorry — please try again, perhaps with a simpler question."
	msgCancelled     = "I had to stop before answering — please try again."
	msgPanic         = "Something went wrong on my side, sorry — please try again."
	msgEngineFailed  = "Sorry, I couldn't answer that right now — please try again in a moment."
)

// msgTooLong names the length limit the core enforces.
func msgTooLong(limit, got int) string {
	return fmt.Sprintf("That question is %d characters long; the limit is %d. Please shorten it.", got, limit)
}

// msgUnknownSource says an article asked for is not in the corpus.
func msgUnknownSource(source string) string {
	return fmt.Sprintf("There is no article %s — pick one from the list as you type, or see `/sources`.", commandSpan(source))
}

// msgRateLimited tells the user when to ask again, in whole seconds.
func msgRateLimited(wait time.Duration) string {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	return fmt.Sprintf("You're asking quickly — try again in %d s.", secs)
}

// msgUnknownCommand points a user who typed "/foo" at the real commands.
func msgUnknownCommand(word string) string {
	return fmt.Sprintf("I don't know the command %s. Try `/ask <question>`, `/sources` or `/help`.", commandSpan(word))
}

// commandSpan wraps a typed command in backticks; one containing a backtick
// gets double backticks and padding so it still renders.
func commandSpan(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return "`` " + strings.ReplaceAll(s, "``", "` `") + " ``"
}
