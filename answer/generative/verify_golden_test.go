package generative_test

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/answer/generative"
	"footnote/internal/fakeopenai"
	"footnote/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// verifyRig answers over the real default corpus (OpenAI-compatible
// embeddings and chat on the fake server) with the given scripted model.
func verifyRig(t *testing.T, model fakeopenai.Responder, opts generative.Options) *generative.Engine {
	t.Helper()
	ix, client, _ := genRealIndex(t, model)
	return generative.New(ix, client, nil, opts)
}

// verifyQuestions are asked under every scripted behaviour.
var verifyQuestions = []string{
	"Who led Ukraine's delegation?",
	"How long did the talks last?",
}

// TestVerifyScriptedMisbehaviours pins, for each way the scripted model
// misbehaves, the checked answer: text, claims and citations with quotes.
// Run with -update to rewrite testdata/verify_*.golden after reviewing.
func TestVerifyScriptedMisbehaviours(t *testing.T) {
	for _, b := range fakeopenai.Behaviours {
		t.Run(string(b), func(t *testing.T) {
			eng := verifyRig(t, fakeopenai.Scripted(b), generative.Options{})
			var got strings.Builder
			for _, q := range verifyQuestions {
				ans, err := eng.Answer(context.Background(), answer.Request{Question: q})
				if err != nil {
					t.Fatalf("Answer(%q): %v", q, err)
				}
				checkVerified(t, b, ans)
				ans.Confidence = 0 // not part of what is pinned
				out, _ := json.MarshalIndent(struct {
					Text      string             `json:"answer"`
					Answered  bool               `json:"answered"`
					Claims    []answer.Claim     `json:"claims"`
					Citations []answer.Citation  `json:"citations"`
					Check     *answer.CheckStats `json:"check"`
				}{ans.Text, ans.Answered, ans.Claims, ans.Citations, ans.Check}, "", "  ")
				got.WriteString("## " + q + "\n" + string(out) + "\n")
			}
			golden.Check(t, filepath.Join("testdata", "verify_"+string(b)+".golden"), got.String(), *update)
		})
	}
}

// checkVerified asserts what must hold whatever the golden file says: every
// marker in the text has a citation, every supported claim's quote is the
// quote of a citation it carries and names the claim's names, and the
// unsupported claims are marked.
func checkVerified(t *testing.T, b fakeopenai.Behaviour, ans answer.Answer) {
	t.Helper()
	if ans.Check == nil {
		t.Fatalf("%s: no check stats", b)
	}
	for _, c := range ans.Citations {
		if !strings.Contains(ans.Text, "["+itoa(c.N)+"]") {
			t.Errorf("%s: citation %d not in text %q", b, c.N, ans.Text)
		}
	}
	for _, cl := range ans.Claims {
		if cl.Supported {
			if len(cl.Citations) == 0 || cl.Quote == "" {
				t.Errorf("%s: supported claim %q has no citation or quote", b, cl.Text)
			}
			continue
		}
		if len(cl.Citations) != 0 {
			t.Errorf("%s: unsupported claim %q keeps citations %v", b, cl.Text, cl.Citations)
		}
		if ans.Answered && !strings.Contains(ans.Text, generative.NotInSources) {
			t.Errorf("%s: unsupported claim %q not marked in %q", b, cl.Text, ans.Text)
		}
	}
	switch b {
	case fakeopenai.HallucinatedNumber, fakeopenai.MixedClaims:
		if ans.Check.Unsupported == 0 {
			t.Errorf("%s: no claim found unsupported in %q", b, ans.Text)
		}
	case fakeopenai.Grounded, fakeopenai.WrongMarkers, fakeopenai.MarkerOutOfRange, fakeopenai.AllOnFirst:
		if ans.Check.Unsupported != 0 || !ans.Answered {
			t.Errorf("%s: right facts left unsupported: %q (%+v)", b, ans.Text, ans.Check)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestVerifyUmerovQuote is the example: the quote under the
// citation is the sentence that names Umerov, not the passage's first.
func TestVerifyUmerovQuote(t *testing.T) {
	eng := verifyRig(t, fakeopenai.Scripted(fakeopenai.WrongMarkers), generative.Options{})
	ans, err := eng.Answer(context.Background(), answer.Request{Question: "Who led Ukraine's delegation?"})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Answered || len(ans.Citations) == 0 {
		t.Fatalf("not answered: %+v", ans)
	}
	for _, c := range ans.Citations {
		if !strings.Contains(c.Quote, "Umerov") {
			t.Errorf("citation %d quotes %q, want the Umerov sentence", c.N, c.Quote)
		}
	}
}

// TestVerifyPolicies shows the three policies on a mixed answer.
func TestVerifyPolicies(t *testing.T) {
	tests := []struct {
		policy         generative.Unsupported
		wantMarked     bool
		wantFabricated bool
	}{
		{generative.UnsupportedMark, true, true},
		{generative.UnsupportedDrop, false, false},
		{generative.UnsupportedKeep, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			eng := verifyRig(t, fakeopenai.Scripted(fakeopenai.MixedClaims), generative.Options{Unsupported: tt.policy})
			ans, err := eng.Answer(context.Background(), answer.Request{Question: "Who led Ukraine's delegation?"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(ans.Text, generative.NotInSources); got != tt.wantMarked {
				t.Errorf("marked = %v, want %v: %q", got, tt.wantMarked, ans.Text)
			}
			if got := strings.Contains(ans.Text, "Pope Francis"); got != tt.wantFabricated {
				t.Errorf("unsupported claim shown = %v, want %v: %q", got, tt.wantFabricated, ans.Text)
			}
			if !strings.Contains(ans.Text, "Umerov") || ans.Verified != 1 {
				t.Errorf("supported claim lost: %q (verified %d)", ans.Text, ans.Verified)
			}
		})
	}
}
