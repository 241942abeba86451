package retrieval

import (
	"context"
	"errors"
)

// savePartial keeps the work of an Open that ctx interrupted (Ctrl-C
// during "footnote index"): it saves an index file of the articles whose
// chunks were all embedded, plus the stored articles the walk had not
// reached yet, so the next Open embeds only the rest. It does nothing for
// an in-memory index or when nothing new was embedded.
func (b *builder) savePartial() {
	if b.path == "" || b.progress.Embedded == 0 {
		return
	}
	var arts []articleState
	var recs []*record
	ids := make(map[string]*record)
	keep := func(st articleState, rs []*record) {
		for _, r := range rs {
			if r.vec == nil || ids[r.ID] != nil {
				return
			}
		}
		st.first = len(recs)
		st.text = ""
		arts = append(arts, st)
		for _, r := range rs {
			ids[r.ID] = r
			recs = append(recs, r)
		}
	}
	for _, a := range b.arts {
		keep(a, b.recs[a.first:a.first+a.info.Chunks])
	}
	if b.prev != nil {
		for _, st := range b.prev.articles {
			if !st.used && !b.srcs[st.info.Source] {
				keep(articleState{info: st.info, hash: st.hash}, st.recs)
			}
		}
	}
	if len(arts) == 0 {
		return
	}
	b.arts, b.recs, b.ids = arts, recs, ids
	b.bm25, b.lexDeferred, b.prevRecs = NewBM25(), false, nil
	for _, r := range recs {
		b.bm25.AddText(r.ID, r.Text)
	}
	b.changed = true
	b.opts.Dedupe.Threshold = 2 // the partial index is only saved, never searched
	if _, err := b.index(context.Background()); err == nil {
		b.opts.Notice("interrupted: saved the articles embedded so far; the next run resumes from there")
	}
}

// interrupted reports whether err comes from ctx being done.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}
