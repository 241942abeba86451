package generative

import (
	"slices"
	"strings"
	"testing"

	"footnote/prompts"
)

// TestReplyFilterStreamIsFinalText cuts replies at every byte and in
// every piece size: whatever the split, the streamed text must be exactly
// the final text (or nothing, for a non-answer), so a user never sees a
// marker or sentinel that the final answer lacks.
func TestReplyFilterStreamIsFinalText(t *testing.T) {
	guard := newLeakGuard([]prompts.Message{{Role: "system", Content: "These are secret rules that must never be repeated to anyone at all."}})
	replies := []string{
		"Umerov led it [2]. Medinsky led Russia's [9].",
		"They met in Istanbul [1, 9] and [3-4]; Fidan chaired [12][3].",
		"Prices rose [sic] by 5% [1] in [2025].",
		"  Leading blanks [1]  ",
		prompts.NoAnswer,
		"I checked. " + prompts.NoAnswer,
		"NOT_IN the corpus? No: it is there [1].",
		"Unclosed marker at the end [1",
	}
	for _, reply := range replies {
		want := genRun(guard, reply, nil).text
		for size := 1; size <= 7; size++ {
			for offset := 0; offset < size; offset++ {
				var streamed strings.Builder
				f := newReplyFilter(4, guard.reset(), func(d string) { streamed.WriteString(d) })
				for _, piece := range genPieces(reply, offset, size) {
					f.write(piece)
				}
				got := f.final(reply)
				if got.text != want {
					t.Fatalf("%q in pieces of %d: final %q, want %q", reply, size, got.text, want)
				}
				if s := streamed.String(); !got.declined && !strings.HasPrefix(got.text, s) {
					t.Fatalf("%q in pieces of %d (offset %d): streamed %q is not the final %q", reply, size, offset, s, got.text)
				}
				if got.declined && streamed.Len() > 0 && strings.Contains(streamed.String(), prompts.NoAnswer) {
					t.Fatalf("%q: the sentinel was streamed", reply)
				}
			}
		}
	}
}

func TestReplyFilterRewrites(t *testing.T) {
	guard := newLeakGuard(nil)
	tests := []struct {
		reply, want string
		cited       []int
		declined    bool
	}{
		{"A [2]. B [9].", "A [1]. B.", []int{2}, false},
		{"A [1, 9] [3-4].", "A [1] [2][3].", []int{1, 3, 4}, false},
		// Backward and over-wide ranges are read as two numbers.
		{"A [4-1] [1-40].", "A [1][2] [2].", []int{4, 1}, false},
		// Four digits is not a marker: a year in brackets stays.
		{"Prices rose [sic] in [2025] [12].", "Prices rose [sic] in [2025].", nil, false},
		{prompts.NoAnswer + ".", ".", nil, true},
		{"Fidan chaired [3]. " + prompts.NoAnswer, "Fidan chaired [1].", []int{3}, false},
	}
	for _, tt := range tests {
		got := genRun(guard, tt.reply, nil)
		if got.text != tt.want || !slices.Equal(got.cited, tt.cited) || got.declined != tt.declined {
			t.Errorf("%q → %q cited %v declined %v; want %q %v %v", tt.reply, got.text, got.cited, got.declined, tt.want, tt.cited, tt.declined)
		}
	}
}

func genRun(guard *leakGuard, reply string, onDelta func(string)) filteredReply {
	f := newReplyFilter(4, guard.reset(), onDelta)
	return f.final(reply)
}

// genPieces cuts s into a first piece of offset bytes, then pieces of size.
func genPieces(s string, offset, size int) []string {
	var out []string
	if offset > 0 && offset < len(s) {
		out, s = append(out, s[:offset]), s[offset:]
	}
	for len(s) > size {
		out, s = append(out, s[:size]), s[size:]
	}
	return append(out, s)
}

// BenchmarkReplyFilterStream streams a 2 KB cited answer in 4-byte pieces
// through the marker rewriter and the leak guard.
func BenchmarkReplyFilterStream(b *testing.B) {
	msgs, err := prompts.Build("Who led the talks?", nil, []prompts.Passage{{N: 1, Text: "Umerov led Ukraine's delegation."}})
	if err != nil {
		b.Fatal(err)
	}
	guard := newLeakGuard(msgs)
	reply := strings.Repeat("Defence Minister Rustem Umerov led Ukraine's delegation [2][9]. ", 32)
	parts := genPieces(reply, 0, 4)
	b.SetBytes(int64(len(reply)))
	for b.Loop() {
		f := newReplyFilter(6, guard.reset(), func(string) {})
		for _, p := range parts {
			f.write(p)
		}
		f.final(reply)
	}
}
