package discord_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
	"footnote/discord"
)

func TestRender(t *testing.T) {
	long := strings.Repeat("Istanbul talks ended quickly [1]. ", 150) // ~5,100 runes
	tests := []struct {
		name      string
		reply     bot.Reply
		wantMsgs  int
		contains  []string
		forbidden []string
	}{
		{"short answer", bot.Reply{Kind: bot.ReplyAnswer, Answer: &answer.Answer{
			Text: "Yes [1].", Answered: true, Citations: []answer.Citation{{N: 1, Source: "a.txt", Quote: "q"}}}},
			1, []string{"Yes [1].", "**Sources**", "`a.txt`"}, nil},
		{"long answer is split", bot.Reply{Kind: bot.ReplyAnswer, Answer: &answer.Answer{
			Text: long, Answered: true, Citations: []answer.Citation{{N: 1, Source: "a.txt", Quote: "q"}}}},
			3, []string{"**Sources**"}, nil},
		{"nil answer", bot.Reply{Kind: bot.ReplyAnswer}, 1, []string{"no answer"}, nil},
		{"sources", bot.Reply{Kind: bot.ReplySources, Sources: []corpus.Article{{Source: "a.txt", Title: "A", Size: 10}}},
			1, []string{"`a.txt`", "*A*", "10 B"}, nil},
		{"error is escaped", bot.Reply{Kind: bot.ReplyError, Text: "no @everyone"},
			1, []string{"@\u200beveryone"}, []string{"@everyone"}},
		{"help", bot.Reply{Kind: bot.ReplyHelp, Text: "use /ask"}, 1, []string{"use /ask"}, nil},
		{"empty text sends nothing", bot.Reply{Kind: bot.ReplyError, Text: "  \n "}, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := discord.Render(tt.reply)
			if len(msgs) != tt.wantMsgs {
				t.Fatalf("Render gave %d messages, want %d: %q", len(msgs), tt.wantMsgs, msgs)
			}
			all := strings.Join(msgs, "\n")
			for _, m := range msgs {
				if n := utf8.RuneCountInString(m); n > discord.MessageRunes || strings.TrimSpace(m) == "" {
					t.Errorf("bad message (%d runes): %q", n, m)
				}
			}
			for _, s := range tt.contains {
				if !strings.Contains(all, s) {
					t.Errorf("messages %q lack %q", msgs, s)
				}
			}
			for _, s := range tt.forbidden {
				if strings.Contains(all, s) {
					t.Errorf("messages %q contain %q", msgs, s)
				}
			}
		})
	}
}
