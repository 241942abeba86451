package llm_test

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkEmbed512 embeds 512 short texts (8 requests of 64) against the
// fake server on 127.0.0.1: the client's own cost, without network latency.
func BenchmarkEmbed512(b *testing.B) {
	texts := make([]string, 512)
	for i := range texts {
		texts[i] = fmt.Sprintf("passage %d about the Istanbul talks and the delegations", i)
	}
	emb := newClient(b, newServer(b), nil).Embedder()
	for b.Loop() {
		if _, err := emb.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompleteStream streams the fake server's default reply.
func BenchmarkCompleteStream(b *testing.B) {
	c := newClient(b, newServer(b), nil)
	for b.Loop() {
		var n int
		if _, err := c.Complete(context.Background(), userMsg("q"), func(d string) { n += len(d) }); err != nil || n == 0 {
			b.Fatal(err)
		}
	}
}
