package extractive

import (
	"testing"

	"footnote/retrieval"
)

func TestVerbUses(t *testing.T) {
	tests := []struct {
		q    string
		want []string
		not  []string
	}{
		{"Who chaired the meeting?", []string{"chaired"}, []string{"meeting"}},
		{"When was the ceasefire signed?", []string{"signed"}, []string{"ceasefire"}},
		{"When did Russia annex Crimea?", []string{"annex"}, []string{"crimea", "russia"}},
		{"When will the war end?", []string{"end"}, []string{"war"}},
		{"What did he say about the ceasefire?", nil, []string{"ceasefire", "say"}},
		{"When had the two sides last met face to face?", nil, []string{"face"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got := verbUses(tt.q)
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("%q not taken for a verb (got %v)", w, got)
				}
			}
			for _, w := range tt.not {
				if got[w] {
					t.Errorf("%q taken for a verb", w)
				}
			}
		})
	}
}

func TestOnlyNounUse(t *testing.T) {
	tests := []struct {
		stem, text string
		want       bool
	}{
		{"sign", "The meeting marks a rare sign of diplomatic progress.", true},
		{"sign", "The two sides signed a deal, a sign of progress.", false},
		{"end", "Talks aimed at putting an end to the war.", true},
		{"control", "Russian forces are now in control of a fifth of Ukraine.", false},
		{"sign", "Nothing here.", false},
		// A noun made from the verb keeps its sense.
		{"meet", "Officials said a meeting would take place at 0745 GMT.", false},
		{"sign", "The signing of the accord was delayed.", false},
	}
	for _, tt := range tests {
		if got := onlyNounUse(tt.stem, tt.text); got != tt.want {
			t.Errorf("onlyNounUse(%q, %q) = %v, want %v", tt.stem, tt.text, got, tt.want)
		}
	}
}

func TestCountedNoun(t *testing.T) {
	tests := map[string]string{
		"How many Ukrainian children were abducted?":    "children",
		"How many European nations took part in it?":    "nations",
		"How many people live in Kyiv?":                 "people",
		"How much did the EU pledge?":                   "",
		"How old was the woman?":                        "",
		"How many civilians has the invasion killed?":   "civilians",
		"Who led the delegation and how many men went?": "men",
	}
	for q, want := range tests {
		if got := countedNoun(retrieval.Words(q)); got != want {
			t.Errorf("countedNoun(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestCountsNoun(t *testing.T) {
	children := queryTerm{stem: retrieval.Stem("children"), word: "children"}
	men := queryTerm{stem: retrieval.Stem("men"), word: "men"}
	qwords := map[string]bool{"how": true, "many": true}
	tests := []struct {
		term queryTerm
		text string
		want bool
	}{
		{children, "Peace needs a 30-day ceasefire, the return of abducted Ukrainian children and the exchange of prisoners.", false},
		{children, "Officials said 1,200 Ukrainian children were taken.", true},
		{men, "A strike killed a woman and injured four men.", true},
		{men, "Four days later the men were freed.", false},
	}
	for _, tt := range tests {
		if got := countsNoun(tt.term, tt.text, qwords); got != tt.want {
			t.Errorf("countsNoun(%s, %q) = %v, want %v", tt.term.word, tt.text, got, tt.want)
		}
	}
}

func TestRoleContradicted(t *testing.T) {
	turkish := queryTerm{stem: retrieval.Stem("turkish"), word: "turkish", alts: equivalents(retrieval.Stem("turkish"))}
	tests := []struct {
		text string
		want bool
	}{
		{"Russian President Vladimir Putin declined to travel to Turkiye.", true},
		{"Turkish President Recep Tayyip Erdogan met them.", false},
		{"Turkiye's president hosted the talks.", false},
		{"The president of the assembly spoke.", false},
		{"US President Donald Trump spoke; Russian President Vladimir Putin did not.", true},
	}
	for _, tt := range tests {
		if got := roleContradicted(tt.text, "president", []queryTerm{turkish}); got != tt.want {
			t.Errorf("roleContradicted(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if roleContradicted("Russian President Vladimir Putin", "president", nil) {
		t.Error("a question naming no country cannot be contradicted")
	}
}

func TestDatesVerb(t *testing.T) {
	annex := []queryTerm{{stem: retrieval.Stem("annex"), word: "annex"}}
	end := []queryTerm{{stem: retrieval.Stem("end"), word: "end"}}
	if !datesVerb("Crimea, the peninsula annexed by Russia in 2014.", annex, isDateWord) {
		t.Error("2014 next to annexed not taken as its date")
	}
	if datesVerb("Negotiators will meet in Istanbul on Friday for their first peace talks in more than three years as both sides come under pressure to end the conflict.", end, isDateWord) {
		t.Error("Friday, far from end, taken as its date")
	}
}
