package extractive

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/retrieval"
)

func TestSplitParts(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"Who led the Ukrainian and Russian delegations?", []string{"Who led the Ukrainian and Russian delegations?"}},
		{"Who chaired the talks and how long did they last?", []string{"Who chaired the talks", "how long did they last?"}},
		{"Where were the talks held, and when did they end?", []string{"Where were the talks held", "when did they end?"}},
		{"Who came; what did they say; when; why?", []string{"Who came", "what did they say", "when; why?"}},
		{"And who led Russia's?", []string{"And who led Russia's?"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := splitParts(tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("splitParts = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResolveFollowUp(t *testing.T) {
	tests := []struct {
		name      string
		q         string
		history   []string
		want      string
		wantLinks []string
	}{
		{"stands alone", "Who led Russia's delegation?", []string{"Where were the talks?"}, "Who led Russia's delegation?", nil},
		{"no history", "And Russia's?", nil, "And Russia's?", nil},
		{"swap a name", "And Russia's?", []string{"Who led Ukraine's delegation?"}, "Who led Russia's delegation?", nil},
		{"swap keeps punctuation", "what about Medinsky", []string{"What did Umerov say?"}, "What did Medinsky say?", nil},
		{"pronoun links", "Where were they held?", []string{"How long did the talks last?"}, "Where were they held?", []string{"How long did the talks last?"}},
		{"no name to swap links", "And the ceasefire?", []string{"How long did the talks last?"}, "And the ceasefire?", []string{"How long did the talks last?"}},
		{
			"chain of follow-ups", "And Russia's?",
			[]string{"Who led Ukraine's delegation?", "", "What about Turkey's?"},
			"Who led Russia's delegation?", nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, links := resolveFollowUp(tt.q, tt.history)
			if got != tt.want || !slices.Equal(links, tt.wantLinks) {
				t.Errorf("resolveFollowUp = %q %q, want %q %q", got, links, tt.want, tt.wantLinks)
			}
		})
	}
}

func TestDetectAnswerType(t *testing.T) {
	tests := []struct {
		q    string
		want answerType
	}{
		{"Who led Ukraine's delegation?", cuePerson},
		{"Which Turkish minister chaired the meeting?", cuePerson},
		{"What is the name of the envoy?", cuePerson},
		{"When had the two sides last met?", cueDate},
		{"In what year did it start?", cueDate},
		{"At what time were they due to meet?", cueTime},
		{"Where were the talks held?", cuePlace},
		{"Which country was Zelensky in?", cuePlace},
		{"How long did the negotiations last?", cueDuration},
		{"How many civilians were killed?", cueNumber},
		{"What is the number of victims?", cueNumber},
		{"What is Ukraine's number one priority?", cueNone},
		{"What share of Ukraine do Russian forces control?", cueShare},
		{"What post did Medinsky hold before?", cueRole},
		{"How did Ukraine describe Russia's demands?", cueQuote},
		{"What did von der Leyen announce?", cueQuote},
		{"Why is Russia wary of a ceasefire?", cueReason},
		{"What happened in Kupiansk?", cueNone},
	}
	for _, tt := range tests {
		if got := detectAnswerType(retrieval.Words(tt.q)); got != tt.want {
			t.Errorf("detectAnswerType(%q) = %d, want %d", tt.q, got, tt.want)
		}
	}
}

func TestCueScore(t *testing.T) {
	q := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, w := range retrieval.Words(s) {
			out[w] = true
		}
		return out
	}
	tests := []struct {
		name     string
		cue      answerType
		question string
		sentence string
		want     float64
	}{
		{"person", cuePerson, "Who led?", "The team was led by Defence Minister Rustem Umerov.", 1},
		{"person named in the question", cuePerson, "Who is Rustem Umerov?", "Talks with Rustem Umerov began.", 0},
		{"organisation is no person", cuePerson, "Who spoke?", "A source at the Turkish Foreign Ministry spoke.", 0.5},
		{"date", cueDate, "When?", "They had not met since March 2022.", 1},
		{"weekday", cueDate, "When?", "They met on Friday.", 0.5},
		{"clock time answers when", cueDate, "When?", "Officials would meet at 0745 GMT.", 0.6},
		{"may is a verb", cueDate, "When?", "It may happen soon.", 0},
		{"time", cueTime, "At what time?", "Delegations meet at 0930 GMT.", 1},
		{"duration hyphenated", cueDuration, "How long?", "A full, 30-day ceasefire.", 1},
		{"duration in words", cueDuration, "How long?", "The talks lasted about two hours.", 1},
		{"an offset is no length", cueDuration, "How long?", "In the 24 hours before the talks, insults flew.", 0.3},
		{"first in years is an offset", cueDuration, "How long?", "The first talks in more than three years.", 0.3},
		{"a second is an ordinal", cueDuration, "How long?", "Putin sent a second level delegation.", 0},
		{"after a span is a length", cueDuration, "How long?", "The talks ended after just over 90 minutes.", 1},
		{"duration the question names", cueDuration, "Did it last two hours?", "It lasted two hours.", 0},
		{"number", cueNumber, "How many?", "Over 12,000 civilians were killed.", 1},
		{"share", cueShare, "What share?", "Russia controls close to a fifth of Ukraine.", 1},
		{"percent", cueShare, "What share?", "Quotas rose by 12 percent.", 1},
		{"place", cuePlace, "Where?", "The meeting took place at the Dolmabahce Palace.", 1},
		{"place the question names", cuePlace, "Where in Istanbul?", "They met in Istanbul.", 0},
		{"role", cueRole, "What post did he hold?", "He is a former culture minister.", 1},
		{"quote", cueQuote, "How did they describe it?", `They called the demands "unacceptable".`, 1},
		{"reason", cueReason, "Why?", "It raised concerns that Ukraine could rearm.", 1},
		{"no cue", cueDate, "When?", "The talks ended.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cueScore(tt.cue, tt.sentence, q(tt.question)); got != tt.want {
				t.Errorf("cueScore = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHoldsRoles(t *testing.T) {
	tests := []struct {
		sentence string
		roles    []string
		want     bool
	}{
		{"NATO chief Mark Rutte criticised Putin.", []string{"head"}, true},
		{"Kremlin spokesperson Dmitry Peskov said.", []string{"spokesman"}, true},
		{"Secretary of State Marco Rubio spoke.", []string{"president"}, false},
		{"Prime Minister X spoke.", []string{"prime", "minister"}, true},
		{"Foreign Minister Y spoke.", []string{"prime", "minister"}, false},
	}
	for _, tt := range tests {
		if got := holdsRoles(tt.sentence, tt.roles, nil); got != tt.want {
			t.Errorf("holdsRoles(%q, %q) = %v, want %v", tt.sentence, tt.roles, got, tt.want)
		}
	}
}

func TestPlausibleCorrection(t *testing.T) {
	tests := []struct {
		word, stem string
		want       bool
	}{
		{"delegaton", "deleg", true},     // the stem begins the word
		{"peskow", "peskov", true},       // one edit in six letters
		{"ukranian", "ukrainian", true},  // one insertion
		{"medinksy", "medinski", true},   // a swap and the stemmer's y/i
		{"negotiatons", "negoti", true},  // prefix
		{"pope", "hope", false},          // short words have many neighbours
		{"wary", "war", false},           // ditto
		{"chaired", "chang", false},      // two edits in five letters
		{"commented", "commit", false},   // two edits in seven letters
		{"representive", "repres", true}, // prefix
	}
	for _, tt := range tests {
		if got := plausibleCorrection(tt.word, tt.stem); got != tt.want {
			t.Errorf("plausibleCorrection(%q, %q) = %v, want %v", tt.word, tt.stem, got, tt.want)
		}
	}
}

func TestShortQuote(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := answer.ShortQuote(long, 300)
	if len(got) > 300 || !strings.HasSuffix(got, "…") || strings.HasSuffix(strings.TrimSuffix(got, "…"), " ") {
		t.Errorf("shortQuote long = %q (%d bytes)", got, len(got))
	}
	if got := answer.ShortQuote("short sentence.", 300); got != "short sentence." {
		t.Errorf("shortQuote short = %q", got)
	}
	multi := strings.Repeat("ü", 200) // no spaces: cut inside, on a rune boundary
	if got := answer.ShortQuote(multi, 300); !utf8.ValidString(got) || len(got) > 300 {
		t.Errorf("shortQuote split a rune or ran long: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestPrefixRelated(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"zelenski", "zelenskyy", true},
		{"ukrain", "ukrainian", true},
		{"minist", "ministri", true},
		{"polic", "polit", false},
		{"war", "warn", false},
	}
	for _, tt := range tests {
		if got := prefixRelated(tt.a, tt.b); got != tt.want {
			t.Errorf("prefixRelated(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSubstitute(t *testing.T) {
	tests := map[string]string{
		"the Russian one": "Russian",
		"for the US":      "US",
		"Russia's":        "Russia's",
		"the other side":  "other side",
		"one":             "one",
	}
	for in, want := range tests {
		if got := substitute(in); got != want {
			t.Errorf("substitute(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeansBack(t *testing.T) {
	tests := map[string]bool{
		"when did that happen?":           true,
		"why was this done?":              true,
		"and the Russian one?":            true,
		"who led it?":                     true,
		"Who said that the talks failed?": false,
		"Who chaired the meeting?":        false,
		"What is the population of Peru?": false,
	}
	for q, want := range tests {
		if got := leansBack(q); got != want {
			t.Errorf("leansBack(%q) = %v, want %v", q, got, want)
		}
	}
}
