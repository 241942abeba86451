package extractive

import (
	"strings"
	"sync"

	prose "github.com/jdkato/prose/v2"
)

// tagger runs prose's part-of-speech tagger and named-entity model. The
// model takes about 0.2 s to load, so it is loaded once, on first use, and
// calls are serialised because prose's models are not documented as safe
// for concurrent use.
type tagger struct {
	once  sync.Once
	model *prose.Model
	mu    sync.Mutex
}

func (t *tagger) load() *prose.Model {
	t.once.Do(func() {
		doc, err := prose.NewDocument("", prose.WithSegmentation(false))
		if err == nil {
			t.model = doc.Model
		}
	})
	return t.model
}

// taggedToken is one token as prose sees it.
type taggedToken struct {
	text, tag string
}

// tag returns text's tokens with their Penn Treebank tags and its named
// entities, each with prose's label (PERSON, GPE, ORGANIZATION, …).
func (t *tagger) tag(text string, entities bool) ([]taggedToken, []prose.Entity) {
	m := t.load()
	if m == nil {
		return nil, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(entities), prose.UsingModel(m))
	if err != nil {
		return nil, nil
	}
	var toks []taggedToken
	for _, tk := range doc.Tokens() {
		toks = append(toks, taggedToken{text: tk.Text, tag: tk.Tag})
	}
	return toks, doc.Entities()
}

// nerKind maps prose's entity labels onto kinds.
func nerKind(label string) kind {
	switch label {
	case "PERSON":
		return kindPerson
	case "GPE", "FACILITY", "LOCATION", "LOC":
		return kindPlace
	case "ORGANIZATION", "ORG":
		return kindOrg
	}
	return kindName
}

// tagNames runs the NER model over s (once) and keeps its names in
// s.names, plus the capitalised runs the model left untyped. The caller holds the
// cache lock for s.
func (t *tagger) tagNames(s *sentence) {
	if s.nerDone {
		return
	}
	s.nerDone = true
	_, ents := t.tag(s.text, true)
	covered := make([]bool, len(s.toks))
	from := 0
	for _, e := range ents {
		i := strings.Index(s.text[from:], e.Text)
		if i < 0 {
			continue
		}
		start, end := from+i, from+i+len(e.Text)
		from = end
		first, last := tokenRange(s.toks, start, end)
		if first < 0 {
			continue
		}
		k := nerKind(e.Label)
		// prose labels nationality adjectives ("Russian") GPE; a place is
		// a name, not a lowercase-led or adjectival word.
		s.names = append(s.names, entity{start: s.toks[first].start, end: s.toks[last].end, kind: k, first: first, last: last})
		for j := first; j <= last; j++ {
			covered[j] = true
		}
	}
	for _, r := range properRuns(s.toks) {
		if !covered[r.first] {
			s.names = append(s.names, r)
		}
	}
}

// tokenRange returns the first and last token of toks inside [start, end).
func tokenRange(toks []token, start, end int) (int, int) {
	first, last := -1, -1
	for i, t := range toks {
		if t.start >= start && t.end <= end {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}
