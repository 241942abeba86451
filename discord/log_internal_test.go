package discord

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"footnote/answer"
	"footnote/bot"
)

func TestLogTurnRecordsClaimCheck(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	a := &answer.Answer{Mode: answer.ModeGenerative, Answered: true, Check: &answer.CheckStats{Checked: 3, Moved: 1, Dropped: 2, Unsupported: 1}}
	logTurn(logger, "interaction_id", bot.Turn{ID: "i1"}, "g", "c", time.Now(), bot.Reply{Kind: bot.ReplyAnswer, Answer: a}, nil)
	for _, want := range []string{"claims_checked=3", "claims_moved=1", "claims_dropped=2", "claims_unsupported=1"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log line %q lacks %s", buf.String(), want)
		}
	}
}
