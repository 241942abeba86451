package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ChatOptions configures [RunChat].
type ChatOptions struct {
	// ConversationID and UserID identify the session to the core; both
	// default to "cli".
	ConversationID string
	UserID         string
	// MaxLineBytes caps one input line; a longer line gets a short reply
	// saying so and the chat goes on. Default 1 MiB.
	MaxLineBytes int
	// Color draws replies with ANSI bold and dim ([RenderTerminal]); leave
	// it false for a pipe or when NO_COLOR is set.
	Color bool
}

// Respond is one REPL step: it parses text and handles it as a turn. A
// terminal front end (line editing,
// history) calls it once per line and renders the reply.
func (c *Core) Respond(ctx context.Context, conversationID, userID, text string) Reply {
	return c.Handle(ctx, Turn{
		ConversationID: conversationID,
		UserID:         userID,
		Input:          Parse(text),
	})
}

// RunChat reads questions and commands from in, one per line, and writes
// each reply to out followed by a blank line. Blank lines are skipped. It is
// the `footnote chat` loop when stdin is not a terminal, so it prints no
// prompt. It returns nil at end of input, ctx's error when ctx ends between
// lines (a read already blocked on in is not interrupted), and a wrapped
// error when reading or writing fails.
func RunChat(ctx context.Context, core *Core, in io.Reader, out io.Writer, opts ChatOptions) error {
	if opts.ConversationID == "" {
		opts.ConversationID = "cli"
	}
	if opts.UserID == "" {
		opts.UserID = "cli"
	}
	lr := NewLineReader(in, opts.MaxLineBytes)
	w := bufio.NewWriter(out)
	write := func(text string) error {
		if _, err := fmt.Fprintf(w, "%s\n\n", text); err != nil {
			return fmt.Errorf("write reply: %w", err)
		}
		// Flush per reply so a piped consumer sees each answer as it comes.
		if err := w.Flush(); err != nil {
			return fmt.Errorf("write reply: %w", err)
		}
		return nil
	}
	for {
		raw, err := lr.Next()
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, ErrLineTooLong):
			// Say so for that line, then go on with the next.
			if err := write(fmt.Sprintf("Line %d is too long (over %d bytes); skipped.", lr.Line(), lr.max)); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("read input: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if IsQuit(line) {
			return nil
		}
		if err := write(RenderTerminal(core.Respond(ctx, opts.ConversationID, opts.UserID, line), opts.Color)); err != nil {
			return err
		}
	}
}

// ChatHowToAsk is the /help sentence of the CLI chat (Options.HowToAsk).
const ChatHowToAsk = "Type a question on its own line, or one of the commands above. `/quit`, `exit` or Ctrl-D ends the chat."

// IsQuit reports whether a chat line asks to end the chat: /quit, /exit,
// quit or exit.
func IsQuit(line string) bool {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "/quit", "/exit", "quit", "exit":
		return true
	}
	return false
}
