package retrieval_test

import (
	"slices"
	"testing"

	"footnote/retrieval"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ceasefire", "ceasefire"},
		{"Négociations", "negociations"},
		{"Erdoğan", "erdogan"},
		{"Türkiye", "turkiye"},
		{"Wałęsa", "walesa"},
		{"İstanbul", "istanbul"},
		{"Straße", "strasse"},
		{"Zelensky’s", "zelensky's"},
		{"‘quoted’ “text”", `'quoted' "text"`},
		{"already plain", "already plain"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := retrieval.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "The talks ended.", []string{"the", "talks", "ended"}},
		{"possessive straight", "Zelensky's team", []string{"zelensky", "team"}},
		{"possessive curly", "Ukraine’s delegation", []string{"ukraine", "delegation"}},
		{"plural possessive", "the delegations' demands", []string{"the", "delegations", "demands"}},
		{"contraction", "I don't think", []string{"i", "dont", "think"}},
		{"french elision", "Palais de Dolmabahce d'Istanbul", []string{"palais", "de", "dolmabahce", "istanbul"}},
		{"thousands", "over 12,000 civilians", []string{"over", "12000", "civilians"}},
		{"list of numbers", "1,2,3", []string{"1", "2", "3"}},
		{"decimal", "a 1.5 percent rise", []string{"a", "1.5", "percent", "rise"}},
		{"leading zero", "at 0930 GMT", []string{"at", "0930", "gmt"}},
		{"hyphen splits", "a 30-day ceasefire", []string{"a", "30", "day", "ceasefire"}},
		{"dash splits", "Trump-Putin summit", []string{"trump", "putin", "summit"}},
		{"acronym", "U.S. President", []string{"us", "president"}},
		{"acronym end", "met the U.K.", []string{"met", "the", "uk"}},
		{"initials stay apart", "J. R. Tolkien", []string{"j", "r", "tolkien"}},
		{"accents", "Erdoğan and Négociations", []string{"erdogan", "and", "negociations"}},
		{"percent and symbols", "100% clear, £5", []string{"100", "clear", "5"}},
		{"empty", "", nil},
		{"punctuation only", "— … !?", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retrieval.Words(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"stems", "negotiations negotiating negotiated", []string{"negoti", "negoti", "negoti"}},
		{"drops stopwords", "Who led the delegation?", []string{"led", "deleg"}},
		{"numbers kept", "the 2022 talks lasted 90 minutes", []string{"2022", "talk", "last", "90", "minut"}},
		{"decimal kept", "1.5 billion", []string{"1.5", "billion"}},
		{"possessive and accent", "Erdoğan's proposals", []string{"erdogan", "propos"}},
		{"us is kept", "the U.S. delegation", []string{"us", "deleg"}},
		{"only stopwords", "what was it that they did", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retrieval.Analyze(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"the", true}, {"who", true}, {"dont", true}, {"would", true},
		{"us", false}, {"ill", false}, {"talks", false}, {"putin", false}, {"", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := retrieval.IsStopword(tt.word); got != tt.want {
				t.Errorf("IsStopword(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"delegation", "deleg"}, {"delegates", "deleg"}, {"ukrainian", "ukrainian"},
		{"2022", "2022"}, {"30day", "30day"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := retrieval.Stem(tt.in); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
