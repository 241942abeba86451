package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// storedLexicon is the BM25 index in the index file, after the articles, so
// that a restart over an unchanged corpus decodes the postings instead of
// analysing every chunk again. Documents are the file's chunks in file
// order.
type storedLexicon struct {
	// Present is false when the file was saved without a lexicon.
	Present bool
	Docs    int
	// Postings counts all postings, to size the decoded slab.
	Postings int
	Terms    []string
	// Lists holds, for each of Terms in order, a uvarint count and then
	// that many (document, tf) pairs as uvarints; documents ascend and all
	// but the first are stored as the gap from the previous one.
	Lists []byte
	// Words and WordTerms are the surface words whose stem differs from
	// them (for spelling correction): word i stems to Terms[WordTerms[i]].
	Words     []string
	WordTerms []uint32
	// Copies is the wire-copy table (nil in files saved before it was
	// stored; it is then recomputed).
	Copies *storedCopies
}

// stored encodes the index for the file. It is only meaningful for an index
// without replaced documents (as Open builds), whose document indexes are
// the chunks' positions.
func (b *BM25) stored() storedLexicon {
	terms := make([]string, 0, len(b.post))
	for t := range b.post {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	idx := make(map[string]uint32, len(terms))
	sl := storedLexicon{Present: true, Docs: len(b.ids), Terms: terms}
	var buf []byte
	for i, t := range terms {
		idx[t] = uint32(i)
		ps := b.post[t]
		sl.Postings += len(ps)
		buf = binary.AppendUvarint(buf, uint64(len(ps)))
		prev := int32(0)
		for _, p := range ps {
			buf = binary.AppendUvarint(buf, uint64(p.doc-prev))
			buf = binary.AppendUvarint(buf, uint64(p.tf))
			prev = p.doc
		}
	}
	sl.Lists = buf
	words := make([]string, 0, len(b.surface))
	for w, t := range b.surface {
		if _, ok := idx[t]; ok && w != t {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	sl.Words = words
	sl.WordTerms = make([]uint32, len(words))
	for i, w := range words {
		sl.WordTerms[i] = idx[b.surface[w]]
	}
	return sl
}

// bm25FromStored decodes a stored lexicon over documents named ids (the
// chunks in file order). Anything inconsistent is an error; the caller
// rebuilds from the text.
func bm25FromStored(sl storedLexicon, ids []string) (*BM25, error) {
	if !sl.Present {
		return nil, errors.New("no lexicon")
	}
	if sl.Docs != len(ids) {
		return nil, fmt.Errorf("lexicon covers %d chunks, file has %d", sl.Docs, len(ids))
	}
	// Every posting takes at least two bytes: refuse counts that cannot be.
	if sl.Postings < 0 || sl.Postings > len(sl.Lists)/2 || len(sl.WordTerms) != len(sl.Words) {
		return nil, fmt.Errorf("lexicon sizes do not match (%d postings in %d bytes)", sl.Postings, len(sl.Lists))
	}
	b := NewBM25()
	b.ids = ids
	b.docLen = make([]int, len(ids))
	b.byID = make(map[string]int, len(ids))
	for i, id := range ids {
		b.byID[id] = i
	}
	b.live = len(ids)
	b.post = make(map[string][]posting, len(sl.Terms))
	slab := make([]posting, sl.Postings)
	data := sl.Lists
	next := func() (uint64, error) {
		v, n := binary.Uvarint(data)
		if n <= 0 {
			return 0, errors.New("lexicon postings truncated")
		}
		data = data[n:]
		return v, nil
	}
	used := 0
	for _, t := range sl.Terms {
		count, err := next()
		if err != nil {
			return nil, err
		}
		if t == "" || count == 0 || count > uint64(len(slab)-used) {
			return nil, fmt.Errorf("lexicon term %q: bad posting count %d", t, count)
		}
		if _, dup := b.post[t]; dup {
			return nil, fmt.Errorf("lexicon term %q appears twice", t)
		}
		ps := slab[used : used+int(count) : used+int(count)]
		used += int(count)
		doc := uint64(0)
		for j := range ps {
			gap, err := next()
			if err != nil {
				return nil, err
			}
			tf, err := next()
			if err != nil {
				return nil, err
			}
			doc += gap
			if (j > 0 && gap == 0) || doc >= uint64(len(ids)) || tf == 0 || tf > 1<<30 {
				return nil, fmt.Errorf("lexicon term %q: bad posting (document %d, tf %d)", t, doc, tf)
			}
			ps[j] = posting{doc: int32(doc), tf: int32(tf)}
			b.docLen[doc] += int(tf)
			b.sumLen += int(tf)
		}
		b.post[t] = ps
		b.fuzzy.add(t, t)
	}
	if used != len(slab) || len(data) != 0 {
		return nil, errors.New("lexicon postings do not add up")
	}
	for i, w := range sl.Words {
		ti := sl.WordTerms[i]
		if int(ti) >= len(sl.Terms) || w == "" {
			return nil, fmt.Errorf("lexicon word %q: bad term", w)
		}
		t := sl.Terms[ti]
		b.surface[w] = t
		b.fuzzy.add(w, t)
	}
	return b, nil
}
