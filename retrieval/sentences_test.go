package retrieval_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"footnote/corpus"
	"footnote/retrieval"
)

// sentenceTexts returns the text of each sentence span.
func sentenceTexts(text string) []string {
	var out []string
	for _, s := range retrieval.Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"simple", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"us president", "The U.S. President spoke. He left.", []string{"The U.S. President spoke.", "He left."}},
		{"us at end", "Talks with the U.S. The Kremlin agreed.", []string{"Talks with the U.S.", "The Kremlin agreed."}},
		{"military titles", "The delegation was led by retired Lt. Gen. Keith Kellogg, the envoy. Rubio came too.",
			[]string{"The delegation was led by retired Lt. Gen. Keith Kellogg, the envoy.", "Rubio came too."}},
		{"mr and dr", "Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"saint", "He flew to St. Petersburg. Then home.", []string{"He flew to St. Petersburg.", "Then home."}},
		{"initials", "J. R. R. Tolkien wrote it. It sold.", []string{"J. R. R. Tolkien wrote it.", "It sold."}},
		{"decimals", "Growth was 1.5 percent. Prices rose 2.25 points.", []string{"Growth was 1.5 percent.", "Prices rose 2.25 points."}},
		{"closing quote", `He said "stop." Then he left.`, []string{`He said "stop."`, "Then he left."}},
		{"curly closing quote", "“We are ready.” The talks began.", []string{"“We are ready.”", "The talks began."}},
		{"quote then lower case", "“Why?” he asked. Nobody knew.", []string{"“Why?” he asked.", "Nobody knew."}},
		{"ellipsis char", "They waited… Nothing happened.", []string{"They waited…", "Nothing happened."}},
		{"ellipsis dots", "They waited... Nothing happened.", []string{"They waited...", "Nothing happened."}},
		{"ellipsis mid sentence", "offer unacceptable requests … as if Ukraine withdraws.", []string{"offer unacceptable requests … as if Ukraine withdraws."}},
		{"lower case after stop", "It cost approx. five dollars.", []string{"It cost approx. five dollars."}},
		{"number abbreviation", "See No. 5 and Jan. 6 events.", []string{"See No. 5 and Jan. 6 events."}},
		{"paragraph breaks", "Title without stop\n\nFirst para. Second.\nNext line", []string{"Title without stop", "First para.", "Second.", "Next line"}},
		{"sentence starting with digit", "It ended in 2022. 2023 was worse.", []string{"It ended in 2022.", "2023 was worse."}},
		{"inner dot", "Visit example.com today. Or not.", []string{"Visit example.com today.", "Or not."}},
		{"hyphenated acronym", "a U.S.-led plan. Good.", []string{"a U.S.-led plan.", "Good."}},
		{"surrounding space", "  padded sentence.   ", []string{"padded sentence."}},
		{"empty", "", nil},
		{"only space", " \n\n \t", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceTexts(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// loadArticles returns the default corpus.
func loadArticles(t testing.TB) []corpus.Article {
	t.Helper()
	arts, err := corpus.Load(context.Background(), corpus.Default(), corpus.WalkOptions{})
	if err != nil {
		t.Fatalf("load default corpus: %v", err)
	}
	if len(arts) == 0 {
		t.Fatal("default corpus is empty")
	}
	return arts
}

func TestSentencesRealArticles(t *testing.T) {
	for _, a := range loadArticles(t) {
		t.Run(a.Source, func(t *testing.T) {
			spans := retrieval.Sentences(a.Text)
			checkSpans(t, a.Text, spans)
			for _, s := range spans {
				text := a.Text[s.Start:s.End]
				if strings.Contains(text, "\n") {
					t.Errorf("sentence crosses a line break: %q", text)
				}
				// A sentence that ends right after "U.S." or "Gen." is a
				// wrong split in these articles.
				for _, bad := range []string{" U.S.", " Lt.", " Gen.", " Mr."} {
					if strings.HasSuffix(text, bad) {
						t.Errorf("split after abbreviation: %q", text)
					}
				}
			}
			// Every letter of the article is inside some sentence.
			covered := 0
			for _, s := range spans {
				covered += countLetters(a.Text[s.Start:s.End])
			}
			if all := countLetters(a.Text); covered != all {
				t.Errorf("sentences cover %d letters of %d", covered, all)
			}
		})
	}
}

func TestSentencesKnownSplits(t *testing.T) {
	arts := loadArticles(t)
	var all []string
	for _, a := range arts {
		all = append(all, sentenceTexts(a.Text)...)
	}
	for _, want := range []string{
		"The U.S. delegation was led by retired Lt. Gen. Keith Kellogg, Trump's special envoy for Ukraine and Russia, while Umerov and presidential office chief Andriy Yermak represented Ukraine.",
		`"The meeting is over," said a source on the negotiations, which lasted just over 90 minutes.`,
		"Russia's invasion has claimed over 12,000 Ukrainian civilian lives, according to the United Nations, and has devastated numerous towns and villages.",
	} {
		if !slices.Contains(all, want) {
			t.Errorf("no sentence %q", want)
		}
	}
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// checkSpans asserts that spans are in range, ordered, non-overlapping,
// non-empty, trimmed and on rune boundaries.
func checkSpans(t *testing.T, text string, spans []retrieval.Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d %+v out of order or range (prev end %d, len %d)", i, s, prev, len(text))
		}
		part := text[s.Start:s.End]
		if strings.TrimSpace(part) != part {
			t.Errorf("span %d %q not trimmed", i, part)
		}
		if !utf8.ValidString(text[:s.Start]) && utf8.ValidString(text) {
			t.Errorf("span %d starts inside a rune", i)
		}
		if utf8.ValidString(text) && !utf8.ValidString(part) {
			t.Errorf("span %d %q is not valid UTF-8", i, part)
		}
		prev = s.End
	}
}

func FuzzSentences(f *testing.F) {
	for _, seed := range []string{
		"", "One. Two.", "U.S. President. Lt. Gen. Kellogg…", "“Quote.” Next", "1.5. 2.",
		"a\n\nb", ". . .", "\xff\xfe. Bad bytes.", "…“”’", "Mr.", "x.\"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, retrieval.Sentences(text))
	})
}

// TestSentencesFixture compares the split of a hand-written article full of
// abbreviations, quotes and decimals with its golden file, one sentence a line.
func TestSentencesFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/tricky_article.txt")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/tricky_article.sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(golden)), "\n")
	got := sentenceTexts(string(raw))
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}
