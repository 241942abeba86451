package discord

import (
	"cmp"
	"log/slog"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"footnote/bot"
	"footnote/corpus"
)

// AskMessageCommand is the name of the message context-menu command
// (right-click a message → Apps → Ask footnote).
const AskMessageCommand = "Ask footnote"

// maxChoiceRunes is Discord's limit on an autocomplete choice's name and
// value.
const maxChoiceRunes = 100

// autocomplete answers an autocomplete interaction for /ask's source:
// option with up to 25 articles whose file or title holds what the user
// typed, newest first when dated.
func autocomplete(core *bot.Core, i *discordgo.Interaction) *discordgo.InteractionResponse {
	typed := ""
	for _, o := range i.ApplicationCommandData().Options {
		if o != nil && o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, a := range matchingSources(core.Sources(), typed) {
		if len(choices) == 25 {
			break
		}
		if utf8.RuneCountInString(a.Source) > maxChoiceRunes {
			continue // cannot be a choice value; the source: option cannot name it
		}
		name := a.Source
		if a.Title != "" {
			name += " — " + a.Title
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncateRunes(name, maxChoiceRunes), Value: a.Source})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// matchingSources returns the articles whose file or title holds typed
// (case-insensitive), newest first, then by file.
func matchingSources(all []corpus.Article, typed string) []corpus.Article {
	out := bot.FilterSources(all, typed)
	sortNewestFirst(out)
	return out
}

// sortNewestFirst orders articles by date, newest first (undated last),
// then by file.
func sortNewestFirst(as []corpus.Article) {
	slices.SortStableFunc(as, func(a, b corpus.Article) int {
		if c := cmp.Compare(b.Date, a.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.Source, b.Source)
	})
}

// logClick writes the log line of a button click.
func (d *Gateway) logClick(i *discordgo.Interaction, start time.Time, err error) {
	logClick(d.log, i, start, err)
}

func logClick(logger *slog.Logger, i *discordgo.Interaction, start time.Time, err error) {
	attrs := []any{"interaction_id", i.ID, "user_id", interactionUserID(i), "guild_id", i.GuildID, "channel_id", i.ChannelID,
		"latency_ms", time.Since(start).Milliseconds()}
	if err != nil {
		logger.Warn("discord click", append(attrs, "err", redact(err, i.Token))...)
		return
	}
	logger.Info("discord click", attrs...)
}
