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
	// Render turns each reply into the text blocks written to out.
	// Required.
	Render func(Reply) []string
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
	if opts.Render == nil {
		return errors.New("bot: ChatOptions.Render is nil")
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
		for _, msg := range opts.Render(core.Respond(ctx, opts.ConversationID, opts.UserID, line)) {
			if _, err := fmt.Fprintln(w, msg); err != nil {
				return fmt.Errorf("write reply: %w", err)
			}
		}
		if _, err := fmt.Fprintln(w); err != nil {
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
