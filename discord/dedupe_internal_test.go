package discord

import (
	"bytes"
	"fmt"
	"footnote/bot"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestDedupe(t *testing.T) {
	d := newDedupe(2)
	if !d.first("a") || d.first("a") {
		t.Fatal(`"a" should be new once, then a duplicate`)
	}
	for range 2 {
		if !d.first("") {
			t.Error("an empty ID is never a duplicate")
		}
	}
	d.first("b")
	d.first("c") // forgets "a", the oldest
	if d.first("c") {
		t.Error(`recent ID "c" reported new twice`)
	}
	if !d.first("a") {
		t.Error(`"a" should have been forgotten (size 2) and be new again`)
	}
}

func TestDedupeConcurrent(t *testing.T) {
	d := newDedupe(DefaultDedupeSize)
	for i := range 50 {
		id := fmt.Sprintf("m%d", i)
		var firsts atomic.Int32
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if d.first(id) {
					firsts.Add(1)
				}
			})
		}
		wg.Wait()
		if n := firsts.Load(); n != 1 {
			t.Fatalf("ID %s was first %d times, want 1", id, n)
		}
	}
}

func TestGuardRecoversAndLogsOnce(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	func() {
		defer guard(log, "message_id", "m1")
		panic("boom")
	}()
	out := buf.String()
	if strings.Count(out, "discord handler panicked") != 1 || !strings.Contains(out, "message_id=m1") || !strings.Contains(out, "boom") {
		t.Errorf("log = %q, want one line naming the message and the panic", out)
	}
}

func TestSourcesPageOption(t *testing.T) {
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, ChannelID: "c",
		User: &discordgo.User{ID: "u"}, Data: discordgo.ApplicationCommandInteractionData{Name: "sources",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "page", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(3)}}}}
	turn, ok := interactionTurn(i)
	if !ok || turn.Input.Command != bot.CmdSources || turn.Input.Page != 3 {
		t.Errorf("turn = %+v, %v; want /sources page 3", turn, ok)
	}
}

func TestTruncateRunesAtWord(t *testing.T) {
	got := truncateRunes(strings.Repeat("word ", 60), 256)
	if utf8.RuneCountInString(got) > 256 || !strings.HasSuffix(got, "word…") {
		t.Errorf("truncateRunes = %q", got)
	}
}
