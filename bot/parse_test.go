package bot_test

import (
	"reflect"
	"testing"

	"footnote/bot"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want bot.Input
	}{
		{"/ask Who won?", bot.Input{Command: bot.CmdAsk, Question: "Who won?"}},
		{"  /ASK   Who won?  ", bot.Input{Command: bot.CmdAsk, Question: "Who won?"}},
		{"/Ask\nmultiline\nquestion", bot.Input{Command: bot.CmdAsk, Question: "multiline\nquestion"}},
		{"/ask", bot.Input{Command: bot.CmdAsk}},
		{"/ask   ", bot.Input{Command: bot.CmdAsk}},
		{"/sources", bot.Input{Command: bot.CmdSources}},
		{"/Sources ferry", bot.Input{Command: bot.CmdSources, Query: "ferry"}},
		{"/help", bot.Input{Command: bot.CmdHelp}},
		{" /HELP ", bot.Input{Command: bot.CmdHelp}},
		{"/foo bar", bot.Input{Command: bot.CmdUnknown, Question: "/foo"}},
		{"/asked something", bot.Input{Command: bot.CmdUnknown, Question: "/asked"}},
		{"Who won the vote?", bot.Input{Command: bot.CmdAsk, Question: "Who won the vote?"}},
		{"  spaced question  ", bot.Input{Command: bot.CmdAsk, Question: "spaced question"}},
		{"", bot.Input{Command: bot.CmdAsk}},
		{"   ", bot.Input{Command: bot.CmdAsk}},
		{"/ 2 + 2", bot.Input{Command: bot.CmdAsk, Question: "/ 2 + 2"}},
		{"/usr/bin is where?", bot.Input{Command: bot.CmdAsk, Question: "/usr/bin is where?"}},
		{"/ask?", bot.Input{Command: bot.CmdAsk, Question: "/ask?"}},
		{"/2024 results", bot.Input{Command: bot.CmdAsk, Question: "/2024 results"}},
		{"ask who won", bot.Input{Command: bot.CmdAsk, Question: "ask who won"}},
		{"/ask /help", bot.Input{Command: bot.CmdAsk, Question: "/help"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := bot.Parse(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripMention(t *testing.T) {
	tests := []struct {
		name, in, botID, want string
	}{
		{"user mention", "<@123> who won?", "123", "who won?"},
		{"nickname mention", "<@!123>   /ask who won?", "123", "/ask who won?"},
		{"leading space", "  <@123>\nwho won?", "123", "who won?"},
		{"no space after mention", "<@123>who won?", "123", "who won?"},
		{"other user kept", "<@456> who won?", "123", "<@456> who won?"},
		{"mention not leading", "who won <@123>?", "123", "who won <@123>?"},
		{"only mention", "<@123>", "123", ""},
		{"empty bot id strips nothing", "<@123> hi", "", "<@123> hi"},
		{"prefix id is not the bot", "<@1234> hi", "123", "<@1234> hi"},
		{"role mention kept", "<@&123> hi", "123", "<@&123> hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bot.StripMention(tt.in, tt.botID); got != tt.want {
				t.Errorf("StripMention(%q, %q) = %q, want %q", tt.in, tt.botID, got, tt.want)
			}
		})
	}
}
