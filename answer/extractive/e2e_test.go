package extractive_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
	"footnote/eval"
	"footnote/retrieval"
)

// defaultIndex opens the five default articles in memory with the local
// embedder, once per test binary.
var defaultIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	ctx := context.Background()
	return retrieval.Open(ctx, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)},
		corpus.Articles(ctx, corpus.Default(), corpus.WalkOptions{}))
})

func openDefault(t *testing.T) *retrieval.Index {
	t.Helper()
	ix, err := defaultIndex()
	if err != nil {
		t.Fatalf("open default index: %v", err)
	}
	return ix
}

// runSet answers every case of a question set with the extractive answerer
// over the default articles and logs the table.
func runSet(t *testing.T, path string) eval.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := eval.Load(f)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	ix := openDefault(t)
	rep, err := eval.Run(context.Background(), cases, extractive.New(ix, extractive.Options{}), ix, eval.Options{})
	if err != nil {
		t.Fatalf("eval run: %v", err)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	return rep
}

// TestSharedQuestionSet is the end-to-end check of the offline product: the
// shared question set against the default articles.
func TestSharedQuestionSet(t *testing.T) {
	rep := runSet(t, "../../testdata/qa.jsonl")
	if got, want := rep.Summary.Correct, 16; got < want {
		t.Errorf("shared set: %d/%d correct, want at least %d", got, rep.Summary.Total, want)
	}
}

// TestExtraQuestionSet guards against tuning to the shared set: questions
// written apart from it (paraphrases, typos, multi-part, follow-ups and
// questions the articles cannot answer) over the same articles.
func TestExtraQuestionSet(t *testing.T) {
	rep := runSet(t, "testdata/extra_qa.jsonl")
	if got, want := rep.Summary.Correct, 40; got < want {
		t.Errorf("extra set: %d/%d correct, want at least %d", got, rep.Summary.Total, want)
	}
}

// TestFollowUpLeansOnLastAnswer: a pronoun in a follow-up stands for the
// person the previous answer named, not only for words of the previous
// question ("his" is Medinsky, whom the question never named).
func TestFollowUpLeansOnLastAnswer(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	history := []answer.Turn{{
		Question: "Who headed the Russian delegation?",
		Answer:   "**Vladimir Medinsky** — The Russian delegation is headed by Kremlin aide Vladimir Medinsky. [1]",
	}}
	ans, err := e.Answer(context.Background(), answer.Request{Question: "What was his previous job?", History: history})
	if err != nil {
		t.Fatal(err)
	}
	// The pronoun must resolve to Medinsky. The learned engine does not yet
	// rank "a former Minister of Culture" first (it cannot match
	// previous/former), so that sentence is logged, not required.
	if !ans.Answered || !strings.Contains(ans.Text, "Medinsky") {
		t.Errorf("got %q, want an answer about Medinsky", ans.Text)
	}
	if !strings.Contains(ans.Text, "former Minister of Culture") {
		t.Logf("known gap: %q is not the sentence calling Medinsky a former Minister of Culture", ans.Text)
	}
}
