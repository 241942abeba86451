package haystack

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
)

// DefaultDocBytes is the mean article size when [Options.DocBytes] is zero:
// about that of a wire story, and of the default articles.
const DefaultDocBytes = 4700

// minDocBytes keeps articles at least a lead and a few paragraphs long.
const minDocBytes = 400

// Options says how much haystack to generate. Exactly one of Docs and
// Bytes must be set.
type Options struct {
	// Seed selects the haystack; the same seed gives the same articles.
	Seed uint64
	// Docs is the number of articles.
	Docs int
	// Bytes generates articles until their total size reaches it.
	Bytes int64
	// DocBytes is the mean article size; sizes vary from half of it to one
	// and a half times it. 0 means [DefaultDocBytes].
	DocBytes int
}

// Doc is one generated article file.
type Doc struct {
	// Name is the file name, unique within a haystack ("h00042_1f3a9c0e.txt").
	Name string
	// Topic is the beat the article covers ("labour", "sport", ...).
	Topic string
	// Text is the file content in the default articles' format: a leading
	// " date YYYY-MM-DD" marker, then paragraphs separated by blank lines.
	Text string
}

// Generate returns the articles the options describe, in order. It fails
// only on invalid options.
func Generate(opts Options) (iter.Seq[Doc], error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return func(yield func(Doc) bool) {
		var total int64
		for i := 0; opts.more(i, total); i++ {
			d := generateDoc(opts, i)
			total += int64(len(d.Text))
			if !yield(d) {
				return
			}
		}
	}, nil
}

func (o Options) withDefaults() (Options, error) {
	switch {
	case o.Docs < 0 || o.Bytes < 0 || o.DocBytes < 0:
		return o, fmt.Errorf("haystack: negative size (docs %d, bytes %d, doc bytes %d)", o.Docs, o.Bytes, o.DocBytes)
	case o.Docs == 0 && o.Bytes == 0:
		return o, errors.New("haystack: set Docs or Bytes")
	case o.Docs > 0 && o.Bytes > 0:
		return o, errors.New("haystack: set Docs or Bytes, not both")
	case o.DocBytes > 0 && o.DocBytes < minDocBytes:
		return o, fmt.Errorf("haystack: doc bytes %d is below the minimum %d", o.DocBytes, minDocBytes)
	}
	if o.DocBytes == 0 {
		o.DocBytes = DefaultDocBytes
	}
	return o, nil
}

// more reports whether article i is still wanted after total bytes.
func (o Options) more(i int, total int64) bool {
	if o.Docs > 0 {
		return i < o.Docs
	}
	return total < o.Bytes
}

// generateDoc builds article i. Its generator is seeded by (seed, i) alone,
// so article i is the same whatever the size of the haystack.
func generateDoc(opts Options, i int) Doc {
	rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
	name := fmt.Sprintf("h%05d_%08x.txt", i, rng.Uint32())
	target := opts.DocBytes/2 + rng.IntN(opts.DocBytes+1)
	a := newArticle(rng)
	return Doc{Name: name, Topic: a.topic.name, Text: a.write(target)}
}

// write lays the article out: the date marker and the lead, then
// paragraphs of one to three sentences drawn without repetition from the
// topic's body, the shared pool, a few distractors and quotes, until the text
// reaches target bytes or the sentences run out.
func (a *article) write(target int) string {
	var b strings.Builder
	b.Grow(target + 512)
	b.WriteString(" date ")
	b.WriteString(a.date.Format("2006-01-02"))
	b.WriteByte(' ')
	b.WriteString(a.fill(pick(a.rng, a.topic.leads)))
	pool := a.sentencePool()
	for len(pool) > 0 && b.Len() < target {
		b.WriteString("\n\n")
		n := min(1+a.rng.IntN(3), len(pool))
		for j, s := range pool[:n] {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(a.fill(s))
		}
		pool = pool[n:]
	}
	b.WriteByte('\n')
	return b.String()
}

// sentencePool shuffles the templates one article may use.
func (a *article) sentencePool() []string {
	pool := make([]string, 0, len(a.topic.body)+len(shared)+len(distractors)+len(quotes))
	pool = append(pool, a.topic.body...)
	pool = append(pool, shared...)
	for _, k := range a.rng.Perm(len(distractors))[:a.rng.IntN(4)] {
		pool = append(pool, distractors[k])
	}
	for _, k := range a.rng.Perm(len(quotes))[:2+a.rng.IntN(4)] {
		pool = append(pool, "“"+quotes[k]+",” "+pick(a.rng, attributions)+".")
	}
	a.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool
}
