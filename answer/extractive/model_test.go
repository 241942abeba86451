package extractive_test

import (
	"slices"
	"strings"
	"testing"

	"footnote/answer/extractive"
)

// flatModel returns a model whose ranker rates every candidate alike and
// whose decline model always answers, quoting a tied runner-up when tie
// is above 0.
func flatModel(tie float64) extractive.Model {
	nr, nd := len(extractive.RankFeatureNames()), len(extractive.DeclineFeatureNames())
	return extractive.Model{
		Rank:      extractive.LogReg{Names: extractive.RankFeatureNames(), Weights: make([]float64, nr)},
		Decline:   extractive.LogReg{Names: extractive.DeclineFeatureNames(), Weights: make([]float64, nd), Bias: 5},
		Threshold: 0.5,
		Tie:       tie,
	}
}

func TestRunner(t *testing.T) {
	// The ranker's one weight reads the first feature as the log-odds.
	n := len(extractive.RankFeatureNames())
	sample := func(logit float64, text, context string) extractive.Sample {
		f := make([]float64, n)
		f[0] = logit
		return extractive.Sample{Text: text, Context: context, Features: f}
	}
	model := func(tie float64) extractive.Model {
		w := make([]float64, n)
		w[0] = 1
		return extractive.Model{Rank: extractive.LogReg{Weights: w}, Tie: tie}
	}
	tests := []struct {
		name  string
		tie   float64
		cands []extractive.Sample // the first is the best
		want  int
	}{
		{"no tie allowed", 0, []extractive.Sample{sample(2, "A.", "A."), sample(1.9, "B.", "B.")}, -1},
		{"runner-up within the tie", 1, []extractive.Sample{sample(2, "A.", "A."), sample(0.5, "C.", "C."), sample(1.5, "B.", "B.")}, 2},
		{"runner-up too far behind", 1, []extractive.Sample{sample(2, "A.", "A."), sample(0.5, "B.", "B.")}, -1},
		{"the same sentence in another article", 1, []extractive.Sample{sample(2, "A.", "A."), sample(1.8, "A.", "A.")}, -1},
		{"runner-up quoted as the best's context", 1, []extractive.Sample{sample(2, "He did.", "Kai spoke. He did."), sample(1.8, "Kai spoke.", "Kai spoke.")}, -1},
		{"best quoted as the runner-up's context", 1, []extractive.Sample{sample(2, "Kai spoke.", "Kai spoke."), sample(1.8, "He did.", "Kai spoke. He did.")}, -1},
		{"only one candidate", 1, []extractive.Sample{sample(2, "A.", "A.")}, -1},
		{"no candidates", 1, nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model(tt.tie)
			best, runner, _ := m.Best(extractive.Analysis{Question: make([]float64, 16), Candidates: tt.cands})
			if len(tt.cands) > 0 && best != 0 {
				t.Fatalf("best = %d, want 0", best)
			}
			if runner != tt.want {
				t.Errorf("runner = %d, want %d", runner, tt.want)
			}
		})
	}
}

func TestBestMarksATie(t *testing.T) {
	n := len(extractive.RankFeatureNames())
	a := extractive.Analysis{
		Question: make([]float64, 16),
		Candidates: []extractive.Sample{
			{Text: "A.", Context: "A.", Features: make([]float64, n)},
			{Text: "B.", Context: "B.", Features: make([]float64, n)},
		},
	}
	tied := slices.Index(extractive.DeclineFeatureNames(), "tied")
	for _, tt := range []struct {
		tie  float64
		want float64
	}{{0, 0}, {1, 1}} {
		m := flatModel(tt.tie)
		if _, _, x := m.Best(a); x[tied] != tt.want {
			t.Errorf("tie %v: tied feature = %v, want %v", tt.tie, x[tied], tt.want)
		}
	}
}

func TestTiedAnswerQuotesBoth(t *testing.T) {
	for _, tt := range []struct {
		name  string
		tie   float64
		lines int
	}{{"best alone", 0, 1}, {"runner-up too", 1, 2}} {
		t.Run(tt.name, func(t *testing.T) {
			m := flatModel(tt.tie)
			ans := ask(t, extractive.New(newFixtureRetriever(t), extractive.Options{Model: &m}), "Where did the meeting take place?")
			if !ans.Answered {
				t.Fatalf("declined: %q", ans.Text)
			}
			lines := strings.Split(ans.Text, "\n")
			if len(lines) != tt.lines || len(ans.Citations) < tt.lines {
				t.Fatalf("%d lines and %d citations, want %d: %q", len(lines), len(ans.Citations), tt.lines, ans.Text)
			}
			// A tie leads with a span at most once: the ranker could not
			// say which sentence answers.
			if tt.lines == 2 && strings.Count(ans.Text, "**") > 2 {
				t.Errorf("tied answer leads twice: %q", ans.Text)
			}
		})
	}
}
