package retrieval

import (
	"slices"
	"strings"

	"footnote/neardup"
)

// Wire copies: the same agency story printed by several outlets, with
// small edits. Open signs every paragraph of every article with MinHash
// (package neardup) and groups near-duplicate paragraphs across articles.
// A chunk most of whose text is also in another article knows that
// article (dupInfo.alsoIn); Retrieve lets only the first-ranked of such
// copies take a slot and names the others in Passage.AlsoIn.

// dupCover is the share of a chunk's text, in bytes, that another article
// must repeat (as near-duplicate paragraphs) for the chunk to count as a
// copy of it.
const dupCover = 0.5

// dupArticleCover is the share of an article's signed text that another
// article must repeat for the two to count as copies of one story.
const dupArticleCover = 0.6

// maxCopies is the most articles a paragraph group may span and still
// mark copies: a story is reprinted by a few dozen outlets at most, while
// a paragraph in hundreds of articles is stock text (a disclaimer, a
// boilerplate sentence) and would make every pair of them a candidate.
const maxCopies = 64

// paraSig is one paragraph of an article being indexed, with its MinHash
// signature; signatures are dropped once the groups are known.
type paraSig struct {
	start, end int
	sig        neardup.Signature
}

// dupInfo is what Retrieve needs to collapse one chunk's copies.
type dupInfo struct {
	// groups are the near-duplicate groups of the chunk's paragraphs that
	// other articles share, sorted.
	groups []int
	// alsoIn lists the other articles that repeat most of the chunk, in
	// corpus order.
	alsoIn []string
}

// signParagraphs signs the paragraphs of an article's cleaned text.
func signParagraphs(text string, o neardup.Options) []paraSig {
	var out []paraSig
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if sig := o.Sign(text[start:end]); sig != nil {
			out = append(out, paraSig{start: start, end: end, sig: sig})
		}
		start = end + 2
	}
	return out
}

// findCopies groups the articles' paragraphs and returns dupInfo for every
// chunk that shares a paragraph group with another article, by chunk ID.
func findCopies(arts []articleState, recs []*record, o neardup.Options) map[string]*dupInfo {
	if o.Threshold > 1 {
		return nil
	}
	var sigs []neardup.Signature
	var owner []int // article index of each signature
	for ai, a := range arts {
		for _, p := range a.paras {
			sigs = append(sigs, p.sig)
			owner = append(owner, ai)
		}
	}
	groups := o.Groups(sigs)
	// A group is shared when it spans two articles.
	shared := map[int][]int{} // group → articles holding it, in order
	for i, g := range groups {
		if arts := shared[g]; len(arts) == 0 || arts[len(arts)-1] != owner[i] {
			shared[g] = append(arts, owner[i])
		}
	}
	for g, holders := range shared {
		if len(holders) > maxCopies {
			delete(shared, g) // stock text, not a reprinted story
		}
	}
	copyOf := articleCopies(arts, groups, shared)
	out := map[string]*dupInfo{}
	cover := &coverCount{bytes: make([]int, len(arts))}
	k := 0
	for ai := range arts {
		a := &arts[ai]
		paraGroups := groups[k : k+len(a.paras)]
		k += len(a.paras)
		for _, r := range recs[a.first : a.first+a.info.Chunks] {
			if d := chunkCopies(r.Chunk, a.paras, paraGroups, shared, ai, arts, copyOf, cover); d != nil {
				out[r.ID] = d
			}
		}
		a.paras = nil // the signatures are no longer needed
	}
	return out
}

// coverCount counts, per article, the bytes of one chunk it repeats: dense
// over articles (a paragraph group can span hundreds of them, where a map
// per chunk was most of findCopies), reset through touched.
type coverCount struct {
	bytes   []int
	touched []int
}

func (c *coverCount) add(article, n int) {
	if c.bytes[article] == 0 {
		c.touched = append(c.touched, article)
	}
	c.bytes[article] += n
}

func (c *coverCount) reset() {
	for _, a := range c.touched {
		c.bytes[a] = 0
	}
	c.touched = c.touched[:0]
}

// articleCopies returns the pairs of articles (lower index first) that are
// copies of one story: the paragraphs they share make up at least
// dupArticleCover of the signed text of one of them. Two stories that only
// share a stock paragraph or two are not copies.
func articleCopies(arts []articleState, groups []int, shared map[int][]int) map[[2]int]bool {
	sharedBytes := map[[2]int]int{} // (article, other) → bytes of article's paragraphs other holds too
	total := make([]int, len(arts))
	k := 0
	for ai, a := range arts {
		for _, p := range a.paras {
			total[ai] += p.end - p.start
			for _, other := range shared[groups[k]] {
				if other != ai {
					sharedBytes[[2]int{ai, other}] += p.end - p.start
				}
			}
			k++
		}
	}
	out := map[[2]int]bool{}
	for key, n := range sharedBytes {
		if float64(n) >= dupArticleCover*float64(total[key[0]]) {
			out[[2]int{min(key[0], key[1]), max(key[0], key[1])}] = true
		}
	}
	return out
}

// chunkCopies works out which other articles, among the copies of its own
// (copyOf), repeat most of chunk c; cover is scratch space.
func chunkCopies(c Chunk, paras []paraSig, groups []int, shared map[int][]int, self int, arts []articleState, copyOf map[[2]int]bool, cover *coverCount) *dupInfo {
	var d dupInfo
	defer cover.reset()
	for i, p := range paras {
		lo, hi := max(p.start, c.Start), min(p.end, c.End)
		if hi <= lo || len(shared[groups[i]]) < 2 {
			continue
		}
		d.groups = append(d.groups, groups[i])
		for _, other := range shared[groups[i]] {
			if other != self && copyOf[[2]int{min(self, other), max(self, other)}] {
				cover.add(other, hi-lo)
			}
		}
	}
	if len(d.groups) == 0 {
		return nil
	}
	// Only the articles sharing a paragraph can qualify: visit those (in
	// corpus order), not every article.
	var others []int
	for _, other := range cover.touched {
		if float64(cover.bytes[other]) >= dupCover*float64(c.End-c.Start) {
			others = append(others, other)
		}
	}
	slices.Sort(others)
	for _, other := range others {
		d.alsoIn = append(d.alsoIn, arts[other].info.Source)
	}
	if len(d.alsoIn) == 0 {
		return nil
	}
	slices.Sort(d.groups)
	return &d
}

// collapse walks the fused ranking and keeps up to k chunks, letting a
// chunk that repeats an already kept chunk of another article (they share
// a paragraph group and each names the other's article) take no slot.
// alsoIn[i] lists the articles kept[i]'s text is also in.
func (ix *Index) collapse(fused []fusedHit, k int) (kept []fusedHit, alsoIn [][]string) {
	for _, f := range fused {
		if len(kept) == k {
			break
		}
		d := ix.dups[f.id]
		if d != nil && ix.copyOfKept(f.id, d, kept) {
			continue
		}
		kept = append(kept, f)
		if d != nil {
			alsoIn = append(alsoIn, d.alsoIn)
		} else {
			alsoIn = append(alsoIn, nil)
		}
	}
	return kept, alsoIn
}

// copyOfKept reports whether chunk id (with copies d) repeats a kept chunk.
func (ix *Index) copyOfKept(id string, d *dupInfo, kept []fusedHit) bool {
	src := ix.chunks[id].Source
	for _, k := range kept {
		kd := ix.dups[k.id]
		if kd == nil {
			continue
		}
		ksrc := ix.chunks[k.id].Source
		if ksrc != src && slices.Contains(d.alsoIn, ksrc) && sharesGroup(d.groups, kd.groups) {
			return true
		}
	}
	return false
}

// sharesGroup reports whether two sorted group lists intersect.
func sharesGroup(a, b []int) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}
