package generative_test

import (
	"context"
	"strings"
	"testing"

	"footnote/answer"
	"footnote/internal/fakeopenai"
)

// rewritingModel answers the rewrite prompt with standalone and any other
// prompt with reply.
func rewritingModel(standalone, reply string) fakeopenai.Responder {
	return func(req fakeopenai.ChatRequest) string {
		if strings.Contains(req.Messages[0].Content, "standalone question") {
			return standalone
		}
		return reply
	}
}

func TestGenerativeRewritesFollowUps(t *testing.T) {
	history := []answer.Turn{{Question: "Who headed Russia's team?", Answer: "Russia's team was headed by presidential aide Vladimir Medinsky [1]."}}
	tests := []struct {
		name, q, standalone string
		history             []answer.Turn
		wantQuery           string
		wantRewritten       string
	}{
		{"follow-up rewritten", "What was his previous job?", "Standalone question: \"What was Vladimir Medinsky's previous job?\"", history,
			"What was Vladimir Medinsky's previous job?", "What was Vladimir Medinsky's previous job?"},
		{"standalone question not rewritten", "Where were the talks held?", "SHOULD NOT BE ASKED", history,
			"Where were the talks held?", ""},
		{"no history, no rewrite", "What was his previous job?", "SHOULD NOT BE ASKED", nil,
			"What was his previous job?", ""},
		{"implausible rewrite ignored", "and his job?", "NOT_IN_CORPUS", history,
			"Who headed Russia's team? Vladimir Medinsky and his job?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGenRig(t, rewritingModel(tt.standalone, "Russia's team was headed by Vladimir Medinsky [2]."), nil)
			ans, err := r.gen.Answer(context.Background(), answer.Request{Question: tt.q, History: tt.history})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.ret.queries[len(r.ret.queries)-1]; got != tt.wantQuery {
				t.Errorf("retrieval query = %q, want %q", got, tt.wantQuery)
			}
			if ans.Rewritten != tt.wantRewritten {
				t.Errorf("Rewritten = %q, want %q", ans.Rewritten, tt.wantRewritten)
			}
			if ans.Question != tt.q {
				t.Errorf("Question = %q, want it as asked", ans.Question)
			}
		})
	}
}
