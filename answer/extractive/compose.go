package extractive

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"footnote/answer"
	"footnote/lexicon"
)

// maxQuoteBytes trims citation quotes.
const maxQuoteBytes = 300

// block is the engine's decision for one part of a question.
type block struct {
	sc    *scored
	ok    bool
	conf  float64
	picks []*candidate
	// tied is set when the ranker could not tell the first two picks
	// apart (Model.Best): the reply quotes both, and leads with a span
	// (once) only when both give the same one.
	tied bool
}

// decide picks the sentences that answer sc's question, or none: the best
// candidate must clear the decline threshold, and a question asking for a
// specific kind of span (a name, a number, a date) is declined when the
// best sentence holds none. The runner-up joins it when the ranker rates
// the two nearly alike.
func (e *Engine) decide(sc *scored, maxSentences int) block {
	b := block{sc: sc}
	if len(sc.cands) == 0 {
		return b
	}
	a := Analysis{Question: sc.qf, Candidates: make([]Sample, len(sc.cands))}
	for i, c := range sc.cands {
		text, _, _ := evidence(c)
		a.Candidates[i] = Sample{Text: c.sent.text, Context: text, Features: c.x[:]}
	}
	bi, ri, p, ok := e.model.Decide(a)
	b.conf = p
	if !ok {
		return b
	}
	best := sc.cands[bi]
	b.ok = true
	b.picks = []*candidate{best}
	if ri >= 0 && maxSentences > 1 {
		b.picks = append(b.picks, sc.cands[ri])
		b.tied = true
		return b
	}
	order := slices.Clone(sc.cands)
	slices.SortStableFunc(order, func(a, c *candidate) int { return cmpDesc(a.logit, c.logit) })
	for _, c := range order {
		if c == best {
			continue
		}
		if len(b.picks) >= maxSentences {
			break
		}
		// A second sentence joins when the ranker rates it nearly as high
		// and it gives another span of the asked kind ("Sources differ",
		// or the second of two delegations).
		if c.logit < best.logit-0.7 || c.answer == nil || best.answer == nil {
			continue
		}
		if spanText(c) == spanText(best) || sameText(c, best) {
			continue
		}
		// Only two accounts of a figure from two articles, or the second of
		// two things the question names ("the Ukrainian and Russian
		// delegations"), earn a second sentence.
		if !(figure(sc.q.want) && c.passage.Source != best.passage.Source) && !coordinated(sc.q) {
			continue
		}
		b.picks = append(b.picks, c)
	}
	return b
}

// asksNamedDetail reports whether q asks for a detail a sentence either
// names or not: a person, a number, a date, a duration, or a "name of".
func asksNamedDetail(q *question) bool {
	switch q.want {
	case kindPerson, kindNumber, kindDate, kindDuration, kindMoney, kindPercent, kindName:
		return true
	}
	return false
}

func spanText(c *candidate) string {
	if c.answer == nil {
		return ""
	}
	return strings.ToLower(c.answerSent().text[c.answer.start:c.answer.end])
}

func sameText(a, b *candidate) bool {
	return strings.EqualFold(strings.TrimSpace(a.sent.text), strings.TrimSpace(b.sent.text))
}

// reDateline matches a news dateline that opens a sentence:
// "ISTANBUL (Reuters) – ", "KYIV, May 16 (AP) — ".
var reDateline = regexp.MustCompile(`^\p{Lu}[\p{Lu} .,'-]{1,40}(?:,[^()–—]{1,20})?(?:\s*\([^)]{1,30}\))?\s*[–—-]{1,2}\s+`)

// evidence returns what an answer shows for c: its sentence, with the
// sentence before it when c opens with a pronoun (so "She chaired the
// session" comes with who she is), minus a dateline; and its byte span in the
// article.
func evidence(c *candidate) (text string, start, end int) {
	s := c.sent
	from, to := s.start, s.end
	if c.x[fPronounLead] == 1 && c.prev != nil {
		from = c.prev.start
	}
	text = c.passage.Text[from:to]
	if m := reDateline.FindStringIndex(text); m != nil && m[1] < len(text) {
		text, from = text[m[1]:], from+m[1]
	}
	return text, c.passage.Start + from, c.passage.Start + to
}

// render writes the reply: the picks of each answered part, each led by
// its direct answer when there is one, with numbered citations; or a
// decline naming what is missing and the closest articles.
func (e *Engine) render(question string, blocks []block, first *scored) answer.Answer {
	ans := answer.Answer{Question: question, Mode: answer.ModeExtractive, Citations: []answer.Citation{}}
	var lines []string
	var missing []string
	markers := map[string]int{}
	conf := 1.0
	differ := false
	cite := func(c *candidate, text string, start, end int) int {
		key := c.passage.Source + "#" + strconv.Itoa(start)
		if n, ok := markers[key]; ok {
			return n
		}
		n := len(ans.Citations) + 1
		markers[key] = n
		from, to := quoteFocus(c, text, start)
		cite := answer.FromPassage(n, *c.passage)
		cite.Quote = answer.Excerpt(text, from, to, maxQuoteBytes)
		cite.Start, cite.End = start, end
		ans.Citations = append(ans.Citations, cite)
		return n
	}
	for _, b := range blocks {
		if !b.ok {
			if p := declinePhrase(b.sc.q); p != "" {
				missing = append(missing, p)
			} else {
				missing = append(missing, b.sc.q.text)
			}
			continue
		}
		conf = min(conf, b.conf)
		picks := b.picks
		// Tied picks share a lead only when they give the same span, and
		// differ as sources only when each gives one and the two differ.
		sameSpan := b.tied && picks[0].answer != nil && spanText(picks[0]) == spanText(picks[1])
		spansDiffer := !b.tied || picks[0].answer != nil && picks[1].answer != nil && !sameSpan
		conflict := len(picks) > 1 && picks[0].passage.Source != picks[1].passage.Source && figure(b.sc.q.want) && spansDiffer
		if conflict {
			differ = true
			picks = newestFirst(picks)
		}
		for i, c := range picks {
			text, start, end := evidence(c)
			ms := "[" + strconv.Itoa(cite(c, text, start, end)) + "]"
			// The same sentence in another article is cited too, once.
			for _, o := range b.sc.cands {
				if o.passage.Source != c.passage.Source && sameText(o, c) {
					ot, os, oe := evidence(o)
					ms += "[" + strconv.Itoa(cite(o, ot, os, oe)) + "]"
					break
				}
			}
			line := text + " " + ms
			if !b.tied || sameSpan && i == 0 {
				line = lead(b.sc.q, c) + line
			}
			if conflict && c.passage.Date != "" {
				line = c.passage.Date + ": " + line // sources that disagree say when they wrote
			}
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		what := ""
		if len(blocks) == 1 {
			what = declinePhrase(blocks[0].sc.q)
		}
		ans.Text = answer.Decline(what, first.passages)
		ans.Confidence = 0
		if len(blocks) > 0 {
			ans.Confidence = 1 - blocks[0].conf
		}
		return ans
	}
	if differ {
		lines[0] = "Sources differ:\n" + lines[0]
	}
	for _, m := range missing {
		lines = append(lines, "No answer found for: "+m+"?")
	}
	ans.Answered = true
	ans.Confidence = conf
	ans.Text = strings.Join(lines, "\n")
	return ans
}

// quoteFocus returns the byte span of text (which starts at article offset
// start) that a shortened quote must keep: from the first to the last
// matched word or answer span of the sentence.
func quoteFocus(c *candidate, text string, start int) (int, int) {
	lo, hi := len(text), 0
	add := func(s *sentence, a, b int) {
		off := c.passage.Start + s.start - start // the sentence's offset within text
		a, b = a+off, b+off
		if a >= 0 && b <= len(text) && a < b {
			lo, hi = min(lo, a), max(hi, b)
		}
	}
	for _, i := range c.matched {
		add(c.sent, c.sent.toks[i].start, c.sent.toks[i].end)
	}
	if c.answer != nil {
		add(c.answerSent(), c.answer.start, c.answer.end)
	}
	if lo >= hi {
		return 0, min(len(text), maxQuoteBytes)
	}
	return lo, hi
}

// lead is what opens an answer line: the direct answer in bold when the
// sentence holds a strongly typed span of the asked kind, "Yes" or "No"
// when the evidence states the polarity a yes/no question asks about, or
// nothing.
func lead(q *question, c *candidate) string {
	switch {
	case q.want.specific() && c.answer != nil && c.x[fTypeStrong] == 1 && !c.noLead:
		from, to := c.answerFrom, c.answer.end
		return "**" + strings.TrimSpace(c.answerSent().text[from:to]) + "** — "
	case q.want == kindYesNo && c.x[fCovExact] >= 0.85 && c.x[fAntonym] == 0:
		if c.x[fNegMismatch] == 1 {
			return "No — "
		}
		return "Yes — "
	}
	return ""
}

// splitParts cuts a question that asks several things ("who chaired the
// talks and how long did they last?") at "and" or a question mark followed
// by a question word; other questions are one part.
func splitParts(q string, lex wordKnowledge) []string {
	toks := tokenize(q, lex)
	var parts []string
	from := 0
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].norm != "and" || !lexicon.IsQuestionWord(toks[i+1].norm) {
			continue
		}
		part := strings.TrimRight(strings.TrimSpace(q[from:toks[i].start]), " ,;")
		if part != "" {
			parts = append(parts, part)
		}
		from = toks[i+1].start
	}
	if rest := strings.TrimSpace(q[from:]); rest != "" {
		parts = append(parts, rest)
	}
	if len(parts) == 0 {
		return []string{q}
	}
	if len(parts) > 3 {
		return []string{q}
	}
	return parts
}

// figure reports whether k is a figure, for which two articles giving two
// values disagree (two names may both be right).
func figure(k kind) bool {
	switch k {
	case kindNumber, kindDate, kindDuration, kindMoney, kindPercent:
		return true
	}
	return false
}

// newestFirst orders the sentences of a part whose sources disagree by
// their articles' dates, newest first (undated last, ties as ranked), so
// the reader sees the latest report first.
func newestFirst(picks []*candidate) []*candidate {
	out := slices.Clone(picks)
	slices.SortStableFunc(out, func(a, b *candidate) int { return strings.Compare(b.passage.Date, a.passage.Date) })
	return out
}

// coordinated reports whether q joins two things with "and" ("who led the
// Ukrainian and Russian delegations?"), so two sentences may answer it.
func coordinated(q *question) bool {
	for i := 1; i+1 < len(q.toks); i++ {
		if q.toks[i].norm == "and" && !q.toks[i-1].stop && !q.toks[i+1].stop {
			return true
		}
	}
	return false
}
