// Package peer holds simple reference answerers that footnote's engine is
// measured against in the same run (footnote eval --peer).
package peer

import (
	"context"
	"math"

	"footnote/answer"
	"footnote/corpus"
	"footnote/retrieval"
)

// BM25 parameters of the peer: the usual Okapi defaults.
const (
	k1 = 1.2
	b  = 0.75
)

// Decline is the peer's reply when no sentence shares a term with the
// question.
const Decline = "The articles don't say."

// BM25 answers with the corpus sentence that ranks first under Okapi BM25
// (sentences are the documents; retrieval's splitter and analyzer make
// them and their terms). It never declines a question that shares a term
// with some sentence. Its Confidence is s/(s+10) of the top score s: a
// monotone map of the score into [0,1) for risk–coverage curves, not a
// calibrated probability. Build it with NewBM25; it is then safe for
// concurrent use.
type BM25 struct {
	sents []sentence
	post  map[string][]posting // term → sentences holding it
	avgdl float64
}

type sentence struct {
	art        *corpus.Article
	start, end int
	length     int // number of terms
}

type posting struct{ sent, tf int }

var _ answer.Answerer = (*BM25)(nil)

// NewBM25 indexes the sentences of articles.
func NewBM25(articles []corpus.Article) *BM25 {
	p := &BM25{post: map[string][]posting{}}
	total := 0
	for i := range articles {
		art := &articles[i]
		for _, sp := range retrieval.Sentences(art.Text) {
			terms := retrieval.Analyze(art.Text[sp.Start:sp.End])
			if len(terms) == 0 {
				continue
			}
			id := len(p.sents)
			p.sents = append(p.sents, sentence{art, sp.Start, sp.End, len(terms)})
			total += len(terms)
			tf := map[string]int{}
			for _, t := range terms {
				tf[t]++
			}
			for t, n := range tf {
				p.post[t] = append(p.post[t], posting{id, n})
			}
		}
	}
	if len(p.sents) > 0 {
		p.avgdl = float64(total) / float64(len(p.sents))
	}
	return p
}

// Answer implements answer.Answerer: the top sentence, cited.
func (p *BM25) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	q, err := answer.ValidQuestion(req.Question, math.MaxInt)
	if err != nil {
		return answer.Answer{}, err
	}
	scores := map[int]float64{}
	seen := map[string]bool{}
	for _, t := range retrieval.Analyze(answer.SearchQuery(q, req.History)) {
		if seen[t] {
			continue
		}
		seen[t] = true
		post := p.post[t]
		n, df := float64(len(p.sents)), float64(len(post))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, ps := range post {
			tf, dl := float64(ps.tf), float64(p.sents[ps.sent].length)
			scores[ps.sent] += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*dl/p.avgdl))
		}
	}
	best, top := -1, 0.0
	for id, s := range scores {
		if s > top || (s == top && id < best) {
			best, top = id, s
		}
	}
	if best < 0 {
		return answer.Answer{Question: q, Text: Decline, Mode: "bm25", Citations: []answer.Citation{}}, nil
	}
	s := p.sents[best]
	quote := s.art.Text[s.start:s.end]
	return answer.Answer{
		Question: q,
		Text:     quote + " [1]",
		Answered: true,
		Citations: []answer.Citation{{
			N: 1, Source: s.art.Source, Title: s.art.Title, Quote: quote, Start: s.start, End: s.end,
		}},
		Mode:       "bm25",
		Confidence: top / (top + 10),
	}, nil
}
