package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
)

func TestRunChat(t *testing.T) {
	fa := &fakeAnswerer{}
	c := newCore(t, fa, bot.Options{
		RatePerMinute: math.Inf(1),
		Sources:       []corpus.Article{{Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Size: 2048}},
	})
	script := strings.Join([]string{
		"/help",
		"Who met in Istanbul?",
		"",
		"   ",
		"and when?",
		"/sources",
		"/ask",
		"/nope",
		"/ask   What did Kyiv want?",
	}, "\n") // no trailing newline: the last line still counts
	var out bytes.Buffer
	if err := bot.RunChat(context.Background(), c, strings.NewReader(script), &out, bot.ChatOptions{}); err != nil {
		t.Fatalf("RunChat: %v", err)
	}
	got := out.String()
	for _, want := range []string{
		bot.RenderTerminal(bot.Reply{Kind: bot.ReplyHelp, Text: c.Help()}, false),
		"Answer to Who met in Istanbul? [1].",
		"Answer to and when? [1].",
		"1. 000_2a32f4e3c815aa48.txt — Talks in Istanbul (2.0 KB)",
		"Please ask a question",
		"I don't know the command /nope",
		"Answer to What did Kyiv want? [1].",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\noutput:\n%s", want, got)
		}
	}
	for _, markup := range []string{"**", "`", "\\_", "\u200b", "\x1b["} {
		if strings.Contains(got, markup) {
			t.Errorf("plain chat output holds markup or escapes %q:\n%s", markup, got)
		}
	}
	reqs := fa.requests()
	if len(reqs) != 3 {
		t.Fatalf("engine got %d questions, want 3", len(reqs))
	}
	wantHistory := [][]string{nil, {"Who met in Istanbul?"}, {"Who met in Istanbul?", "and when?"}}
	for i, want := range wantHistory {
		if strings.Join(answer.Questions(reqs[i].History), "|") != strings.Join(want, "|") {
			t.Errorf("question %d history = %q, want %q", i, reqs[i].History, want)
		}
	}
}

func TestRespond(t *testing.T) {
	fa := &fakeAnswerer{}
	c := newCore(t, fa, bot.Options{})
	r := c.Respond(context.Background(), "conv", "user", "  /ask Who won?  ")
	if r.Kind != bot.ReplyAnswer || r.Answer == nil || !strings.HasPrefix(r.Answer.Text, "Answer to Who won? [1].") {
		t.Fatalf("Respond = %+v", r)
	}
	if q := fa.requests()[0].Question; q != "Who won?" {
		t.Errorf("engine got %q", q)
	}
}

func TestRunChatErrors(t *testing.T) {
	c := newCore(t, &fakeAnswerer{fn: func(context.Context, answer.Request) (answer.Answer, error) {
		return answer.Answer{Text: "ok", Answered: true}, nil
	}}, bot.Options{})
	readErr := errors.New("disk gone")
	writeErr := errors.New("pipe closed")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		in   io.Reader
		out  io.Writer // nil: a buffer
		opts bot.ChatOptions
		want error  // errors.Is target, if any
		msg  string // substring of the error, if any
	}{
		{name: "read error", ctx: context.Background(), in: iotest.ErrReader(readErr), want: readErr},
		{name: "cancelled", ctx: cancelled, in: strings.NewReader("q\n"), want: context.Canceled},
		{name: "write error", ctx: context.Background(), in: strings.NewReader("q\n"),
			out: failWriter{writeErr}, want: writeErr, msg: "write reply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.out
			if out == nil {
				out = &bytes.Buffer{}
			}
			err := bot.RunChat(tt.ctx, c, tt.in, out, tt.opts)
			if err == nil {
				t.Fatal("RunChat returned nil")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to mention %q", err, tt.msg)
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// A line over the cap gets a reply saying so, and the chat goes on.
func TestRunChatLongLine(t *testing.T) {
	c := newCore(t, &fakeAnswerer{}, bot.Options{RatePerMinute: math.Inf(1)})
	var out bytes.Buffer
	in := strings.NewReader("first?\n" + strings.Repeat("x", 100) + "\nlast?\n")
	if err := bot.RunChat(context.Background(), c, in, &out, bot.ChatOptions{MaxLineBytes: 64}); err != nil {
		t.Fatalf("RunChat: %v", err)
	}
	got := out.String()
	for _, want := range []string{"Answer to first?", "Line 2 is too long (over 64 bytes); skipped.", "Answer to last?"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestLineReader(t *testing.T) {
	lr := bot.NewLineReader(strings.NewReader("a\r\n"+strings.Repeat("y", 300)+"\nb"), 100)
	var got []string
	for {
		l, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, bot.ErrLineTooLong) {
			got = append(got, fmt.Sprintf("long@%d", lr.Line()))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, l)
	}
	if strings.Join(got, "|") != "a|long@2|b" {
		t.Errorf("lines = %q", got)
	}
}
