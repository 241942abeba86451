package discord

import "strings"

// zwsp is a zero-width space: invisible, but it stops Discord from seeing a
// mention.
const zwsp = "\u200b"

// Escape neutralises mention syntax in text that came from users, the corpus
// or the model: "@everyone", "@here" and "<@…>" user, "<@!…>" nickname and
// "<@&…>" role mentions get a zero-width space after the "@". This is
// defence in depth: the Discord adapter also sends allowed_mentions, but an
// escaped reply cannot ping anyone even if that setting is lost. Escape is
// idempotent and leaves other text, such as e-mail addresses, alone.
func Escape(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '@' && needsBreak(s, i) {
			b.WriteString(zwsp)
		}
	}
	return b.String()
}

// needsBreak reports whether the "@" at s[i] starts a mention.
func needsBreak(s string, i int) bool {
	if strings.HasPrefix(s[i+1:], zwsp) {
		return false // already escaped
	}
	if i > 0 && s[i-1] == '<' {
		return true
	}
	rest := s[i+1:]
	for _, word := range []string{"everyone", "here"} {
		if len(rest) >= len(word) && strings.EqualFold(rest[:len(word)], word) {
			return true
		}
	}
	return false
}
