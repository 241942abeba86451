package extractive_test

import (
	"context"
	"reflect"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
)

// An answer must not depend on the questions asked before it: the NER
// model tags sentences on demand and the tags are cached, so a question
// reads only the names of the sentences it had tagged itself.
func TestAnalysisIndependentOfEarlierQuestions(t *testing.T) {
	ix := openDefault(t)
	earlier := []string{
		"Who led Ukraine's delegation?",
		"Who is the Kremlin spokesman?",
		"Which Turkish minister chaired the meeting?",
		"Where did the talks take place?",
	}
	later := []string{
		"What did the Ukrainian president call the Russian delegation?",
		"How long did the talks last?",
		"Who sat at the head of the table?",
	}
	ctx := context.Background()
	fresh := func(q string) extractive.Analysis {
		a, err := extractive.New(ix, extractive.Options{}).Analyze(ctx, answer.Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	used := extractive.New(ix, extractive.Options{})
	for _, q := range earlier {
		if _, err := used.Analyze(ctx, answer.Request{Question: q}); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range later {
		t.Run(q, func(t *testing.T) {
			got, err := used.Analyze(ctx, answer.Request{Question: q})
			if err != nil {
				t.Fatal(err)
			}
			want := fresh(q)
			if !reflect.DeepEqual(got, want) {
				for i := range min(len(got.Candidates), len(want.Candidates)) {
					if !reflect.DeepEqual(got.Candidates[i], want.Candidates[i]) {
						t.Fatalf("candidate %d differs after other questions:\n got %v\nwant %v", i, got.Candidates[i].Features, want.Candidates[i].Features)
					}
				}
				t.Fatalf("analysis differs after other questions")
			}
		})
	}
}
