package retrieval_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"footnote/corpus"
	"footnote/neardup"
	"footnote/retrieval"
)

// wireCopy returns another outlet's print of a: its own headline and
// standfirst, a few words edited, and the same paragraphs otherwise.
func wireCopy(a corpus.Article, source string) corpus.Article {
	body := a.Text[strings.Index(a.Text, "\n\n")+2:]
	body = strings.Replace(body, "on Friday", "on Friday morning", 1)
	body = strings.ReplaceAll(body, "Trump", "Donald Trump")
	text := "Peace talks to open in Istanbul\n\nThe two sides meet for the first time since 2022, our correspondent reports from the city.\n\n" + body
	return corpus.Article{Source: source, Title: "Peace talks to open in Istanbul", Text: text, Size: int64(len(text))}
}

func TestSearchCollapsesWireCopies(t *testing.T) {
	arts := defaultArticles(t)
	orig := arts[3] // the Reuters story
	arts = append(arts, wireCopy(orig, "005_copy.txt"))
	const q = "Dolmabahce Palace on the Bosphorus, face-to-face since March 2022"
	sources := func(ps []retrieval.Passage) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Source)
		}
		return out
	}

	ix := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, arts)
	ps, err := ix.Search(context.Background(), q, 4)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ps, func(p retrieval.Passage) bool {
		return (p.Source == orig.Source || p.Source == "005_copy.txt") && strings.Contains(p.Text, "Dolmabahce")
	})
	if i < 0 {
		t.Fatalf("passages %q, want the story's", sources(ps))
	}
	top := ps[i]
	other := map[string]string{orig.Source: "005_copy.txt", "005_copy.txt": orig.Source}[top.Source]
	if !slices.Equal(top.AlsoIn, []string{other}) {
		t.Errorf("passage %s: AlsoIn = %q, want [%s]", top.ID, top.AlsoIn, other)
	}
	for _, p := range ps[i+1:] {
		if p.Source == other && strings.Contains(p.Text, "Dolmabahce") {
			t.Errorf("the copy's passage %s took a slot after the original's", p.ID)
		}
	}
	if len(ps) != 4 {
		t.Errorf("got %d passages, want the 4 slots filled by other passages", len(ps))
	}

	t.Run("threshold above 1 turns it off", func(t *testing.T) {
		off := openIndex(t, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0), Dedupe: neardup.Options{Threshold: 2}}, arts)
		ps, err := off.Search(context.Background(), q, 4)
		if err != nil {
			t.Fatal(err)
		}
		got := sources(ps)
		if !slices.Contains(got, orig.Source) || !slices.Contains(got, "005_copy.txt") || ps[0].AlsoIn != nil {
			t.Errorf("passages %q (AlsoIn %q), want both copies and no AlsoIn", got, ps[0].AlsoIn)
		}
	})
	t.Run("a source filter keeps the copy", func(t *testing.T) {
		ps, err := ix.Retrieve(context.Background(), retrieval.Query{Text: q, K: 2, Sources: []string{"005_copy.txt"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 || ps[0].Source != "005_copy.txt" || !slices.Equal(ps[0].AlsoIn, []string{orig.Source}) {
			t.Errorf("passages %q, want the copy, naming the original", sources(ps))
		}
	})
	t.Run("unrelated articles are not copies", func(t *testing.T) {
		for _, q := range []string{"who led Ukraine's delegation", "prisoner exchange", "Russia demanded territorial concessions"} {
			ps, err := ix.Search(context.Background(), q, 6)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if p.Source != orig.Source && p.Source != "005_copy.txt" && len(p.AlsoIn) > 0 {
					t.Errorf("%q: passage %s of a distinct article has AlsoIn %q", q, p.ID, p.AlsoIn)
				}
			}
		}
	})
}
