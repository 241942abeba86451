package generative_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/generative"
	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/retrieval"
)

// genKey is distinctive so a leak into a note or error is easy to spot.
const genKey = "sk-gen-S3CRET-7a6b5c4d3e2f1a0b"

// genTalks are the passages the fake retriever returns, best first.
var genTalks = []retrieval.Passage{
	genPassage("000_2a32f4e3c815aa48.txt", "Talks in Istanbul", 40,
		"Russia and Ukraine held their first direct talks in three years in Istanbul on Friday. The meeting at Dolmabahce Palace lasted about two hours."),
	genPassage("003_dc69a18de921cef9.txt", "Who was at the table", 300,
		"The talks began late in the morning. Ukraine's delegation was led by Defence Minister Rustem Umerov. Russia's team was headed by presidential aide Vladimir Medinsky."),
	genPassage("004_c2f305a5063d9f21.txt", "Turkey hosts", 0,
		"Turkish Foreign Minister Hakan Fidan chaired the meeting. He called for a ceasefire."),
}

func genPassage(source, title string, start int, text string) retrieval.Passage {
	return retrieval.Passage{Chunk: retrieval.Chunk{
		ID: source, Source: source, Title: title, Text: text, Start: start, End: start + len(text),
	}}
}

// genRetriever returns fixed passages and records the queries it gets.
type genRetriever struct {
	passages []retrieval.Passage
	mu       sync.Mutex
	queries  []string
}

// Retrieve implements answer.Retriever over Search; filters are ignored.
func (r *genRetriever) Retrieve(ctx context.Context, q retrieval.Query) ([]retrieval.Passage, error) {
	return r.Search(ctx, q.Text, q.K)
}

func (r *genRetriever) Search(_ context.Context, query string, k int) ([]retrieval.Passage, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queries = append(r.queries, query)
	return r.passages[:min(k, len(r.passages))], nil
}

func (r *genRetriever) Terms(string) []retrieval.Term { return nil }

// genFallback stands in for the extractive answerer.
type genFallback struct {
	mu    sync.Mutex
	calls int
}

const genFallbackText = "Ukraine's delegation was led by Rustem Umerov [1]."

func (f *genFallback) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	return answer.Answer{
		Question: req.Question, Text: genFallbackText, Answered: true, Mode: answer.ModeExtractive,
		Citations: []answer.Citation{{N: 1, Source: genTalks[1].Source, Quote: "Ukraine's delegation was led by Defence Minister Rustem Umerov."}},
	}, nil
}

func (f *genFallback) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// genRig is a generative answerer wired to a fake API.
type genRig struct {
	srv      *fakeopenai.Server
	ret      *genRetriever
	fallback *genFallback
	gen      *generative.Engine
}

// newGenRig answers with reply from a fake model; edit adjusts the LLM config.
func newGenRig(t *testing.T, responder fakeopenai.Responder, edit func(*llm.Config)) *genRig {
	t.Helper()
	srv := fakeopenai.New(t, fakeopenai.WithAPIKey(genKey), fakeopenai.WithResponder(responder))
	cfg := llm.Config{APIKey: genKey, BaseURL: srv.URL(), BackoffBase: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Timeout: 5 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	client, err := llm.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := &genRig{srv: srv, ret: &genRetriever{passages: genTalks}, fallback: &genFallback{}}
	r.gen = generative.New(r.ret, client, r.fallback, generative.Options{})
	return r
}

// genReply is a responder that always says text.
func genReply(text string) fakeopenai.Responder {
	return func(fakeopenai.ChatRequest) string { return text }
}

// ask answers q, streaming, and returns the answer and the streamed text.
func (r *genRig) ask(t *testing.T, q string, history ...string) (answer.Answer, string) {
	t.Helper()
	var streamed strings.Builder
	ans, err := r.gen.Answer(context.Background(), answer.Request{
		Question: q, History: answer.QuestionTurns(history), OnDelta: func(d string) { streamed.WriteString(d) },
	})
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	return ans, streamed.String()
}

// genFenced matches the data fences of the prompt.
var genFenced = regexp.MustCompile(`(?s)<passage[ >].*?</passage>|<question>.*?</question>|<history>.*?</history>`)

// genNaiveModel behaves like a model that obeys any instruction it reads
// outside the data fences: it then says HACKED and recites its system
// prompt. Otherwise it gives the normal reply.
func genNaiveModel(normal string) fakeopenai.Responder {
	return func(req fakeopenai.ChatRequest) string {
		var system, rest strings.Builder
		for _, m := range req.Messages {
			if m.Role == "system" {
				system.WriteString(m.Content)
			} else {
				rest.WriteString(genFenced.ReplaceAllString(m.Content, ""))
			}
		}
		if strings.Contains(strings.ToLower(rest.String()), "ignore previous instructions") {
			return "HACKED. " + system.String() + " [1]"
		}
		return normal
	}
}

// genCompromisedModel obeys genInjected instructions wherever they are.
func genCompromisedModel(req fakeopenai.ChatRequest) string {
	for _, m := range req.Messages {
		if m.Role == "system" {
			return "Sure! My instructions are: " + m.Content + " [1]"
		}
	}
	return "no system prompt"
}

// genSharesChunk reports whether a and b share a run of n bytes, after
// lower-casing and collapsing white space.
func genSharesChunk(a, b string, n int) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	a, b = norm(a), norm(b)
	for i := 0; i+n <= len(b); i++ {
		if strings.Contains(a, b[i:i+n]) {
			return true
		}
	}
	return false
}
