package extractive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"footnote/answer"
	"footnote/lexicon"
	"footnote/retrieval"
)

// maxResolveDepth bounds how far back a chain of follow-ups is resolved.
const maxResolveDepth = 3

// reSubstitution matches a follow-up that swaps one thing of the previous
// question for another: "And Russia's?", "What about the Russian side?".
var reSubstitution = regexp.MustCompile(`(?i)^\s*(?:and|what about|how about|what of|same for)\s+(.+?)[\s?.!]*$`)

// resolveFollowUp turns a follow-up into something that can be answered on
// its own. A swap ("And Russia's?" after "Who led Ukraine's delegation?")
// becomes the previous question with its name replaced ("Who led Russia's
// delegation?"). Any other elliptical question ("Where were they held?")
// keeps its words and returns the previous question as a link, whose terms
// keep the answer on the conversation's topic. A question that stands on
// its own is returned as it is.
func resolveFollowUp(q string, history []string, lex wordKnowledge) (resolved string, links []string) {
	return resolveDepth(q, history, maxResolveDepth, lex)
}

func resolveDepth(q string, history []string, depth int, lex wordKnowledge) (string, []string) {
	q = strings.TrimSpace(q)
	prev, earlier := lastQuestion(history)
	if prev == "" || depth == 0 || !leansBack(q, lex) {
		return q, nil
	}
	prevResolved, prevLinks := resolveDepth(prev, earlier, depth-1, lex)
	if m := reSubstitution.FindStringSubmatch(q); m != nil && len(strings.Fields(m[1])) <= 4 {
		// A swap puts a name for a name ("And Russia's?"). A follow-up
		// about something of another shape ("What about the Turkish foreign
		// minister?") is a new question about it: its own words, no links.
		repl := substitute(m[1], lex)
		if !allCapitalised(repl) {
			return q, nil
		}
		if swapped, ok := swapName(prevResolved, repl); ok {
			return swapped, prevLinks
		}
	}
	return q, append(prevLinks, prevResolved)
}

// leansBack reports whether q needs the conversation to be understood:
// leansOnHistory, or a demonstrative standing for a whole earlier question
// ("when was that decided?", "why was this done?") — one that follows an
// auxiliary or ends the question, so "who said that the talks failed?"
// stands on its own.
func leansBack(q string, lex wordKnowledge) bool {
	return answer.LeansOnHistory(q) || refersToEvent(retrieval.Words(q), lex)
}

// refersToEvent reports whether a demonstrative in words stands for a
// whole earlier question, an event: it follows an auxiliary or ends the
// question ("when was that decided?").
func refersToEvent(words []string, lex wordKnowledge) bool {
	for i, w := range words {
		if !lexicon.IsSingularDemonstrative(w) {
			continue
		}
		if i == len(words)-1 || (i > 0 && lexicon.IsAuxiliary(words[i-1])) {
			return true
		}
	}
	return false
}

// substitute trims the new thing of a swap follow-up to what replaces the
// previous question's name: "for the US" → "US", "the Russian one" →
// "Russian". The preposition and article belong to the sentence frame, and
// "one" stands for the previous question's noun, which the swap keeps.
func substitute(phrase string, lex wordKnowledge) string {
	fields := strings.Fields(strings.TrimRightFunc(phrase, unicode.IsPunct))
	for len(fields) > 1 && lexicon.IsStopword(strings.ToLower(fields[0])) {
		fields = fields[1:]
	}
	if n := len(fields); n > 1 {
		if lexicon.IsProForm(strings.ToLower(fields[n-1])) {
			fields = fields[:n-1]
		}
	}
	return strings.Join(fields, " ")
}

// allCapitalised reports whether every word of s starts with a capital
// letter or a digit: s is a name ("Russia's", "US", "Russian").
func allCapitalised(s string) bool {
	fields := strings.Fields(s)
	for _, f := range fields {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return len(fields) > 0
}

// lastQuestion returns the latest non-empty question of history and the
// history before it.
func lastQuestion(history []string) (string, []string) {
	for i := len(history) - 1; i >= 0; i-- {
		if h := strings.TrimSpace(history[i]); h != "" {
			return h, history[:i]
		}
	}
	return "", nil
}

// swapName replaces the first name in q (a run of capitalised words after
// the first word) with repl.
func swapName(q, repl string) (string, bool) {
	start, end := -1, -1
	for i, f := range fieldSpans(q) {
		word := q[f[0]:f[1]]
		r, _ := utf8.DecodeRuneInString(word)
		capital := i > 0 && unicode.IsUpper(r)
		switch {
		case capital && start < 0:
			start, end = f[0], f[1]
		case capital && end == f[0]-1:
			end = f[1]
		case start >= 0:
			return q[:start] + trimTrailingPunct(repl) + trimmedTail(q[start:end]) + q[end:], true
		}
	}
	if start < 0 {
		return "", false
	}
	return q[:start] + trimTrailingPunct(repl) + trimmedTail(q[start:end]) + q[end:], true
}

// trimmedTail returns the punctuation a replaced name ended with ("," or
// "?"), so it survives the swap.
func trimmedTail(name string) string {
	return name[len(strings.TrimRightFunc(name, unicode.IsPunct)):]
}

func trimTrailingPunct(s string) string {
	return strings.TrimRightFunc(strings.TrimSpace(s), unicode.IsPunct)
}

// fieldSpans returns the byte spans of the space-separated fields of s.
func fieldSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}
