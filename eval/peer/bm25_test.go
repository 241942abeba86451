package peer_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/corpus"
	"footnote/eval/peer"
)

// tinyCorpus loads the two articles of testdata/corpus.
func tinyCorpus(t *testing.T) *peer.BM25 {
	t.Helper()
	arts, err := corpus.Load(context.Background(), os.DirFS("testdata/corpus"), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 {
		t.Fatalf("loaded %d articles, want 2", len(arts))
	}
	return peer.NewBM25(arts)
}

func TestBM25TopSentence(t *testing.T) {
	p := tinyCorpus(t)
	tests := []struct {
		question string
		history  []string
		source   string
		quote    string // the sentence it must answer with
	}{
		{"Who chaired the meeting?", nil, "talks.txt", "The Turkish foreign minister Hakan Fidan chaired the meeting."},
		{"Who led the Ukrainian delegation?", nil, "talks.txt", "The Ukrainian delegation was led by Defence Minister Rustem Umerov."},
		{"How much did grain prices fall?", nil, "harvest.txt", "Grain prices fell by a fifth as a result."},
		{"What helped the wheat crop?", nil, "harvest.txt", "Rain in the spring helped the crop, officials said."},
		// A follow-up is searched with the question it leans on.
		{"and Russia's?", []string{"Who headed the delegation?"}, "talks.txt", "Russia sent a team headed by presidential aide Vladimir Medinsky."},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			a, err := p.Answer(context.Background(), answer.Request{Question: tt.question, History: answer.QuestionTurns(tt.history)})
			if err != nil {
				t.Fatal(err)
			}
			if !a.Answered || len(a.Citations) != 1 {
				t.Fatalf("answer = %+v, want one cited sentence", a)
			}
			c := a.Citations[0]
			if c.Source != tt.source || c.Quote != tt.quote || a.Text != tt.quote+" [1]" {
				t.Errorf("answered %q from %s, want %q from %s", c.Quote, c.Source, tt.quote, tt.source)
			}
			if a.Confidence <= 0 || a.Confidence >= 1 {
				t.Errorf("confidence %v outside (0,1)", a.Confidence)
			}
		})
	}
}

// TestBM25CitationSpan: the span points at the quote in the cleaned text.
func TestBM25CitationSpan(t *testing.T) {
	arts, err := corpus.Load(context.Background(), os.DirFS("testdata/corpus"), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := peer.NewBM25(arts).Answer(context.Background(), answer.Request{Question: "How long did the talks last?"})
	if err != nil {
		t.Fatal(err)
	}
	c := a.Citations[0]
	for _, art := range arts {
		if art.Source == c.Source && art.Text[c.Start:c.End] != c.Quote {
			t.Errorf("span %d:%d is %q, quote %q", c.Start, c.End, art.Text[c.Start:c.End], c.Quote)
		}
	}
	if c.Title != "Talks in Istanbul" {
		t.Errorf("title = %q", c.Title)
	}
}

// TestBM25Confidence: a question matching more rare terms scores higher.
func TestBM25Confidence(t *testing.T) {
	p := tinyCorpus(t)
	ask := func(q string) float64 {
		a, err := p.Answer(context.Background(), answer.Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a.Confidence
	}
	if strong, weak := ask("Which Turkish foreign minister chaired the meeting?"), ask("Who met?"); strong <= weak {
		t.Errorf("confidence %v for a close question, %v for a vague one", strong, weak)
	}
}

func TestBM25Odd(t *testing.T) {
	p := tinyCorpus(t)
	if _, err := p.Answer(context.Background(), answer.Request{Question: "  ?! "}); !errors.Is(err, answer.ErrEmptyQuestion) {
		t.Errorf("empty question: err = %v, want ErrEmptyQuestion", err)
	}
	// No sentence shares a term: the only case the peer declines.
	a, err := p.Answer(context.Background(), answer.Request{Question: "What is the capital of Peru?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Answered || !strings.Contains(a.Text, "don't say") || len(a.Citations) != 0 {
		t.Errorf("unmatched question: %+v, want a decline", a)
	}
	// An empty corpus answers nothing, without a panic.
	if a, err := peer.NewBM25(nil).Answer(context.Background(), answer.Request{Question: "Who chaired?"}); err != nil || a.Answered {
		t.Errorf("empty corpus: %+v, %v", a, err)
	}
}
