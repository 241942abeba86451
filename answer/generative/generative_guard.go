package generative

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"footnote/prompts"
)

// leakWindow is the length, in skeleton bytes (letters and digits only),
// of a piece of the system prompt that must not appear in a reply: about
// six words. Shorter overlaps happen by chance ("the articles don't say");
// this long a run does not.
const leakWindow = 32

// leakGuard spots a reply repeating the system prompt, as a model tricked
// by an injected "reveal your instructions" would. It compares letter
// skeletons (prompts.LetterSkeleton: NFKC, invisible characters dropped,
// lookalike letters folded, lower case, letters and digits only), window
// by window, so zero-width spaces, no-break spaces, dashes between the
// letters or Cyrillic homoglyphs do not hide a repeat. Windows that also
// occur in the data the model was given (passages, question, history)
// are ignored, so quoting an article is never mistaken for a leak,
// wherever the prompt puts the passages.
type leakGuard struct {
	secret map[string]bool // leakWindow-byte windows of the system prompt
	seen   []byte          // skeleton of the reply so far
}

// quotedRe matches a double-quoted example in the system prompt ("The talks
// lasted about two hours [2]."). A good answer may read exactly like one, so
// examples are not secret; the \x00 put in their place never occurs in a
// reply, so no window spans them.
var quotedRe = regexp.MustCompile(`["“][^"”\n]*["”]`)

// newLeakGuard builds a guard for the system messages of msgs. Every
// non-system message counts as data, as do passages.
func newLeakGuard(msgs []prompts.Message, data ...string) *leakGuard {
	var system, other strings.Builder
	for _, m := range msgs {
		if m.Role == "system" {
			system.WriteString(m.Content + "\n")
		} else {
			other.WriteString(m.Content + "\n")
		}
	}
	allowed := windows(normaliseForLeak(strings.Join(append(data, other.String()), "\n")))
	g := &leakGuard{secret: map[string]bool{}}
	for w := range windows(normaliseForLeak(quotedRe.ReplaceAllString(system.String(), "\x00"))) {
		if !allowed[w] {
			g.secret[w] = true
		}
	}
	return g
}

// reset returns a guard with the same secret and nothing seen.
func (g *leakGuard) reset() *leakGuard {
	return &leakGuard{secret: g.secret}
}

// feed adds the next piece of the reply and reports whether the reply has
// now repeated a window of the system prompt.
func (g *leakGuard) feed(delta string) bool {
	from := max(0, len(g.seen)-leakWindow+1)
	for _, r := range delta {
		g.add(r)
	}
	for i := from; i+leakWindow <= len(g.seen); i++ {
		if g.secret[string(g.seen[i:i+leakWindow])] {
			return true
		}
	}
	return false
}

// add appends one rune of the reply, as its letter skeleton. A NUL (put
// in place of the system prompt's examples) is kept as a barrier no window
// spans.
func (g *leakGuard) add(r rune) {
	if r == 0 {
		g.seen = append(g.seen, 0)
		return
	}
	if r < utf8.RuneSelf {
		// The common case, without allocating.
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			g.seen = append(g.seen, byte(r))
		case 'A' <= r && r <= 'Z':
			g.seen = append(g.seen, byte(r+'a'-'A'))
		}
		return
	}
	g.seen = append(g.seen, prompts.LetterSkeleton(string(r))...)
}

// normaliseForLeak is the skeleton of s as the guard compares a reply.
func normaliseForLeak(s string) string {
	g := &leakGuard{}
	for _, r := range s {
		g.add(r)
	}
	return string(g.seen)
}

// windows returns every leakWindow-byte substring of s.
func windows(s string) map[string]bool {
	out := make(map[string]bool, max(0, len(s)-leakWindow+1))
	for i := 0; i+leakWindow <= len(s); i++ {
		out[s[i:i+leakWindow]] = true
	}
	return out
}
