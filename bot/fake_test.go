package bot_test

import (
	"context"
	"sync"
	"time"

	"footnote/answer"
)

// fakeAnswerer records requests and answers with fn, or with a fixed cited
// answer when fn is nil.
type fakeAnswerer struct {
	fn func(ctx context.Context, req answer.Request) (answer.Answer, error)

	mu   sync.Mutex
	reqs []answer.Request
}

func (f *fakeAnswerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.fn != nil {
		return f.fn(ctx, req)
	}
	return answer.Answer{
		Question: req.Question,
		Text:     "Answer to " + req.Question + " [1].",
		Answered: true,
		Mode:     answer.ModeExtractive,
		Citations: []answer.Citation{{
			N: 1, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks", Quote: "a quote",
		}},
	}, nil
}

// requests returns a copy of the requests seen so far.
func (f *fakeAnswerer) requests() []answer.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]answer.Request(nil), f.reqs...)
}

// fakeClock is a settable clock for rate-limit tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 5, 16, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
