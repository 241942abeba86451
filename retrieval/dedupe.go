package retrieval

import (
	"slices"
	"strings"
	"sync/atomic"

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

// paraSpan is one signed paragraph of an article: its byte range in the
// article's cleaned text.
type paraSpan struct{ start, end int }

// dupInfo is what Retrieve needs to collapse one chunk's copies.
type dupInfo struct {
	// groups are the near-duplicate groups of the chunk's paragraphs that
	// other articles share, sorted.
	groups []int
	// alsoIn lists the other articles that repeat most of the chunk, in
	// corpus order. Each repeats at least dupCover of the chunk through
	// groups of at most maxCopies articles, so there are fewer than
	// maxCopies/dupCover of them, however often a paragraph recurs in the
	// corpus: the table grows with the chunks, not with the copies.
	alsoIn []string
}

// paraGroups signs the paragraphs of articles' cleaned texts, in corpus
// order, and groups them as they come (see neardup.Grouper): paras[i]
// lists article i's signed paragraphs and groups the group of every one,
// over all articles in order. Only the groups' leaders keep a signature.
type paraGroups struct {
	o       neardup.Options
	grouper *neardup.Grouper
	paras   [][]paraSpan
	groups  []int
}

func newParaGroups(o neardup.Options) *paraGroups {
	return &paraGroups{o: o, grouper: o.NewGrouper()}
}

// add signs and groups the next article's paragraphs.
func (p *paraGroups) add(text string) { p.addSigned(signArticle(text, p.o.NewSigner())) }

// signedArticle is an article's signed paragraphs and their signatures.
type signedArticle struct {
	spans []paraSpan
	sigs  []neardup.Signature
}

// signArticle signs the paragraphs of an article's cleaned text.
func signArticle(text string, o *neardup.Signer) signedArticle {
	var sa signedArticle
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if sig := o.Sign(text[start:end]); sig != nil {
			sa.spans = append(sa.spans, paraSpan{start: start, end: end})
			sa.sigs = append(sa.sigs, sig)
		}
		start = end + 2
	}
	return sa
}

// addSigned groups the next article's signed paragraphs.
func (p *paraGroups) addSigned(sa signedArticle) {
	for _, sig := range sa.sigs {
		p.groups = append(p.groups, p.grouper.Add(sig))
	}
	p.paras = append(p.paras, sa.spans)
}

// copySigner runs paraGroups on goroutines of its own, one signing
// articles and one grouping their paragraphs, so that both overlap
// chunking, analysing and embedding the next articles. Texts go in with
// add, in corpus order; wait returns the result once all are done. stop
// ends it early; both may be called more than once.
type copySigner struct {
	in     chan string
	done   chan struct{}
	closed bool
	quit   atomic.Bool
	pg     *paraGroups
}

// copySignerDepth is how many articles the builder may run ahead of the
// signer.
const copySignerDepth = 64

func startCopySigner(o neardup.Options) *copySigner {
	s := &copySigner{in: make(chan string, copySignerDepth), done: make(chan struct{}), pg: newParaGroups(o)}
	signed := make(chan signedArticle, copySignerDepth)
	go func() {
		defer close(signed)
		sg := o.NewSigner()
		for text := range s.in {
			if !s.quit.Load() {
				signed <- signArticle(text, sg)
			}
		}
	}()
	go func() {
		defer close(s.done)
		for sa := range signed {
			if !s.quit.Load() {
				s.pg.addSigned(sa)
			}
		}
	}()
	return s
}

// add queues the next article's text. Not safe for concurrent use.
func (s *copySigner) add(text string) { s.in <- text }

// wait waits until every text added is signed and grouped.
func (s *copySigner) wait() *paraGroups {
	if !s.closed {
		s.closed = true
		close(s.in)
	}
	<-s.done
	// The groups are final: the leaders' signatures and the band table
	// can go before the index is assembled and saved.
	s.pg.grouper = nil
	return s.pg
}

// stop discards the texts not signed yet and waits for the goroutine.
func (s *copySigner) stop() {
	s.quit.Store(true)
	s.wait()
}

// findCopies returns dupInfo for every chunk that shares a paragraph group
// with another article, by chunk ID; pg holds the paragraph groups of
// arts, in order.
func findCopies(arts []articleState, recs []*record, pg *paraGroups) map[string]*dupInfo {
	if pg == nil || pg.o.Threshold > 1 {
		return nil
	}
	groups := pg.groups
	// A group is shared when it spans two articles.
	shared := map[int][]int{} // group → articles holding it, in order
	k := 0
	for ai, spans := range pg.paras {
		for range spans {
			g := groups[k]
			if holders := shared[g]; len(holders) == 0 || holders[len(holders)-1] != ai {
				shared[g] = append(holders, ai)
			}
			k++
		}
	}
	for g, holders := range shared {
		if len(holders) < 2 || len(holders) > maxCopies {
			delete(shared, g) // alone, or stock text, not a reprinted story
		}
	}
	if len(shared) == 0 {
		return nil
	}
	cover := &coverCount{bytes: make([]int, len(arts))}
	copyOf := articleCopies(pg, shared, cover)
	out := map[string]*dupInfo{}
	k = 0
	for ai := range arts {
		a := &arts[ai]
		spans := pg.paras[ai]
		paraGroups := groups[k : k+len(spans)]
		k += len(spans)
		for _, r := range recs[a.first : a.first+a.info.Chunks] {
			if d := chunkCopies(r.Chunk, spans, paraGroups, shared, ai, arts, copyOf, cover); d != nil {
				out[r.ID] = d
			}
		}
	}
	return out
}

// coverCount counts, per article, the bytes of one chunk or article it
// repeats: dense over articles (a paragraph group can span dozens of
// them, where a map per chunk was most of findCopies), reset through
// touched.
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
// share a stock paragraph or two are not copies. Each article's shared
// bytes are counted in cover (scratch space), so only the pairs that
// qualify are kept.
func articleCopies(pg *paraGroups, shared map[int][]int, cover *coverCount) map[[2]int]bool {
	out := map[[2]int]bool{}
	k := 0
	for ai, spans := range pg.paras {
		total := 0
		for _, p := range spans {
			total += p.end - p.start
			for _, other := range shared[pg.groups[k]] {
				if other != ai {
					cover.add(other, p.end-p.start)
				}
			}
			k++
		}
		for _, other := range cover.touched {
			if float64(cover.bytes[other]) >= dupArticleCover*float64(total) {
				out[[2]int{min(ai, other), max(ai, other)}] = true
			}
		}
		cover.reset()
	}
	return out
}

// chunkCopies works out which other articles, among the copies of its own
// (copyOf), repeat most of chunk c; cover is scratch space.
func chunkCopies(c Chunk, paras []paraSpan, groups []int, shared map[int][]int, self int, arts []articleState, copyOf map[[2]int]bool, cover *coverCount) *dupInfo {
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
