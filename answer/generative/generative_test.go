package generative_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/answer/generative"
	"footnote/internal/fakeopenai"
	"footnote/llm"
	"footnote/prompts"
)

func TestGenerativeCitations(t *testing.T) {
	type cite struct {
		n      int
		source string
		quote  string // a word the quote must contain
	}
	tests := []struct {
		name  string
		reply string
		want  string
		cites []cite
	}{
		{"one marker, renumbered", "Defence Minister Rustem Umerov led it [2].",
			"Defence Minister Rustem Umerov led it [1].",
			[]cite{{1, genTalks[1].Source, "Umerov"}}},
		{"bogus marker dropped", "Rustem Umerov led it [2][9]. Vladimir Medinsky led Russia's [9].",
			"Rustem Umerov led it [1]. Vladimir Medinsky led Russia's [1].",
			[]cite{{1, genTalks[1].Source, "Umerov"}}},
		{"list marker split", "The talks were in Istanbul [1, 3] and Fidan chaired them [3].",
			"The talks were in Istanbul [1] and Fidan chaired them [2].",
			[]cite{{1, genTalks[0].Source, "Istanbul"}, {2, genTalks[2].Source, "Fidan"}}},
		{"claim after a marker", "The talks were in Istanbul [1] and lasted about two hours [1].",
			"The talks were in Istanbul [1] and lasted about two hours [1].",
			[]cite{{1, genTalks[0].Source, "Istanbul"}}},
		{"marker before the claim", "According to [2], Umerov led Ukraine's delegation.",
			"According to [1], Umerov led Ukraine's delegation.",
			[]cite{{1, genTalks[1].Source, "Umerov"}}},
		{"numbered by first use", "Hakan Fidan chaired the meeting [3]. Umerov led Ukraine's team [2].",
			"Hakan Fidan chaired the meeting [1]. Umerov led Ukraine's team [2].",
			[]cite{{1, genTalks[2].Source, "Fidan"}, {2, genTalks[1].Source, "Umerov"}}},
		{"range and semicolon", "They met in Istanbul [1-2]; Fidan chaired [3; 12].",
			"They met in Istanbul [1]; Fidan chaired [2].",
			[]cite{{1, genTalks[0].Source, "Istanbul"}, {2, genTalks[2].Source, "Fidan"}}},
		{"marker after the full stop", "Umerov led Ukraine's delegation. [2]",
			"Umerov led Ukraine's delegation. [1]",
			[]cite{{1, genTalks[1].Source, "Umerov"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGenRig(t, genReply(tt.reply), nil)
			ans, streamed := r.ask(t, "Who led Ukraine's delegation?")
			if ans.Mode != answer.ModeGenerative || !ans.Answered || ans.Note != "" {
				t.Fatalf("got mode %q answered=%v note %q, want an answered generative reply", ans.Mode, ans.Answered, ans.Note)
			}
			if ans.Text != tt.want {
				t.Errorf("text = %q, want %q", ans.Text, tt.want)
			}
			if streamed == "" {
				t.Errorf("nothing streamed")
			}
			if len(ans.Citations) != len(tt.cites) {
				t.Fatalf("citations %+v, want %d", ans.Citations, len(tt.cites))
			}
			for i, c := range tt.cites {
				got := ans.Citations[i]
				if got.N != c.n || got.Source != c.source || !strings.Contains(got.Quote, c.quote) || len(got.Quote) > 200 {
					t.Errorf("citation %d = %+v, want N=%d source %s quoting %q", i, got, c.n, c.source, c.quote)
				}
			}
		})
	}
}

func TestGenerativeQuoteSpan(t *testing.T) {
	r := newGenRig(t, genReply("Russia's team was headed by Vladimir Medinsky [2]."), nil)
	ans, _ := r.ask(t, "Who led Russia's delegation?")
	c := ans.Citations[0]
	p := genTalks[1]
	if c.Quote != "Russia's team was headed by presidential aide Vladimir Medinsky." {
		t.Errorf("quote = %q, want the Medinsky sentence", c.Quote)
	}
	if got := p.Text[c.Start-p.Start : c.End-p.Start]; got != c.Quote {
		t.Errorf("span [%d,%d) holds %q, not the quote", c.Start, c.End, got)
	}
}

// TestGenerativeUncitedReplyIsChecked: a reply without usable markers is
// not trusted or thrown away but checked like any other: claims the
// passages state get the marker of the passage that states them, and a
// reply the passages do not support declines, naming the closest articles.
func TestGenerativeUncitedReplyIsChecked(t *testing.T) {
	tests := []struct {
		name, reply, want string
	}{
		{"no markers", "Rustem Umerov led Ukraine's delegation.", "Rustem Umerov led Ukraine's delegation [1]."},
		{"only bogus markers", "Rustem Umerov led it [7]. Medinsky led Russia's [12].", "Rustem Umerov led it [1]. Medinsky led Russia's [1]."},
		{"nothing supported", "Olena Zelenska opened the summit in Geneva.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGenRig(t, genReply(tt.reply), nil)
			ans, _ := r.ask(t, "Who led Ukraine's delegation?")
			if r.fallback.count() != 0 || ans.Mode != answer.ModeGenerative {
				t.Fatalf("got %+v, want a checked generative answer", ans)
			}
			if tt.want == "" {
				if ans.Answered || !strings.HasPrefix(ans.Text, answer.DeclineText) || !strings.Contains(ans.Text, "Closest: "+genTalks[0].Source) {
					t.Errorf("got %q, want a decline naming the closest articles", ans.Text)
				}
				return
			}
			if !ans.Answered || ans.Text != tt.want || len(ans.Citations) != 1 || ans.Citations[0].Source != genTalks[1].Source {
				t.Errorf("got %q %+v, want %q citing %s", ans.Text, ans.Citations, tt.want, genTalks[1].Source)
			}
		})
	}
}

func TestGenerativeNoAnswer(t *testing.T) {
	tests := map[string]string{
		"sentinel":               prompts.NoAnswer,
		"sentinel with dot":      prompts.NoAnswer + ".",
		"sentinel in bold":       "**" + prompts.NoAnswer + "**",
		"sentinel after a lead":  "I looked carefully. " + prompts.NoAnswer,
		"plain words":            "The passages do not mention who won the election.",
		"plain words, curly":     "The provided articles don’t say anything about the weather.",
		"not mentioned":          "The result is not mentioned in the passages.",
		"sentinel with a marker": prompts.NoAnswer + " [2]",
	}
	for name, reply := range tests {
		t.Run(name, func(t *testing.T) {
			r := newGenRig(t, genReply(reply), nil)
			ans, streamed := r.ask(t, "Who won the election?")
			if ans.Answered || len(ans.Citations) != 0 || ans.Mode != answer.ModeGenerative {
				t.Fatalf("got %+v, want a generative non-answer", ans)
			}
			if !strings.HasPrefix(ans.Text, "The articles don't say") || strings.Contains(ans.Text, prompts.NoAnswer) {
				t.Errorf("text = %q", ans.Text)
			}
			if strings.Contains(streamed, prompts.NoAnswer) {
				t.Errorf("the sentinel was streamed: %q", streamed)
			}
			if r.fallback.count() != 0 {
				t.Error("a non-answer must not fall back")
			}
		})
	}
}

func TestGenerativeFallsBackOnLLMFailure(t *testing.T) {
	tests := []struct {
		name   string
		script []fakeopenai.Fault
		edit   func(*llm.Config)
		reason string
	}{
		{"server errors", genRepeat(fakeopenai.Status(500), 4), nil, "(service unavailable)"},
		{"rate limited", genRepeat(fakeopenai.RateLimited(time.Millisecond), 4), nil, "(rate limited)"},
		{"quota", []fakeopenai.Fault{fakeopenai.InsufficientQuota()}, nil, "(quota exceeded)"},
		{"malformed JSON", []fakeopenai.Fault{fakeopenai.MalformedJSON()}, nil, "(malformed reply)"},
		{"stream cut", []fakeopenai.Fault{fakeopenai.CutStream(3)}, nil, "(incomplete reply)"},
		{"finish length", []fakeopenai.Fault{fakeopenai.FinishWith("length")}, nil, "(incomplete reply)"},
		{"timeout", []fakeopenai.Fault{fakeopenai.Delay(time.Hour)},
			func(c *llm.Config) { c.Timeout = 50 * time.Millisecond }, "(timed out)"},
		{"wrong key", nil, func(c *llm.Config) { c.APIKey = "sk-wrong-S3CRET-key" }, "(invalid or missing API key)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGenRig(t, genReply("Rustem Umerov led the Ukrainian delegation at the talks [2]."), tt.edit)
			r.srv.Script(fakeopenai.Chat, tt.script...)
			ans, _ := r.ask(t, "Who led Ukraine's delegation?")
			if ans.Mode != answer.ModeExtractive || ans.Text != genFallbackText || r.fallback.count() != 1 {
				t.Fatalf("got %+v, want the fallback answer", ans)
			}
			want := "LLM unavailable " + tt.reason + "; showing the extractive answer"
			if ans.Note != want {
				t.Errorf("note = %q, want %q", ans.Note, want)
			}
			if strings.Contains(ans.Note, "S3CRET") || strings.Contains(ans.Note, "\n") {
				t.Errorf("note leaks a key or spans lines: %q", ans.Note)
			}
		})
	}
}

func TestGenerativeWithoutFallbackReturnsError(t *testing.T) {
	srv := fakeopenai.New(t)
	srv.Script(fakeopenai.Chat, fakeopenai.InsufficientQuota())
	client, err := llm.New(llm.Config{BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	gen := generative.New(&genRetriever{passages: genTalks}, client, nil, generative.Options{})
	_, err = gen.Answer(context.Background(), answer.Request{Question: "Who led the talks?"})
	if !errors.Is(err, llm.ErrQuota) {
		t.Errorf("err = %v, want ErrQuota", err)
	}
}

func TestGenerativeCallerCancel(t *testing.T) {
	r := newGenRig(t, genReply("x [1]"), nil)
	r.srv.Script(fakeopenai.Chat, fakeopenai.Delay(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := r.gen.Answer(ctx, answer.Request{Question: "Who led the talks?", OnDelta: func(string) {}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if r.fallback.count() != 0 {
		t.Error("a cancelled question must not fall back")
	}
}

func TestGenerativeQuestionChecks(t *testing.T) {
	r := newGenRig(t, genReply("x [1]"), nil)
	tests := []struct {
		q    string
		want error
	}{
		{"", answer.ErrEmptyQuestion},
		{"   ?!  ", answer.ErrEmptyQuestion},
		{strings.Repeat("why ", 200), answer.ErrQuestionTooLong},
	}
	for _, tt := range tests {
		if _, err := r.gen.Answer(context.Background(), answer.Request{Question: tt.q}); !errors.Is(err, tt.want) {
			t.Errorf("Answer(%.20q) err = %v, want %v", tt.q, err, tt.want)
		}
	}
	if r.srv.ChatRequests() != 0 || len(r.ret.queries) != 0 {
		t.Error("a rejected question reached the retriever or the model")
	}
}

func TestGenerativeNoPassagesSkipsModel(t *testing.T) {
	r := newGenRig(t, genReply("x [1]"), nil)
	r.ret.passages = nil
	ans, _ := r.ask(t, "Who won the World Cup?")
	if ans.Answered || r.srv.ChatRequests() != 0 {
		t.Errorf("got %+v after %d chat requests, want a non-answer without asking", ans, r.srv.ChatRequests())
	}
}

func TestGenerativeFollowUpQuery(t *testing.T) {
	tests := []struct {
		q       string
		history []string
		want    string
	}{
		{"and who led Russia's?", []string{"Who led Ukraine's delegation?"}, "Who led Ukraine's delegation? and who led Russia's?"},
		{"What did he say?", []string{"Who chaired the talks?"}, "Who chaired the talks? What did he say?"},
		{"Where were the talks held?", []string{"Who led Ukraine's delegation?"}, "Where were the talks held?"},
		{"and Russia's?", []string{"Who led Ukraine's delegation?", "and who chaired?"}, "Who led Ukraine's delegation? and who chaired? and Russia's?"},
		{"and Russia's?", nil, "and Russia's?"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := newGenRig(t, genReply("Medinsky [2]."), nil)
			r.ask(t, tt.q, tt.history...)
			if got := r.ret.queries[0]; got != tt.want {
				t.Errorf("search query = %q, want %q", got, tt.want)
			}
			user := r.srv.LastChat().Messages[1].Content
			for _, h := range tt.history {
				if !strings.Contains(user, h) {
					t.Errorf("prompt lacks history %q", h)
				}
			}
		})
	}
}

func genRepeat(f fakeopenai.Fault, n int) []fakeopenai.Fault {
	out := make([]fakeopenai.Fault, n)
	for i := range out {
		out[i] = f
	}
	return out
}
