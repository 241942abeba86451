package bot_test

import (
	"context"
	"testing"

	"footnote/bot"
	"footnote/corpus"
)

func TestSetSourcesAndDates(t *testing.T) {
	fa := &fakeAnswerer{}
	c, err := bot.New(bot.Options{Answerer: fa, Sources: []corpus.Article{{Source: "a.txt", Text: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(in bot.Input) bot.Reply {
		in.Command = bot.CmdAsk
		return c.Handle(context.Background(), bot.Turn{ID: "1", UserID: "u", ConversationID: "c", Input: in})
	}
	if r := ask(bot.Input{Question: "what happened?", Sources: []string{"b.txt"}}); r.Kind != bot.ReplyError {
		t.Errorf("an unknown source: %+v, want an error reply", r)
	}
	c.SetSources([]corpus.Article{{Source: "a.txt"}, {Source: "b.txt", Text: "dropped"}})
	if r := ask(bot.Input{Question: "what happened?", Sources: []string{"b.txt"}}); r.Kind == bot.ReplyError {
		t.Errorf("a source added by SetSources: %+v", r)
	}
	if got := c.Sources(); len(got) != 2 || got[1].Text != "" {
		t.Errorf("Sources = %+v, want two, without text", got)
	}
	if r := ask(bot.Input{Question: "what happened?", Since: "2025-05-01", Until: "2025-05-31"}); r.Kind == bot.ReplyError {
		t.Errorf("a valid date range: %+v", r)
	}
	reqs := fa.requests()
	last := reqs[len(reqs)-1]
	if last.Since.Day() != 1 || last.Until.Day() != 31 {
		t.Errorf("request %+v, want May 2025", last)
	}
	for _, in := range []bot.Input{{Question: "q?", Since: "1 May"}, {Question: "q?", Since: "2025-06-01", Until: "2025-05-01"}} {
		if r := ask(in); r.Kind != bot.ReplyError {
			t.Errorf("%+v: %+v, want an error reply", in, r)
		}
	}
	if n := len(fa.requests()); n != len(reqs) {
		t.Errorf("bad dates reached the engine")
	}
}
