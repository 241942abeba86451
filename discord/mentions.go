package discord

import (
	"strings"

	"footnote/bot"

	"github.com/bwmarrin/discordgo"
)

// noMentions is the allowed_mentions object sent with every message, edit
// and follow-up: an explicitly EMPTY parse list, so the JSON says
// "parse":[] and Discord pings nobody, whatever the text contains. A nil
// slice would serialise as "parse":null, which Discord reads as "use the
// default" and pings everyone mentioned. RepliedUser false keeps replies
// from pinging the asker. A fresh value each call, so no caller can alter
// what the others send.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: false}
}

// mentionsUser reports whether m mentions the user with id (a real mention
// Discord resolved, not the text "@name").
func mentionsUser(m *discordgo.Message, id string) bool {
	if id == "" {
		return false
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

// stripBotMentions removes every mention of the bot from text, leading or
// not ("what did <@bot> say about X?"), so the question is what remains.
func stripBotMentions(text, botID string) string {
	text = bot.StripMention(text, botID)
	if botID == "" {
		return text
	}
	for _, m := range []string{"<@" + botID + ">", "<@!" + botID + ">"} {
		text = strings.ReplaceAll(text, m, " ")
	}
	return strings.Join(strings.Fields(text), " ")
}
