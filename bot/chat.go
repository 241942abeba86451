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
	// MaxLineBytes caps one input line; a longer line ends the chat with an
	// error. Default 1 MiB.
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
	if opts.MaxLineBytes <= 0 {
		opts.MaxLineBytes = 1 << 20
	}
	sc := bufio.NewScanner(in)
	// The buffer's capacity also bounds a line, so start no bigger than the cap.
	sc.Buffer(make([]byte, 0, min(64*1024, opts.MaxLineBytes)), opts.MaxLineBytes)
	w := bufio.NewWriter(out)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if IsQuit(line) {
			return nil
		}
		reply := RenderTerminal(core.Respond(ctx, opts.ConversationID, opts.UserID, line), opts.Color)
		if _, err := fmt.Fprintf(w, "%s\n\n", reply); err != nil {
			return fmt.Errorf("write reply: %w", err)
		}
		// Flush per reply so a piped consumer sees each answer as it comes.
		if err := w.Flush(); err != nil {
			return fmt.Errorf("write reply: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("read input: line longer than %d bytes: %w", opts.MaxLineBytes, err)
		}
		return fmt.Errorf("read input: %w", err)
	}
	return nil
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
