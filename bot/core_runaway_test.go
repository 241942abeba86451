package bot_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/generative"
	"footnote/bot"
	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/retrieval"
)

// runawayRetriever returns one passage for every question.
type runawayRetriever struct{}

func (runawayRetriever) Retrieve(context.Context, retrieval.Query) ([]retrieval.Passage, error) {
	return []retrieval.Passage{{Chunk: retrieval.Chunk{Source: "a.txt", Title: "Talks",
		Text: "Ukraine's delegation was led by Defence Minister Rustem Umerov."}}}, nil
}
func (runawayRetriever) Terms(string) []retrieval.Term { return nil }

// A model that ignores max_tokens and writes megabytes must not hold the
// only answer slot past the user's time limit: the client stops reading at
// its byte cap and the answer falls back, so the next question is answered
// rather than told "busy".
func TestRunawayModelReleasesSlot(t *testing.T) {
	huge := strings.Repeat("Umerov led Ukraine's delegation [1]. Blah foo bar baz qux [1]. ", 65_000) // about 4 MB
	srv := fakeopenai.New(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string { return huge }))
	client, err := llm.New(llm.Config{BaseURL: srv.URL(), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fallback := &fakeAnswerer{}
	eng := generative.New(runawayRetriever{}, client, fallback, generative.Options{Unsupported: generative.UnsupportedDrop})
	c := newCore(t, eng, bot.Options{Timeout: 3 * time.Second, MaxConcurrent: 1, QueueWait: time.Second, RatePerMinute: math.Inf(1)})
	for _, q := range []string{"who led Ukraine?", "who led it, again?"} {
		r := ask(c, "c", "u", q)
		if r.Kind != bot.ReplyAnswer {
			t.Fatalf("%q: %q %q, want the fallback answer (no timeout, no busy)", q, r.Kind, r.Text)
		}
		if !strings.Contains(r.Answer.Note, "LLM unavailable") || r.Answer.Mode != answer.ModeExtractive {
			t.Errorf("%q: note %q mode %q, want the extractive fallback with a note", q, r.Answer.Note, r.Answer.Mode)
		}
	}
}

// With the byte cap raised out of the way, the check of a huge reply still
// stops at the time limit: the user is told "took too long" and the slot
// is free for the next question at once.
func TestTimedOutCheckReleasesSlot(t *testing.T) {
	huge := strings.Repeat("Umerov led Ukraine's delegation [1]. Blah foo bar baz qux [1]. ", 130_000) // about 8 MB
	srv := fakeopenai.New(t, fakeopenai.WithResponder(func(req fakeopenai.ChatRequest) string {
		if strings.Contains(req.Messages[len(req.Messages)-1].Content, "again") {
			return "Umerov led Ukraine's delegation [1]."
		}
		return huge
	}))
	client, err := llm.New(llm.Config{BaseURL: srv.URL(), Timeout: 20 * time.Second, MaxReplyBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	eng := generative.New(runawayRetriever{}, client, &fakeAnswerer{}, generative.Options{Unsupported: generative.UnsupportedDrop})
	c := newCore(t, eng, bot.Options{Timeout: 300 * time.Millisecond, MaxConcurrent: 1, QueueWait: 2 * time.Second, RatePerMinute: math.Inf(1)})
	if r := ask(c, "c", "u", "who led Ukraine?"); !strings.Contains(r.Text, "took too long") {
		t.Fatalf("huge reply: %q %q, want the timeout reply", r.Kind, r.Text)
	}
	if r := ask(c, "c2", "u2", "who led it, again?"); r.Kind != bot.ReplyAnswer {
		t.Fatalf("next question: %q %q, want an answer (the timed-out check gave its slot back)", r.Kind, r.Text)
	}
}
