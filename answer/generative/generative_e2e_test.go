package generative_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/answer/generative"
	"footnote/corpus"
	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/retrieval"
)

// genPassageRe reads the passages back out of a rendered user prompt.
var genPassageRe = regexp.MustCompile(`(?s)<passage n="(\d+)"[^>]*>\n(.*?)\n</passage>`)

// genQuotingModel is a grounded test model: it answers with the first prompt
// sentence that names word, citing its passage, or says NoAnswer-free
// nonsense without a citation when no passage names it.
func genQuotingModel(word string) fakeopenai.Responder {
	return func(req fakeopenai.ChatRequest) string {
		user := req.Messages[len(req.Messages)-1].Content
		for _, m := range genPassageRe.FindAllStringSubmatch(user, -1) {
			for _, sp := range retrieval.Sentences(m[2]) {
				if s := m[2][sp.Start:sp.End]; strings.Contains(s, word) {
					return fmt.Sprintf("%s [%s]", s, m[1])
				}
			}
		}
		return "I am not sure."
	}
}

// genE2ERig wires the real index (OpenAI embedder on the fake API), the real
// extractive answerer as fallback, and the generative answerer.
func genE2ERig(t *testing.T, model fakeopenai.Responder) (*generative.Engine, *fakeopenai.Server, map[string]corpus.Article) {
	t.Helper()
	ix, client, srv := genRealIndex(t, model)
	articles, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bySource := map[string]corpus.Article{}
	for _, a := range articles {
		bySource[a.Source] = a
	}
	gen := generative.New(ix, client, extractive.New(ix, extractive.Options{}), generative.Options{})
	return gen, srv, bySource
}

// genRealIndex indexes the default corpus with embeddings from a fake
// OpenAI-compatible server whose chat model is model, and returns the
// index and the real go-openai client on that server.
func genRealIndex(t *testing.T, model fakeopenai.Responder) (*retrieval.Index, *llm.Client, *fakeopenai.Server) {
	t.Helper()
	ctx := context.Background()
	srv := fakeopenai.New(t, fakeopenai.WithAPIKey(genKey), fakeopenai.WithResponder(model))
	client, err := llm.New(llm.Config{APIKey: genKey, BaseURL: srv.URL(), BackoffBase: time.Millisecond, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: client.Embedder()}, corpus.Articles(ctx, corpus.Default(), corpus.WalkOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	return ix, client, srv
}

func TestGenerativeEndToEnd(t *testing.T) {
	gen, _, articles := genE2ERig(t, genQuotingModel("Umerov"))
	ans, err := gen.Answer(context.Background(), answer.Request{Question: "Who led Ukraine's delegation?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != answer.ModeGenerative || !ans.Answered || !strings.Contains(ans.Text, "Umerov") || len(ans.Citations) != 1 {
		t.Fatalf("got %+v", ans)
	}
	c := ans.Citations[0]
	if !slices.Contains([]string{"000_2a32f4e3c815aa48.txt", "003_dc69a18de921cef9.txt", "004_c2f305a5063d9f21.txt"}, c.Source) {
		t.Errorf("cites %s, not an article about the delegation", c.Source)
	}
	// The span must point at the quoted sentence in the cleaned article.
	if text := articles[c.Source].Text; c.End > len(text) || text[c.Start:c.End] != c.Quote {
		t.Errorf("span [%d,%d) of %s does not hold the quote %q", c.Start, c.End, c.Source, c.Quote)
	}
}

func TestGenerativeEndToEndFallback(t *testing.T) {
	gen, srv, _ := genE2ERig(t, genQuotingModel("Umerov"))
	srv.Script(fakeopenai.Chat, genRepeat(fakeopenai.Status(503), 4)...)
	ans, err := gen.Answer(context.Background(), answer.Request{Question: "Who led Ukraine's delegation?", OnDelta: func(string) {}})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != answer.ModeExtractive || !strings.Contains(ans.Text, "Umerov") || len(ans.Citations) == 0 {
		t.Errorf("got %+v, want the extractive answer", ans)
	}
	if ans.Note != "LLM unavailable (service unavailable); showing the extractive answer" {
		t.Errorf("note = %q", ans.Note)
	}
}

func TestGenerativeEndToEndFollowUp(t *testing.T) {
	gen, srv, _ := genE2ERig(t, genQuotingModel("Medinsky"))
	ans, err := gen.Answer(context.Background(), answer.Request{
		Question: "and who led Russia's?", History: []answer.Turn{{Question: "Who led Ukraine's delegation?"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Answered || !strings.Contains(ans.Text, "Medinsky") {
		t.Errorf("got %+v; the passages shown were:\n%s", ans, srv.LastChat().Messages[1].Content)
	}
}
