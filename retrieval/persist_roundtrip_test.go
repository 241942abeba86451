package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestSnapshotRoundTrip100k saves and loads 100k chunks and checks that
// every ID, text, span and vector survives. chromem's own persistence names
// files by a 32-bit hash of the ID and loses documents at this size; ours
// must not.
func TestSnapshotRoundTrip100k(t *testing.T) {
	const (
		nArticles = 1000
		perArt    = 100
		dim       = 8
	)
	rng := rand.New(rand.NewPCG(7, 11))
	var (
		arts []articleState
		recs []*record
	)
	for a := range nArticles {
		src := fmt.Sprintf("dir/%04d.txt", a)
		st := articleState{
			info:  ArticleInfo{Source: src, Title: "Title " + strconv.Itoa(a), Date: "2025-05-16", Chunks: perArt},
			hash:  make([]byte, 32),
			first: len(recs),
		}
		st.hash[0] = byte(a)
		for c := range perArt {
			vec := make([]float32, dim)
			for i := range vec {
				vec[i] = rng.Float32()*2 - 1
			}
			recs = append(recs, &record{
				Chunk: Chunk{
					ID: src + "#" + strconv.Itoa(c), Source: src, Title: st.info.Title, Date: st.info.Date,
					Text: fmt.Sprintf("chunk %d of %s: %x", c, src, rng.Uint64()), Start: c * 10, End: c*10 + 9,
				},
				vec: vec,
			})
		}
		arts = append(arts, st)
	}
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	h := fileHeader{EmbedderKey: "test/8", Dim: dim, Chunker: "fp"}
	scan := newVecScan(dim, recs)
	lex := NewBM25()
	ids := make([]string, len(recs))
	for i, r := range recs {
		lex.AddText(r.ID, r.Text)
		ids[i] = r.ID
	}
	if err := saveSnapshot(path, h, arts, recs, scan, lex, nil); err != nil {
		t.Fatal(err)
	}
	s, err := loadSnapshot(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if s.chunks != len(recs) || len(s.articles) != nArticles || s.header.EmbedderKey != "test/8" || s.header.Dim != dim {
		t.Fatalf("loaded %d chunks in %d articles, header %+v", s.chunks, len(s.articles), s.header)
	}
	i := 0
	for ai, st := range s.articles {
		if st.info != arts[ai].info || !slices.Equal(st.hash, arts[ai].hash) {
			t.Fatalf("article %d: %+v, want %+v", ai, st.info, arts[ai].info)
		}
		for _, r := range st.recs {
			want := recs[i]
			if r.Chunk != want.Chunk || !slices.Equal(r.vec, want.vec) {
				t.Fatalf("chunk %d: %+v %v, want %+v %v", i, r.Chunk, r.vec, want.Chunk, want.vec)
			}
			if !slices.Equal(r.codes, scan.row(i)) || r.qscale != scan.scale[i] || r.qerr != scan.qerr[i] {
				t.Fatalf("chunk %d: codes %v ×%v (err %v), want %v ×%v (err %v)", i, r.codes, r.qscale, r.qerr, scan.row(i), scan.scale[i], scan.qerr[i])
			}
			i++
		}
	}
	got, err := bm25FromStored(s.lexicon, ids)
	if err != nil {
		t.Fatalf("lexicon: %v", err)
	}
	for _, q := range [][]string{{"chunk"}, Analyze(recs[12345].Text)} {
		if a, b := got.Search(q, 10), lex.Search(q, 10); !slices.Equal(a, b) {
			t.Errorf("decoded lexicon ranks %v as %v, want %v", q, a, b)
		}
	}
}
