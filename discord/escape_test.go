package discord_test

import (
	"strings"
	"testing"

	"footnote/discord"
)

func TestEscape(t *testing.T) {
	const z = "\u200b"
	tests := []struct {
		name, in, want string
	}{
		{"plain", "no mentions here", "no mentions here"},
		{"everyone", "hi @everyone!", "hi @" + z + "everyone!"},
		{"here", "@here look", "@" + z + "here look"},
		{"case-insensitive", "@EveryOne", "@" + z + "EveryOne"},
		{"user", "ping <@123>", "ping <@" + z + "123>"},
		{"nickname", "<@!123>", "<@" + z + "!123>"},
		{"role", "<@&456> now", "<@" + z + "&456> now"},
		{"email untouched", "mail a@example.com", "mail a@example.com"},
		{"lone at", "meet @ noon", "meet @ noon"},
		{"handle untouched", "@alice said", "@alice said"},
		{"several", "@here <@1> @everyone", "@" + z + "here <@" + z + "1> @" + z + "everyone"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := discord.Escape(tt.in)
			if got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := discord.Escape(got); again != got {
				t.Errorf("Escape is not idempotent: %q → %q", got, again)
			}
			if strings.ReplaceAll(got, z, "") != tt.in {
				t.Errorf("Escape changed more than zero-width spaces: %q", got)
			}
		})
	}
}
