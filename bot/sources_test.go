package bot_test

import (
	"testing"

	"footnote/bot"
	"footnote/corpus"
)

func TestFilterSourcesAndQueryCommand(t *testing.T) {
	arts := []corpus.Article{{Source: "000_a.txt", Title: "Talks in Istanbul"}, {Source: "001_b.txt", Title: "Ferry strike ends"}, {Source: "istanbul_notes.txt"}}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"000_a.txt", "001_b.txt", "istanbul_notes.txt"}},
		{"ISTANBUL", []string{"000_a.txt", "istanbul_notes.txt"}},
		{" ferry ", []string{"001_b.txt"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []string
			for _, a := range bot.FilterSources(arts, tt.query) {
				got = append(got, a.Source)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("FilterSources(%q) = %q, want %q", tt.query, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("FilterSources(%q) = %q, want %q", tt.query, got, tt.want)
				}
			}
		})
	}
	if in := bot.Parse("/sources istanbul"); in.Command != bot.CmdSources || in.Query != "istanbul" {
		t.Errorf("Parse(/sources istanbul) = %+v", in)
	}
}
