package extractive_test

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
)

func TestExtractiveAnswers(t *testing.T) {
	tests := []struct {
		name     string
		question string
		history  []string
		want     []string // phrases the answer text must hold
		sources  []string // one citation must name each
		conflict bool     // the answer opens with "Sources differ:"
	}{
		{name: "who", question: "Who led the Alpha delegation?", want: []string{"Petra Lind"}, sources: []string{"a_harbor.txt"}},
		{name: "who by other verb", question: "Who headed the Beta team?", want: []string{"Marcus Vey"}},
		{name: "where", question: "Where did the meeting take place?", want: []string{"Old Customs House"}, sources: []string{"a_harbor.txt"}},
		{name: "when", question: "When had the two sides last met?", want: []string{"March 2019"}, sources: []string{"b_port.txt"}},
		{name: "how much", question: "By how much did the fishing quotas rise?", want: []string{"12 percent"}, sources: []string{"c_fish.txt"}},
		{name: "typo", question: "Who led the Alpah delegaton?", want: []string{"Petra Lind"}},
		{name: "who behind a pronoun", question: "Who sat at the head of the oak table?", want: []string{"**Ilse Brandt** — ", "She sat at the head"}, sources: []string{"e_garden.txt"}},
		{name: "surname stands for the name", question: "How did Petra Lind describe the Beta proposal?", want: []string{"unworkable"}},
		{name: "lower case and no question mark", question: "where did the meeting take place", want: []string{"Old Customs House"}},
		{
			name: "sources disagree", question: "How long did the harbor talks last?",
			want: []string{"about two hours", "just over 90 minutes"}, sources: []string{"a_harbor.txt", "b_port.txt"}, conflict: true,
		},
		{
			name: "two questions in one", question: "Who led the Alpha delegation and when had the two sides last met?",
			want: []string{"Petra Lind", "March 2019"},
		},
		{
			name: "follow-up with a pronoun", question: "What did she call the proposal?", history: []string{"Who is Petra Lind?"},
			want: []string{"unworkable"}, sources: []string{"a_harbor.txt"},
		},
		{
			name: "follow-up that swaps a name", question: "And the Beta team?", history: []string{"Who headed the Alpha delegation?"},
			want: []string{"Marcus Vey"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureRetriever(t)
			// These check which sentence answers and how it is cited; the
			// decline threshold, fitted on real corpora, is tested by
			// TestExtractiveDeclines and the question sets.
			ans := ask(t, extractive.New(f, extractive.Options{Threshold: 0.05}), tt.question, tt.history...)
			if !ans.Answered {
				t.Fatalf("declined %q: %q", tt.question, ans.Text)
			}
			for _, w := range tt.want {
				if !strings.Contains(ans.Text, w) {
					t.Errorf("answer lacks %q:\n%s", w, ans.Text)
				}
			}
			for _, src := range tt.sources {
				if !citesSource(ans, src) {
					t.Errorf("no citation of %s: %+v", src, ans.Citations)
				}
			}
			if got := strings.HasPrefix(ans.Text, "Sources differ:\n"); got != tt.conflict {
				t.Errorf("conflict prefix = %v, want %v:\n%s", got, tt.conflict, ans.Text)
			}
			checkCitations(t, f, ans)
		})
	}
}

func TestExtractiveDeclines(t *testing.T) {
	tests := []struct{ name, question string }{
		{"name the articles never mention", "Who won the Eurovision Song Contest?"},
		{"half the question is unknown", "What is the population of Valdora?"},
		{"office nobody holds", "Who is the mayor of Valdora?"},
		{"nothing in common", "What is the capital of Peru?"},
		{"one word of a name is not the name", "Who won the Valdora Song Contest?"},
		{"a guess too far is no correction", "What did the Pope say?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := ask(t, extractive.New(newFixtureRetriever(t), extractive.Options{}), tt.question)
			if ans.Answered {
				t.Fatalf("answered %q:\n%s", tt.question, ans.Text)
			}
			if !strings.HasPrefix(ans.Text, "The articles don't say") || !strings.Contains(ans.Text, "Closest: ") {
				t.Errorf("decline text = %q, want what is missing and the closest articles", ans.Text)
			}
			if ans.Citations == nil || len(ans.Citations) != 0 {
				t.Errorf("decline citations = %#v, want empty, non-nil", ans.Citations)
			}
			if ans.Mode != answer.ModeExtractive || ans.Question != tt.question {
				t.Errorf("mode %q question %q", ans.Mode, ans.Question)
			}
		})
	}
}

func TestExtractiveCitesRepeatedSentenceOnce(t *testing.T) {
	f := newFixtureRetriever(t)
	ans := ask(t, extractive.New(f, extractive.Options{}), "Who led the Alpha delegation?")
	// The same sentence stands in a_harbor.txt and b_port.txt: it is quoted
	// once, with both sources as adjacent markers.
	if n := strings.Count(ans.Text, "led by Minister Petra Lind"); n != 1 {
		t.Errorf("sentence quoted %d times:\n%s", n, ans.Text)
	}
	if !strings.Contains(ans.Text, "[1][2]") || len(ans.Citations) < 2 || ans.Citations[0].Source == ans.Citations[1].Source {
		t.Errorf("want one sentence cited [1][2] from two articles, got %q %+v", ans.Text, ans.Citations)
	}
}

func TestExtractivePartlyAnswerable(t *testing.T) {
	ans := ask(t, extractive.New(newFixtureRetriever(t), extractive.Options{}),
		"Who led the Alpha delegation and who won the Eurovision Song Contest?")
	if !ans.Answered || !strings.Contains(ans.Text, "Petra Lind") {
		t.Fatalf("the answerable part is missing:\n%s", ans.Text)
	}
	// An answered reply never says "the articles don't say"; it names the
	// part it found nothing for.
	if strings.Contains(ans.Text, "The articles don't say") || !strings.Contains(ans.Text, "No answer found for: who won the Eurovision Song Contest?") {
		t.Errorf("the unanswerable part is not marked:\n%s", ans.Text)
	}
}

func TestExtractiveOptions(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		f := newFixtureRetriever(t)
		ans := ask(t, extractive.New(f, extractive.Options{}), "How long did the harbor talks last?")
		if len(f.ks) != 1 || f.ks[0] != extractive.DefaultK {
			t.Errorf("search k = %v, want [%d]", f.ks, extractive.DefaultK)
		}
		if len(ans.Citations) < 2 {
			t.Errorf("default MaxSentences should allow two accounts: %q", ans.Text)
		}
	})
	t.Run("K and MaxSentences", func(t *testing.T) {
		f := newFixtureRetriever(t)
		ans := ask(t, extractive.New(f, extractive.Options{K: 4, MaxSentences: 1}), "How long did the harbor talks last?")
		if f.ks[0] != 4 {
			t.Errorf("search k = %d, want 4", f.ks[0])
		}
		if got := len(regexp.MustCompile(`\[\d+\]`).FindAllString(ans.Text, -1)); got != len(ans.Citations) {
			t.Errorf("%d markers for %d citations", got, len(ans.Citations))
		}
		if strings.Contains(ans.Text, "Sources differ") || strings.Count(ans.Text, "\n") > 0 {
			t.Errorf("MaxSentences 1 gave more than one sentence:\n%s", ans.Text)
		}
	})
}

func TestExtractiveQuestionChecks(t *testing.T) {
	e := extractive.New(newFixtureRetriever(t), extractive.Options{MaxQuestionRunes: 20})
	tests := []struct {
		name, question string
		want           error
		wantMsg        string
	}{
		{"empty", "", answer.ErrEmptyQuestion, ""},
		{"blank", " \t\n ", answer.ErrEmptyQuestion, ""},
		{"too long", strings.Repeat("é", 21), answer.ErrQuestionTooLong, "limit 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Answer(context.Background(), answer.Request{Question: tt.question})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("err = %v, want %v with %q", err, tt.want, tt.wantMsg)
			}
		})
	}
	if _, err := e.Answer(context.Background(), answer.Request{Question: strings.Repeat("é", 20)}); err != nil {
		t.Errorf("a question at the limit is refused: %v", err)
	}
}

func TestExtractiveSearchErrors(t *testing.T) {
	boom := errors.New("index unavailable")
	f := newFixtureRetriever(t)
	f.err = boom
	_, err := extractive.New(f, extractive.Options{}).Answer(context.Background(), answer.Request{Question: "Who led the Alpha delegation?"})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "search") {
		t.Errorf("err = %v, want the search error wrapped", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = extractive.New(newFixtureRetriever(t), extractive.Options{}).Answer(ctx, answer.Request{Question: "Who led the Alpha delegation?"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// ask answers q with e and fails the test on an error.
func ask(t *testing.T, e *extractive.Engine, q string, history ...string) answer.Answer {
	t.Helper()
	ans, err := e.Answer(context.Background(), answer.Request{Question: q, History: answer.QuestionTurns(history)})
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	return ans
}

func citesSource(a answer.Answer, src string) bool {
	for _, c := range a.Citations {
		if c.Source == src {
			return true
		}
	}
	return false
}

// checkCitations asserts that citations are numbered 1..n, each marker is in
// the text, and each span holds the quoted sentence in its article.
func checkCitations(t *testing.T, f *fixtureRetriever, a answer.Answer) {
	t.Helper()
	for i, c := range a.Citations {
		if c.N != i+1 {
			t.Errorf("citation %d numbered %d", i+1, c.N)
		}
		if !strings.Contains(a.Text, "["+strconv.Itoa(c.N)+"]") {
			t.Errorf("marker [%d] missing from %q", c.N, a.Text)
		}
		body := f.bodies[c.Source]
		if c.Start < 0 || c.End > len(body) || c.Start >= c.End {
			t.Errorf("citation %d span %d..%d outside %s", c.N, c.Start, c.End, c.Source)
			continue
		}
		if got := strings.Join(strings.Fields(body[c.Start:c.End]), " "); got != c.Quote {
			t.Errorf("citation %d span holds %q, quote is %q", c.N, got, c.Quote)
		}
		if c.Title == "" {
			t.Errorf("citation %d has no title", c.N)
		}
	}
}
