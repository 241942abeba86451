package generative

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"footnote/answer"
	"footnote/retrieval"
)

// Unsupported says what happens to a claim no passage supports.
type Unsupported int

// What to do with unsupported claims. The zero value marks them.
const (
	// UnsupportedMark keeps the claim, without markers, followed by
	// [NotInSources].
	UnsupportedMark Unsupported = iota
	// UnsupportedDrop removes the claim from the answer.
	UnsupportedDrop
	// UnsupportedKeep keeps the claim as written, without markers.
	UnsupportedKeep
)

// NotInSources is the note an unsupported claim is marked with.
const NotInSources = "(not in the sources)"

// ParseUnsupported reads "mark", "drop" or "keep" ("" is mark).
func ParseUnsupported(s string) (Unsupported, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "mark":
		return UnsupportedMark, nil
	case "drop":
		return UnsupportedDrop, nil
	case "keep":
		return UnsupportedKeep, nil
	}
	return 0, fmt.Errorf("unsupported-claim policy %q: want mark, drop or keep", s)
}

// String returns the policy's name.
func (u Unsupported) String() string {
	switch u {
	case UnsupportedDrop:
		return "drop"
	case UnsupportedKeep:
		return "keep"
	}
	return "mark"
}

// maxQuote caps a citation's quote, in bytes.
const maxQuote = 240

// piece is a run of answer text: a claim, or the text between claims.
type piece struct {
	literal string // text between claims (blanks, list bullets)
	claim   *claim
}

// claim is one checkable statement of a reply.
type claim struct {
	lead    string // words before markers that open the claim ("According to ")
	body    string // the claim's words up to where its markers stood
	tail    string // what follows the markers in the same clause ("." etc.)
	markers []int  // passage numbers (1-based) the model cited
	// After checking:
	passages  []int // passage numbers that support it, in marker order
	supported bool
	checked   bool
	sentence  retrieval.Span // supporting sentence in passages[0]'s text
}

// text is the claim without markers, as checked.
func (c *claim) text() string {
	return strings.TrimSpace(c.lead + strings.TrimSpace(c.body) + c.tail)
}

// splitClaims cuts a filtered reply into pieces. text carries markers
// numbered by citation (1 = cited[0]); a claim is a sentence, or a clause
// of one that carries its own markers ("Umerov led Ukraine's [1] and
// Medinsky Russia's [2]."). Markers before any word of a sentence belong to
// the sentence before ("led it. [2]"); a clause too short to stand alone
// ("According to [2], …") joins the clause after it.
func splitClaims(ctx context.Context, text string, cited []int) ([]piece, error) {
	var out []piece
	last := 0
	var prev *claim
	for _, sp := range retrieval.Sentences(text) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if sp.Start > last {
			out = append(out, piece{literal: text[last:sp.Start]})
		}
		last = sp.End
		sent := text[sp.Start:sp.End]
		locs := citedRe.FindAllStringSubmatchIndex(sent, -1)
		var pending *claim
		from := 0
		for i := 0; i < len(locs); {
			// A group of adjacent markers.
			j := i
			var group []int
			for ; j < len(locs); j++ {
				if j > i && strings.TrimSpace(sent[locs[j-1][1]:locs[j][0]]) != "" {
					break
				}
				n, _ := strconv.Atoi(sent[locs[j][2]:locs[j][3]])
				if n >= 1 && n <= len(cited) {
					group = append(group, cited[n-1])
				}
			}
			body := sent[from:locs[i][0]]
			from = locs[j-1][1]
			i = j
			if strings.TrimSpace(body) == "" && pending == nil && prev != nil {
				prev.markers = append(prev.markers, group...)
				continue
			}
			if pending != nil {
				pending.body += body
				pending.markers = append(pending.markers, group...)
			} else {
				pending = &claim{body: body, markers: group}
			}
			if len(retrieval.Analyze(pending.body)) < minClaimTerms {
				// "According to [2], …": the words follow; the markers
				// stay where the model put them.
				pending.lead, pending.body = pending.body, ""
				continue
			}
			out = append(out, piece{claim: pending})
			prev, pending = pending, nil
		}
		rest := sent[from:]
		switch {
		case pending != nil:
			pending.body += rest
			out = append(out, piece{claim: pending})
			prev = pending
		case prev != nil && len(locs) > 0 && len(retrieval.Analyze(rest)) < minClaimTerms:
			prev.tail += rest
		case strings.TrimSpace(rest) != "":
			c := &claim{body: rest}
			out = append(out, piece{claim: c})
			prev = c
		}
	}
	if last < len(text) {
		out = append(out, piece{literal: text[last:]})
	}
	return out, nil
}

// checked is the outcome of verifying a reply.
type checked struct {
	text      string
	cited     []int // passage numbers, by citation number - 1
	quotes    map[int]retrieval.Span
	claims    []answer.Claim
	stats     answer.CheckStats
	supported int
}

// verify checks each claim of r against the passages: a claim's markers
// stay on passages that support it, move to the passage that does when the
// cited one does not, and are dropped when none does; a claim no passage
// supports is handled by policy. The quote of each citation is the
// sentence that supports the claims citing it. Its time is linear in the
// reply; it stops with ctx's error when ctx ends.
func verify(ctx context.Context, r filteredReply, passages []retrieval.Passage, m *matcher, policy Unsupported) (checked, error) {
	pieces, err := splitClaims(ctx, r.text, r.cited)
	if err != nil {
		return checked{}, err
	}
	sents := make([]*passageSentences, len(passages))
	idx := lemmaIndex{}
	for i, p := range passages {
		sents[i] = m.passage(p)
		idx.add(i, sents[i], m.lemmaCacheOf())
	}
	var out checked
	out.quotes = map[int]retrieval.Span{}
	quoteScore := map[int]float64{}
	numbers := map[int]int{} // passage → citation number
	var b textBuf
	for _, pc := range pieces {
		if err := ctx.Err(); err != nil {
			return checked{}, err
		}
		if pc.claim == nil {
			b.WriteString(pc.literal)
			continue
		}
		c := pc.claim
		ca := m.analyse(c.text())
		if !ca.checkable() {
			// Too short to check ("Yes." / a heading): shown as written.
			writeClaim(&b, c, nil, numbers, &out, false)
			continue
		}
		out.stats.Checked++
		credits := idx.credits(ca)
		best := make([]support, len(passages))
		for i := range passages {
			best[i] = sents[i].best(ca, i, credits)
		}
		var keep []int
		marked := uniq(c.markers)
		for _, pn := range marked {
			if best[pn-1].ok {
				keep = append(keep, pn)
			}
		}
		switch {
		case len(keep) > 0:
			out.stats.Dropped += len(marked) - len(keep)
		case bestPassage(best) >= 0:
			// Moved to (or, for a claim the model left bare, put on) the
			// passage that states it.
			keep = []int{bestPassage(best) + 1}
			out.stats.Moved++
		default:
			out.stats.Dropped += len(marked)
		}
		c.checked = true
		if len(keep) == 0 {
			out.stats.Unsupported++
			switch policy {
			case UnsupportedDrop:
				out.claims = append(out.claims, answer.Claim{Text: c.text(), Citations: []int{}})
				trimDropped(&b)
				continue
			case UnsupportedMark:
				markUnsupported(c)
			}
			writeClaim(&b, c, nil, numbers, &out, false)
			continue
		}
		out.supported++
		c.supported = true
		for _, pn := range keep {
			if s := best[pn-1]; s.score > quoteScore[pn] || quoteScore[pn] == 0 {
				quoteScore[pn] = s.score
				out.quotes[pn] = s.span
			}
		}
		writeClaim(&b, c, keep, numbers, &out, true)
		cl := &out.claims[len(out.claims)-1]
		cl.Quote = passages[keep[0]-1].Text[best[keep[0]-1].span.Start:best[keep[0]-1].span.End]
	}
	out.text = strings.TrimSpace(b.String())
	return out, nil
}

// writeClaim writes c with markers for the passages keep, numbering new
// citations in order of first use, and records the claim.
func writeClaim(b *textBuf, c *claim, keep []int, numbers map[int]int, out *checked, supported bool) {
	cl := answer.Claim{Text: c.text(), Citations: []int{}, Supported: supported}
	var marks strings.Builder
	for _, pn := range keep {
		n, ok := numbers[pn]
		if !ok {
			out.cited = append(out.cited, pn)
			n = len(out.cited)
			numbers[pn] = n
		}
		cl.Citations = append(cl.Citations, n)
		fmt.Fprintf(&marks, "[%d]", n)
	}
	lead, body, tail := c.lead, c.body, c.tail
	if marks.Len() == 0 && tail != "" {
		body = strings.TrimRight(body, " \t")
	}
	if marks.Len() > 0 {
		switch {
		case lead != "":
			lead = strings.TrimRight(lead, " \t") + " " + marks.String()
		default:
			if tail == "" && len(c.markers) == 0 {
				// A claim the model left bare: the marker goes before its
				// closing punctuation.
				trimmed := strings.TrimRight(body, " \t")
				cut := len(strings.TrimRight(trimmed, ".!?;:"))
				body, tail = trimmed[:cut], trimmed[cut:]+body[len(trimmed):]
			}
			body = strings.TrimRight(body, " \t") + " " + marks.String()
		}
	}
	b.WriteString(lead)
	b.WriteString(body)
	b.WriteString(tail)
	if c.checked || supported {
		out.claims = append(out.claims, cl)
	}
}

// textBuf is the answer being written. Unlike a strings.Builder it can
// drop trailing blanks in place, so dropping a claim costs the blanks it
// leaves, not a copy of everything before it (which made a long reply
// full of dropped claims quadratic).
type textBuf struct{ b []byte }

// WriteString appends s.
func (t *textBuf) WriteString(s string) { t.b = append(t.b, s...) }

// String returns the text so far.
func (t *textBuf) String() string { return string(t.b) }

// trimDropped removes the blanks a dropped claim leaves at the end of b.
func trimDropped(b *textBuf) {
	n := len(b.b)
	for n > 0 && (b.b[n-1] == ' ' || b.b[n-1] == '\t') {
		n--
	}
	b.b = b.b[:n]
	if n > 0 && b.b[n-1] != '\n' {
		b.b = append(b.b, ' ')
	}
}

// bestPassage returns the index of the passage whose support is best, or
// -1 when none supports.
func bestPassage(s []support) int {
	bi := -1
	for i, x := range s {
		if x.ok && (bi < 0 || x.score > s[bi].score) {
			bi = i
		}
	}
	return bi
}

// uniq returns xs without repeats, in order.
func uniq(xs []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// markUnsupported adds NotInSources to c, before its closing punctuation.
func markUnsupported(c *claim) {
	body := strings.TrimRight(c.body, " \t")
	if c.tail == "" {
		cut := len(strings.TrimRight(body, ".!?;:"))
		c.body, c.tail = body[:cut], body[cut:]
		body = c.body
	}
	c.body = body + " " + NotInSources
}
