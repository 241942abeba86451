package discord

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"footnote/answer"
	"footnote/bot"
)

// checkLimits fails t if any message breaks a Discord limit.
func checkLimits(t *testing.T, msgs []outMessage) {
	t.Helper()
	for i, m := range msgs {
		if n := utf8.RuneCountInString(m.Content); n > MessageRunes {
			t.Errorf("message %d: content %d runes", i, n)
		}
		if m.Content == "" && len(m.Embeds) == 0 {
			t.Errorf("message %d is empty", i)
		}
		if len(m.Embeds) > discordEmbedsPerMessage {
			t.Errorf("message %d: %d embeds", i, len(m.Embeds))
		}
		total := 0
		for _, e := range m.Embeds {
			total += embedSize(e)
			if len(e.Fields) > discordEmbedFields {
				t.Errorf("message %d: %d fields", i, len(e.Fields))
			}
			for _, f := range e.Fields {
				if utf8.RuneCountInString(f.Name) > discordFieldName || utf8.RuneCountInString(f.Value) > discordFieldValue || f.Name == "" || f.Value == "" {
					t.Errorf("message %d: field %q/%d runes out of limits", i, f.Name, utf8.RuneCountInString(f.Value))
				}
			}
		}
		if total > discordEmbedTotal {
			t.Errorf("message %d: embeds total %d", i, total)
		}
	}
}

func TestRenderAnswerWithinLimits(t *testing.T) {
	tests := []struct {
		name      string
		textRunes int
		cites     int
		quote     int
		title     int
		wantMsgs  int
	}{
		{"short", 40, 1, 50, 10, 1},
		{"no citations", 40, 0, 0, 0, 1},
		{"long text", 4500, 2, 100, 10, 3},
		{"many citations", 100, 60, 2000, 400, 0},
		{"huge everything", 9000, 120, 5000, 1000, 0},
		{"multibyte", 3000, 5, 300, 20, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			word := "word "
			if tt.name == "multibyte" {
				word = "日本語の文 "
			}
			text := strings.Repeat(word, tt.textRunes/utf8.RuneCountInString(word)+1)
			a := answer.Answer{Text: text, Answered: true}
			for n := 1; n <= tt.cites; n++ {
				a.Citations = append(a.Citations, answer.Citation{
					N: n, Source: fmt.Sprintf("%03d.txt", n),
					Title: strings.Repeat("T", tt.title), Quote: strings.Repeat("q ", tt.quote/2),
				})
			}
			msgs := renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, 1000)
			checkLimits(t, msgs)
			if tt.wantMsgs > 0 && len(msgs) != tt.wantMsgs {
				t.Errorf("messages = %d, want %d", len(msgs), tt.wantMsgs)
			}
			fields := 0
			for _, m := range msgs {
				for _, e := range m.Embeds {
					fields += len(e.Fields)
				}
			}
			if fields != tt.cites {
				t.Errorf("fields = %d, want one per citation (%d)", fields, tt.cites)
			}
		})
	}
}

func TestRenderDeclinedAnswerHasNoSources(t *testing.T) {
	a := answer.Answer{Text: "The articles do not say.", Answered: false, Note: "LLM unavailable; extractive answer",
		Citations: []answer.Citation{{N: 1, Source: "a.txt"}}}
	msgs := renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, 0)
	if len(msgs) != 1 || len(msgs[0].Embeds) != 0 || !strings.Contains(msgs[0].Content, "*LLM unavailable; extractive answer*") {
		t.Fatalf("msgs = %+v", msgs)
	}
}

func TestRenderOtherReplies(t *testing.T) {
	tests := []struct {
		r         bot.Reply
		ephemeral bool
	}{
		{bot.Reply{Kind: bot.ReplyHelp, Text: "help @everyone"}, true},
		{bot.Reply{Kind: bot.ReplyError, Text: "slow down"}, true},
		{bot.Reply{Kind: bot.ReplySources}, false},
	}
	for _, tt := range tests {
		msgs := renderDiscord(tt.r, 0)
		checkLimits(t, msgs)
		if len(msgs) == 0 || msgs[0].Ephemeral != tt.ephemeral {
			t.Errorf("%s: %+v, want ephemeral=%v", tt.r.Kind, msgs, tt.ephemeral)
		}
		if strings.Contains(msgs[0].Content, "@everyone") {
			t.Errorf("%s: unescaped mention: %q", tt.r.Kind, msgs[0].Content)
		}
	}
}

func TestNoMentionsSerialisesEmptyParse(t *testing.T) {
	b, err := json.Marshal(noMentions())
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != `{"parse":[],"replied_user":false}` {
		t.Fatalf("allowed_mentions = %s", got)
	}
}

func TestStripBotMentions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@42> who won?", "who won?"},
		{"<@!42>   who won?", "who won?"},
		{"hey <@42>, who won?", "hey , who won?"},
		{"<@42>", ""},
		{"<@43> who won?", "<@43> who won?"},
	}
	for _, tt := range tests {
		if got := stripBotMentions(tt.in, "42"); got != tt.want {
			t.Errorf("stripBotMentions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStreamPreview(t *testing.T) {
	long := strings.Repeat("a", 3000)
	tests := []struct{ in, want string }{
		{"The answer is", "The answer is …"},
		{"@everyone hi", "@\u200beveryone hi …"},
	}
	for _, tt := range tests {
		if got := streamPreview(tt.in); got != tt.want {
			t.Errorf("streamPreview(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := utf8.RuneCountInString(streamPreview(long)); n != MessageRunes {
		t.Errorf("long preview = %d runes, want %d", n, MessageRunes)
	}
}

func TestRedirectTransport(t *testing.T) {
	var got []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.RequestURI())
	}))
	defer ts.Close()
	for _, origin := range []string{ts.URL, ts.URL + "/proxy/"} {
		u, err := parseAPIURL(origin)
		if err != nil {
			t.Fatal(err)
		}
		c := &http.Client{Transport: redirectTransport{base: http.DefaultTransport, origin: u}}
		resp, err := c.Get(discordgo.EndpointGateway + "?x=1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	host := strings.TrimPrefix(ts.URL, "http://")
	want := []string{host + " /api/v" + discordgo.APIVersion + "/gateway?x=1", host + " /proxy/api/v" + discordgo.APIVersion + "/gateway?x=1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("requests = %q, want %q", got, want)
	}
	if discordgo.EndpointAPI != "https://discord.com/api/v"+discordgo.APIVersion+"/" {
		t.Fatalf("discordgo's endpoints were modified: %s", discordgo.EndpointAPI)
	}
}

func TestClassifyGatewayError(t *testing.T) {
	tests := []struct {
		err  error
		want error
	}{
		{&websocket.CloseError{Code: 4004}, ErrBadToken},
		{fmt.Errorf("open: %w", &websocket.CloseError{Code: 4014}), ErrGatewayRejected},
		{&websocket.CloseError{Code: 4000}, nil},
		{&websocket.CloseError{Code: 1006}, nil},
		{errors.New("dial tcp: connection refused"), nil},
	}
	for _, tt := range tests {
		got := classifyGatewayError(tt.err)
		if (tt.want == nil) != (got == nil) || (tt.want != nil && !errors.Is(got, tt.want)) {
			t.Errorf("classifyGatewayError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestBotAuthorization(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "Bot abc"},
		{" Bot abc \n", "Bot abc"},
		{"", ""},
		{"Bot", ""},
		{"Bot ", ""},
	}
	for _, tt := range tests {
		if got := botAuthorization(tt.in); got != tt.want {
			t.Errorf("botAuthorization(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
