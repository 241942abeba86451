package answer_test

import (
	"strings"
	"testing"

	"footnote/answer"
)

func TestExcerptKeepsSpanAndWholeWords(t *testing.T) {
	s := "In Istanbul, the Ukrainian delegation was led by Defence Minister Rustem Umerov, while the Russian team was headed by presidential aide Vladimir Medinsky, who also led the 2022 talks."
	tests := []struct {
		name   string
		span   string
		limit  int
		wantIn string
	}{
		{"short text whole", "Umerov", 400, s},
		{"span at the end", "Vladimir Medinsky", 80, "Vladimir Medinsky"},
		{"span at the start", "In Istanbul", 60, "In Istanbul"},
		{"span in the middle", "Rustem Umerov", 70, "Rustem Umerov"},
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(s) {
		words[strings.Trim(w, ",.")] = true
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := strings.Index(s, tt.span)
			got := answer.Excerpt(s, from, from+len(tt.span), tt.limit)
			if !strings.Contains(got, tt.wantIn) {
				t.Fatalf("Excerpt = %q, want it to hold %q", got, tt.wantIn)
			}
			if len(got) > tt.limit+2*len("…") {
				t.Errorf("Excerpt = %d bytes, limit %d", len(got), tt.limit)
			}
			for _, w := range strings.Fields(strings.ReplaceAll(got, "…", " ")) {
				if !words[strings.Trim(w, ",.")] {
					t.Errorf("Excerpt %q cuts a word: %q", got, w)
				}
			}
		})
	}
}

func TestShortQuoteTinyLimits(t *testing.T) {
	for _, limit := range []int{-3, 0, 1, 2, 3, 4} {
		got := answer.ShortQuote("Umerov led it", limit)
		if got == "" || (len(got) > max(limit, len("…")) && got != "Umerov led it") {
			t.Errorf("ShortQuote(limit %d) = %q", limit, got)
		}
	}
}
