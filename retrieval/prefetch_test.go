package retrieval

import (
	"errors"
	"fmt"
	"testing"

	"footnote/corpus"
)

// numbered yields n articles, then err when set, counting what it yields
// and noting whether its consumer stopped it.
type numbered struct {
	n       int
	err     error
	yielded int
	stopped bool
}

func (s *numbered) seq(yield func(corpus.Article, error) bool) {
	for i := range s.n {
		s.yielded++
		if !yield(corpus.Article{Source: fmt.Sprint(i)}, nil) {
			s.stopped = true
			return
		}
	}
	if s.err != nil {
		yield(corpus.Article{}, s.err)
	}
}

func TestPrefetchKeepsOrderAndErrors(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		n     int
		err   error
		depth int
	}{
		{"empty", 0, nil, 4},
		{"shorter than depth", 3, nil, 8},
		{"longer than depth", 100, nil, 4},
		{"unbuffered", 10, nil, 0},
		{"error at the end", 10, boom, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &numbered{n: tt.n, err: tt.err}
			seq, stop := prefetch(src.seq, tt.depth)
			defer stop()
			i := 0
			var gotErr error
			for a, err := range seq {
				if err != nil {
					gotErr = err
					continue
				}
				if a.Source != fmt.Sprint(i) {
					t.Fatalf("article %d has source %q", i, a.Source)
				}
				i++
			}
			if i != tt.n || !errors.Is(gotErr, tt.err) || (tt.err == nil) != (gotErr == nil) {
				t.Errorf("got %d articles and error %v, want %d and %v", i, gotErr, tt.n, tt.err)
			}
		})
	}
}

// Stopping early must stop the source and wait for its goroutine, so that
// nothing reads files after Open has returned.
func TestPrefetchStopEndsTheSource(t *testing.T) {
	src := &numbered{n: 1000}
	seq, stop := prefetch(src.seq, 4)
	for a := range seq {
		if a.Source == "2" {
			break
		}
	}
	stop()
	stop() // a second call is harmless
	if !src.stopped || src.yielded >= src.n {
		t.Errorf("source yielded %d of %d, stopped %v: want it stopped early", src.yielded, src.n, src.stopped)
	}
	if src.yielded > 3+4+1 {
		t.Errorf("source ran %d articles ahead, more than the depth allows", src.yielded-3)
	}
}

func TestPrefetchReraisesPanics(t *testing.T) {
	seq, stop := prefetch(func(yield func(corpus.Article, error) bool) {
		yield(corpus.Article{Source: "a"}, nil)
		panic("reader broke")
	}, 2)
	defer stop()
	defer func() {
		if r := recover(); r != "reader broke" {
			t.Errorf("recovered %v, want the reader's panic", r)
		}
	}()
	for range seq {
	}
	t.Error("the consumer finished without the reader's panic")
}
