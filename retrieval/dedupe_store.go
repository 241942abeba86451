package retrieval

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"

	"footnote/neardup"
)

// storedCopies is the wire-copy table (see dedupe.go) in the index file,
// beside the lexicon, so that a restart over an unchanged corpus neither
// signs every paragraph again nor regroups them. Chunks are positions in
// the file's chunk order, articles positions in its article order.
type storedCopies struct {
	// Fingerprint is copiesFingerprint of the options the table was made
	// with; another one means the table is stale.
	Fingerprint string
	// Chunks lists the chunks that have copies, ascending. For chunk i,
	// GroupCounts[i] groups follow in Groups and AlsoCounts[i] articles in
	// AlsoIn.
	Chunks                  []uint32
	GroupCounts, AlsoCounts []uint32
	Groups                  []int64
	AlsoIn                  []uint32
}

// copiesFingerprint identifies the duplicate detection: the options and
// the signature neardup gives a fixed probe, which changes when its
// algorithm does.
func copiesFingerprint(o neardup.Options) string {
	h := sha256.New()
	var buf [8]byte
	// copiesAlgorithm versions the grouping rules above the signatures
	// (leaders, whole-article cover, stock-text cap).
	const copiesAlgorithm = 2
	binary.LittleEndian.PutUint64(buf[:], copiesAlgorithm)
	h.Write(buf[:])
	binary.LittleEndian.PutUint64(buf[:], math.Float64bits(o.Threshold))
	h.Write(buf[:])
	binary.LittleEndian.PutUint64(buf[:], uint64(o.Shingle))
	h.Write(buf[:])
	for _, x := range o.Sign(probeArticle().Text) {
		binary.LittleEndian.PutUint64(buf[:], x)
		h.Write(buf[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// storeCopies encodes the copy table of an index whose chunks are recs and
// articles arts.
func storeCopies(dups map[string]*dupInfo, recs []*record, arts []articleState, o neardup.Options) *storedCopies {
	sc := &storedCopies{Fingerprint: copiesFingerprint(o)}
	if len(dups) == 0 {
		return sc
	}
	artIndex := make(map[string]uint32, len(arts))
	for i, a := range arts {
		artIndex[a.info.Source] = uint32(i)
	}
	for i, r := range recs {
		d := dups[r.ID]
		if d == nil {
			continue
		}
		sc.Chunks = append(sc.Chunks, uint32(i))
		sc.GroupCounts = append(sc.GroupCounts, uint32(len(d.groups)))
		for _, g := range d.groups {
			sc.Groups = append(sc.Groups, int64(g))
		}
		sc.AlsoCounts = append(sc.AlsoCounts, uint32(len(d.alsoIn)))
		for _, src := range d.alsoIn {
			sc.AlsoIn = append(sc.AlsoIn, artIndex[src])
		}
	}
	return sc
}

// copiesFromStored decodes a copy table over recs and arts (the file's
// chunks and articles, in order). Anything inconsistent is an error; the
// caller recomputes the table.
func copiesFromStored(sc *storedCopies, recs []*record, arts []articleState, o neardup.Options) (map[string]*dupInfo, error) {
	switch {
	case sc == nil:
		return nil, errors.New("no copy table")
	case sc.Fingerprint != copiesFingerprint(o):
		return nil, errors.New("made with other duplicate options")
	case len(sc.GroupCounts) != len(sc.Chunks) || len(sc.AlsoCounts) != len(sc.Chunks):
		return nil, errors.New("copy table counts do not match")
	}
	out := make(map[string]*dupInfo, len(sc.Chunks))
	groups, also := sc.Groups, sc.AlsoIn
	prev := -1
	for i, pos := range sc.Chunks {
		ng, na := int(sc.GroupCounts[i]), int(sc.AlsoCounts[i])
		if int(pos) <= prev || int(pos) >= len(recs) || ng == 0 || na == 0 || ng > len(groups) || na > len(also) {
			return nil, fmt.Errorf("copy table entry %d is bad (chunk %d, %d groups, %d articles)", i, pos, ng, na)
		}
		prev = int(pos)
		d := &dupInfo{groups: make([]int, ng), alsoIn: make([]string, na)}
		for j, g := range groups[:ng] {
			d.groups[j] = int(g)
		}
		for j, a := range also[:na] {
			if int(a) >= len(arts) {
				return nil, fmt.Errorf("copy table entry %d names article %d of %d", i, a, len(arts))
			}
			d.alsoIn[j] = arts[a].info.Source
		}
		if !slices.IsSorted(d.groups) {
			return nil, fmt.Errorf("copy table entry %d: groups out of order", i)
		}
		groups, also = groups[ng:], also[na:]
		out[recs[pos].ID] = d
	}
	if len(groups) != 0 || len(also) != 0 {
		return nil, errors.New("copy table has trailing entries")
	}
	return out, nil
}
