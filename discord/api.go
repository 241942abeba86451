package discord

import "github.com/bwmarrin/discordgo"

// interactionAPI is what answering an interaction needs from discordgo.
type interactionAPI interface {
	InteractionRespond(i *discordgo.Interaction, r *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(i *discordgo.Interaction, e *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseDelete(i *discordgo.Interaction, options ...discordgo.RequestOption) error
	FollowupMessageCreate(i *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// messageAPI is what answering a channel message needs from discordgo:
// sending and editing (a streamed answer grows in one message), typing,
// and threads for answers to mentions.
type messageAPI interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageEditComplex(m *discordgo.MessageEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelTyping(channelID string, options ...discordgo.RequestOption) error
	MessageThreadStartComplex(channelID, messageID string, data *discordgo.ThreadStart, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	Channel(channelID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
}

// commandAPI is what registering slash commands needs from discordgo.
type commandAPI interface {
	ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
}

// discordAPI is every REST call the adapter makes.
type discordAPI interface {
	interactionAPI
	messageAPI
	commandAPI
	User(userID string, options ...discordgo.RequestOption) (*discordgo.User, error)
}

// registerAPI is what registering commands from the HTTP interactions
// endpoint needs: it may have to look up the application ID first.
type registerAPI interface {
	commandAPI
	Application(appID string) (*discordgo.Application, error)
}

var (
	_ discordAPI  = (*discordgo.Session)(nil)
	_ registerAPI = (*discordgo.Session)(nil)
)
