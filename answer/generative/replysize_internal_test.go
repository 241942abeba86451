package generative

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/prompts"
	"footnote/retrieval"
)

// sizeRetriever returns one fixed passage.
type sizeRetriever struct{}

func (sizeRetriever) Retrieve(context.Context, retrieval.Query) ([]retrieval.Passage, error) {
	return []retrieval.Passage{{Chunk: retrieval.Chunk{Source: "a.txt", Title: "Talks",
		Text: "Ukraine's delegation was led by Defence Minister Rustem Umerov. The meeting lasted two hours."}}}, nil
}
func (sizeRetriever) Terms(string) []retrieval.Term { return nil }

// sizeChat replies with a fixed text, streamed in 64-byte pieces when
// asked: what a model that ignores max_tokens sends once the transport
// has let it through. It stands in for the model, not for a client
// library: the post-processing is what is measured.
type sizeChat struct{ reply string }

func (c sizeChat) Complete(ctx context.Context, _ []prompts.Message, onDelta func(string)) (string, error) {
	if onDelta != nil {
		for i := 0; i < len(c.reply); i += 64 {
			onDelta(c.reply[i:min(len(c.reply), i+64)])
		}
	}
	return c.reply, ctx.Err()
}

// sizeReply is about n bytes of a reply that alternates a supported claim
// and one no passage supports, the mix that made dropping quadratic.
func sizeReply(n int) string {
	const unit = "Umerov led Ukraine's delegation [1]. Blah foo bar baz qux [1]. "
	return strings.Repeat(unit, max(1, n/len(unit)))
}

func answerSize(tb testing.TB, n int, policy Unsupported) time.Duration {
	tb.Helper()
	g := New(sizeRetriever{}, sizeChat{sizeReply(n)}, nil, Options{Unsupported: policy})
	start := time.Now()
	if _, err := g.Answer(context.Background(), answer.Request{Question: "who led?", OnDelta: func(string) {}}); err != nil {
		tb.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkReplySize is the post-processing time (filter, claim check,
// citations) of a reply from 10 KB to 20 MB: ns/op divided by the size
// stays flat when it is linear.
func BenchmarkReplySize(b *testing.B) {
	for _, n := range []int{10 << 10, 100 << 10, 1 << 20, 20 << 20} {
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				answerSize(b, n, UnsupportedDrop)
			}
		})
	}
}

// TestReplySizeLinear compares a reply 16 times longer with a peer in the
// same run (BenchmarkReplySize gives the figures up to 20 MB): linear work takes about 16 times as long, quadratic about 256
// times. The bound of 64 leaves room for a noisy machine.
func TestReplySizeLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a timing comparison: not with -short or -race")
	}
	small, big := time.Duration(1<<62), time.Duration(1<<62)
	for range 2 {
		small = min(small, answerSize(t, 16<<10, UnsupportedDrop))
		big = min(big, answerSize(t, 256<<10, UnsupportedDrop))
	}
	if ratio := float64(big) / float64(small); ratio > 64 {
		t.Errorf("256 KB took %v, 16 KB %v: %.0f×, want about 16× (linear)", big, small, ratio)
	}
}

// A reply still being checked when the caller's time is up stops there.
func TestReplyCheckHonoursContext(t *testing.T) {
	g := New(sizeRetriever{}, sizeChat{sizeReply(256 << 10)}, nil, Options{Unsupported: UnsupportedDrop})
	ctx, cancel := context.WithCancel(context.Background())
	reply := sizeReply(256 << 10)
	f := newReplyFilter(1, newLeakGuard(nil), nil)
	fr := f.final(reply)
	cancel()
	_, err := verify(ctx, fr, []retrieval.Passage{{Chunk: retrieval.Chunk{Text: "x"}}}, &matcher{w: sizeRetriever{}}, UnsupportedDrop)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("verify after cancel = %v, want context.Canceled", err)
	}
	_, err = g.Answer(ctx, answer.Request{Question: "who led?"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Answer after cancel = %v, want context.Canceled", err)
	}
}

// Dropping a claim trims the blanks at the end of the answer in place: no
// copy of the text before it, which made a reply of many dropped claims
// quadratic.
func TestTrimDroppedInPlace(t *testing.T) {
	var b textBuf
	b.WriteString(strings.Repeat("Kept claim. ", 100_000))
	allocs := testing.AllocsPerRun(50, func() {
		b.WriteString("  \t")
		trimDropped(&b)
	})
	if allocs != 0 {
		t.Errorf("trimDropped allocates %.0f times per call, want 0 (no copy of the answer)", allocs)
	}
	if got := b.String(); !strings.HasSuffix(got, "claim. ") || strings.HasSuffix(got, "  ") {
		t.Errorf("after trimming: ...%q, want one blank kept", got[len(got)-12:])
	}
}
