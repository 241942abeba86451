package generative

import (
	"regexp"
	"strconv"
	"strings"

	"footnote/prompts"
)

// markerRe matches a citation marker and the blanks before it: [2], [1, 3],
// [1;3], [2-4]. The blanks go with the marker so that dropping a bogus one
// leaves "led it." rather than "led it .".
var markerRe = regexp.MustCompile(`[ \t]*\[\s*\d{1,3}(?:\s*[,;\-–]\s*\d{1,3})*\s*\]`)

// openMarkerRe matches the end of a stream that may still grow into a marker.
var openMarkerRe = regexp.MustCompile(`\[[\d\s,;\-–]*$`)

// maxOpenMarker is the longest unfinished marker held back while streaming.
const maxOpenMarker = 24

// maxRange is the widest [a-b] range expanded into citations.
const maxRange = 10

// replyFilter turns the model's raw reply into answer text: it keeps
// markers of passages that exist (renumbered 1, 2, … in order of first
// use), drops the others, holds back a NoAnswer reply, and stops streaming
// when the reply starts repeating the system prompt. The same filter
// processes a streamed and a whole reply, so what was streamed is exactly
// the start of the final text.
type replyFilter struct {
	passages int
	numbers  map[int]int // passage number → citation number
	cited    []int       // passage numbers, by citation number - 1
	guard    *leakGuard
	onDelta  func(string)

	raw     strings.Builder
	done    int // bytes of raw already rewritten into out
	out     strings.Builder
	emitted int // bytes of out already streamed
	started bool
	decline bool
	leaked  bool
}

// filteredReply is the outcome of a reply.
type filteredReply struct {
	text     string
	cited    []int // passage numbers (1-based), by citation number - 1
	declined bool  // the model said the passages do not answer
	leaked   bool  // the reply repeated the system prompt
}

// newReplyFilter returns a filter for a reply over n passages that streams
// to onDelta when it is set.
func newReplyFilter(n int, guard *leakGuard, onDelta func(string)) *replyFilter {
	return &replyFilter{passages: n, numbers: map[int]int{}, guard: guard, onDelta: onDelta}
}

// streamer is the delta callback to give the chat model: nil when the
// caller does not stream, so the model is not asked to.
func (f *replyFilter) streamer() func(string) {
	if f.onDelta == nil {
		return nil
	}
	return f.write
}

// write takes the next piece of a streamed reply.
func (f *replyFilter) write(delta string) {
	f.raw.WriteString(delta)
	if f.guard.feed(delta) {
		f.leaked = true
	}
	f.rewrite(false)
	f.emit()
}

// final finishes the filter with the whole reply and returns the outcome.
// A reply that was not streamed (or differs from what was) is processed
// from scratch.
func (f *replyFilter) final(reply string) filteredReply {
	if f.raw.String() != reply {
		*f = *newReplyFilter(f.passages, f.guard.reset(), nil)
		f.write(reply)
	}
	f.rewrite(true)
	text := strings.TrimSpace(f.out.String())
	r := filteredReply{text: text, cited: f.cited, leaked: f.leaked}
	raw := f.raw.String()
	r.declined = startsWithNoAnswer(raw) ||
		len(f.cited) == 0 && (strings.Contains(raw, prompts.NoAnswer) || saysNotInPassages(raw))
	return r
}

// rewrite moves raw text into out with its markers rewritten, holding back
// a tail that may still become a marker unless this is the end.
func (f *replyFilter) rewrite(end bool) {
	raw := f.raw.String()
	cut := len(raw)
	if !end {
		cut = safeCut(raw, f.done)
	}
	// The sentinel never belongs in an answer, even after other text.
	seg := strings.ReplaceAll(raw[f.done:cut], prompts.NoAnswer, "")
	f.out.WriteString(markerRe.ReplaceAllStringFunc(seg, f.marker))
	f.done = cut
}

// safeCut is how far raw can be rewritten now: not into an unfinished
// marker or NoAnswer sentinel, nor into trailing blanks a dropped marker
// may yet swallow.
func safeCut(raw string, from int) int {
	cut := len(raw)
	if loc := openMarkerRe.FindStringIndex(raw[from:]); loc != nil && len(raw)-from-loc[0] <= maxOpenMarker {
		cut = from + loc[0]
	}
	for k := min(len(prompts.NoAnswer)-1, cut-from); k > 0; k-- {
		if strings.HasSuffix(raw[:cut], prompts.NoAnswer[:k]) {
			cut -= k
			break
		}
	}
	for cut > from && (raw[cut-1] == ' ' || raw[cut-1] == '\t') {
		cut--
	}
	return cut
}

// marker rewrites one matched marker: valid passages become [n][m] in
// citation numbers, the rest disappear.
func (f *replyFilter) marker(m string) string {
	lead := m[:len(m)-len(strings.TrimLeft(m, " \t"))]
	var b strings.Builder
	seen := map[int]bool{}
	for _, n := range markerNumbers(m) {
		if n < 1 || n > f.passages {
			continue // a passage the model was never shown
		}
		c, ok := f.numbers[n]
		if !ok {
			f.cited = append(f.cited, n)
			c = len(f.cited)
			f.numbers[n] = c
		}
		if !seen[c] {
			seen[c] = true
			b.WriteString("[" + strconv.Itoa(c) + "]")
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return lead + b.String()
}

// markerNumbersRe finds the numbers and range dashes inside a marker.
var markerNumbersRe = regexp.MustCompile(`\d+|[-–]`)

// markerNumbers lists the passage numbers of a marker, expanding short
// ranges ("[2-4]" → 2, 3, 4).
func markerNumbers(m string) []int {
	var out []int
	tokens := markerNumbersRe.FindAllString(m, -1)
	for i := 0; i < len(tokens); i++ {
		n, err := strconv.Atoi(tokens[i])
		if err != nil {
			continue
		}
		out = append(out, n)
		if i+2 < len(tokens) && (tokens[i+1] == "-" || tokens[i+1] == "–") {
			hi, err := strconv.Atoi(tokens[i+2])
			if err == nil && hi > n && hi-n <= maxRange {
				for k := n + 1; k <= hi; k++ {
					out = append(out, k)
				}
				i += 2
			}
		}
	}
	return out
}

// emit streams the rewritten text not yet streamed, once the reply is
// known not to be a NoAnswer and as long as it has not leaked.
func (f *replyFilter) emit() {
	if f.onDelta == nil || f.leaked || f.decline {
		return
	}
	if !f.started {
		head := trimNoAnswerNoise(f.raw.String())
		switch {
		case head == "":
			return
		case startsWithNoAnswer(head):
			f.decline = true
			return
		case len(head) < len(prompts.NoAnswer) && strings.HasPrefix(strings.ToLower(prompts.NoAnswer), strings.ToLower(head)):
			return // it may still turn out to be the NoAnswer sentinel
		}
		f.started = true
	}
	// Trailing white space waits: the final text is trimmed, and the
	// stream must always be a prefix of it.
	out := strings.TrimRight(f.out.String(), " \t\r\n")
	if f.emitted >= len(out) {
		return
	}
	text := out[f.emitted:]
	if f.emitted == 0 {
		text = strings.TrimLeft(text, " \t\r\n")
	}
	f.emitted = len(out)
	if text != "" {
		f.onDelta(text)
	}
}

// trimNoAnswerNoise strips what a model may put around the sentinel.
func trimNoAnswerNoise(s string) string {
	return strings.TrimLeft(s, " \t\r\n*_\"'`")
}

// startsWithNoAnswer reports whether s opens with the NoAnswer sentinel.
func startsWithNoAnswer(s string) bool {
	s = trimNoAnswerNoise(s)
	return len(s) >= len(prompts.NoAnswer) && strings.EqualFold(s[:len(prompts.NoAnswer)], prompts.NoAnswer)
}

// notInPassagesRes match a model saying in its own words that the passages
// do not hold the answer.
var notInPassagesRes = []*regexp.Regexp{
	regexp.MustCompile(`\b(passages?|articles?|sources?|context|documents?|texts?|provided (?:text|information))\b[^.]{0,60}?\b(?:do|does|did)\s*(?:not|n't)\s+(?:say|contain|mention|include|provide|state|specify|address|discuss|give|cover|answer)`),
	regexp.MustCompile(`\bnot (?:mentioned|stated|specified|covered|included|provided|found|given) in the (?:passages?|articles?|sources?|context|documents?)`),
	regexp.MustCompile(`\b(?:no|not enough) (?:information|mention|details?)\b[^.]{0,40}?\b(?:passages?|articles?|sources?|context|documents?)`),
	regexp.MustCompile(`\b(?:cannot|can't|can ?not|unable to) (?:find|determine|answer)\b[^.]{0,40}?\b(?:passages?|articles?|sources?|context|documents?)`),
}

// saysNotInPassages reports whether s declines in plain words.
func saysNotInPassages(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	for _, re := range notInPassagesRes {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
