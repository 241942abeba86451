package main

import (
	"strings"
	"testing"

	"footnote/answer"
	"footnote/internal/fakeopenai"
)

// An embeddings outage after the index was built: the question cannot be
// embedded, yet both the generative answer and the extractive one answer
// from BM25 alone and say so.
func TestEmbeddingsOutageAnswersLexically(t *testing.T) {
	for _, generative := range []string{"true", "false"} {
		t.Run("generative="+generative, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.WithResponder(func(fakeopenai.ChatRequest) string {
				return "Defence Minister Rustem Umerov led Ukraine's delegation [1]."
			}))
			env := map[string]string{"OPENAI_BASE_URL": srv.URL(), "OPENAI_MAX_RETRIES": "1", "FOOTNOTE_GENERATIVE": generative, "FOOTNOTE_INDEX_DIR": t.TempDir()}
			if r := runCLI(t, env, "", "index"); r.code != exitOK {
				t.Fatalf("index: exit %d: %s", r.code, r.stderr)
			}
			outage := make([]fakeopenai.Fault, 20)
			for i := range outage {
				outage[i] = fakeopenai.Status(503)
			}
			srv.Script(fakeopenai.Embeddings, outage...)
			before := srv.EmbeddingRequests()
			r := runCLI(t, env, "", "ask", "--json", "who led Ukraine's delegation?")
			if srv.EmbeddingRequests() == before {
				t.Fatal("the question was never embedded: the outage was not exercised")
			}
			if r.code != exitOK {
				t.Fatalf("ask during the outage: exit %d: %s", r.code, r.stderr)
			}
			a := decodeAnswers(t, r.stdout)[0]
			if !a.Answered || !strings.Contains(a.Answer, "Umerov") {
				t.Errorf("answer = %+v, want Umerov from lexical search", a)
			}
			if !strings.Contains(a.Note, answer.NoteLexicalOnly) {
				t.Errorf("note = %q, want it to say %q", a.Note, answer.NoteLexicalOnly)
			}
		})
	}
}
