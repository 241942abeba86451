package retrieval

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strings"

	"footnote/corpus"
)

// articleHash fingerprints what an article's chunks depend on: its cleaned
// text, title, date and URL, and the chunking options. Equal hashes let Open reuse
// the stored chunks without chunking the article again.
func articleHash(a corpus.Article, opt ChunkOptions) []byte {
	return ArticleHash(a, opt)
}

// ArticleHash is the content hash a store compares to decide whether an
// article must be chunked and embedded again: SHA-256 over its title, date,
// cleaned text and the chunking options.
func ArticleHash(a corpus.Article, opt ChunkOptions) []byte {
	opt = opt.withDefaults()
	h := sha256.New()
	writeField(h, a.Title)
	writeField(h, a.Date)
	writeField(h, a.Text)
	if a.URL != "" {
		// Only when set, so indexes of articles without URLs stay valid.
		writeField(h, "url:"+a.URL)
	}
	writeInt(h, opt.MaxChars)
	writeInt(h, opt.Overlap)
	return h.Sum(nil)
}

// chunkerFingerprint hashes the chunks ChunkArticle cuts from a fixed probe
// article. Stored chunks are reused wholesale only while it is unchanged, so
// a new chunking algorithm (new spans or IDs) re-chunks every article
// instead of serving stale chunks; their vectors are still reused by text.
func chunkerFingerprint(opt ChunkOptions) string {
	h := sha256.New()
	for _, c := range ChunkArticle(probeArticle(), opt) {
		writeField(h, c.ID)
		writeField(h, c.Text)
		writeInt(h, c.Start)
		writeInt(h, c.End)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// probeArticle is a fixed article of several paragraphs with sentences of
// varied length, long enough to be cut into a few chunks at the defaults.
func probeArticle() corpus.Article {
	sentences := []string{
		"The delegations met in Istanbul on Friday for the first direct talks in three years.",
		"Officials said the meeting lasted less than two hours.",
		"A spokesman described the atmosphere as businesslike, though neither side expected a breakthrough.",
		"Prisoner exchanges were discussed.",
		"Observers from several countries, including Turkey and the United States, followed the talks closely and issued statements afterwards.",
		"Dr. Smith, a U.N. adviser, noted that 1,000 prisoners could be exchanged by mid-June.",
	}
	var paras []string
	for p := range 6 {
		var b strings.Builder
		for i := range 4 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentences[(p+i*5)%len(sentences)])
		}
		paras = append(paras, b.String())
	}
	text := "Talks in Istanbul\n\n" + strings.Join(paras, "\n\n")
	return corpus.Article{Source: "probe.txt", Title: "Talks in Istanbul", Text: text, Size: int64(len(text))}
}

// writeField writes a length-prefixed string so that field boundaries
// cannot shift between hashes ("ab"+"c" vs "a"+"bc").
func writeField(h hash.Hash, s string) {
	writeInt(h, len(s))
	h.Write([]byte(s))
}

func writeInt(h hash.Hash, n int) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(n))
	h.Write(buf[:])
}
