package discord

import (
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/bot"
)

// A runaway 40 KB answer (21 messages before) is cut to maxAnswerMessages
// messages, the last saying so and still carrying the note; the sources
// still follow.
func TestLongAnswerTruncated(t *testing.T) {
	a := answer.Answer{
		Question: "q", Answered: true, Mode: answer.ModeGenerative, Note: "a note",
		Text:      strings.Repeat("The talks went on and on in Istanbul [1]. ", 1000), // about 42 KB
		Citations: []answer.Citation{{N: 1, Source: "a.txt", Title: "Talks", Quote: "They talked."}},
	}
	msgs := renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, 0)
	text := 0
	for _, m := range msgs {
		if m.Content != "" {
			text++
		}
		if n := utf8.RuneCountInString(m.Content); n > MessageRunes {
			t.Errorf("a message of %d runes, over Discord's %d", n, MessageRunes)
		}
	}
	if text != maxAnswerMessages {
		t.Fatalf("%d text messages, want %d", text, maxAnswerMessages)
	}
	last := msgs[maxAnswerMessages-1].Content
	if !strings.Contains(last, textTruncated) || !strings.HasSuffix(strings.TrimSpace(last), "*a note*") {
		t.Errorf("last text message ends %q, want the truncation mark then the note", last[max(0, len(last)-80):])
	}
	if msgs[len(msgs)-1].Embeds == nil {
		t.Error("the sources embed is gone")
	}

	// A short answer is untouched.
	a.Text = "The talks went on [1]."
	msgs = renderDiscord(bot.Reply{Kind: bot.ReplyAnswer, Answer: &a}, 0)
	if len(msgs) != 1 || strings.Contains(msgs[0].Content, textTruncated) {
		t.Errorf("short answer rendered as %d messages: %q", len(msgs), msgs[0].Content)
	}
}
