package discord_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/answer"
	"footnote/bot"
	"footnote/corpus"
	"footnote/discord"
)

func TestFormatAnswerGolden(t *testing.T) {
	longQuote := "The first direct peace talks between Russia and Ukraine since the early weeks of Moscow's 2022 invasion " +
		"concluded on Friday after less than two hours, according to reports from the Turkish Foreign Ministry."
	tests := []struct {
		name string
		a    answer.Answer
	}{
		{"answered", answer.Answer{
			Question: "How long did the talks last?",
			Text:     "The talks lasted less than two hours [1].",
			Answered: true,
			Mode:     answer.ModeExtractive,
			Citations: []answer.Citation{{
				N: 1, Source: "004_c2f305a5063d9f21.txt",
				Title: "Russia-Ukraine peace talks collapse amid new demands",
				Quote: longQuote,
			}},
		}},
		{"declined", answer.Answer{
			Question: "Who won the 2030 World Cup?",
			Text:     "The articles don't say who won the 2030 World Cup.",
			Answered: false,
			Mode:     answer.ModeExtractive,
		}},
		{"conflict", answer.Answer{
			Question: "How long were the talks?",
			Text:     "The sources differ: one says less than two hours [1], another says about ninety minutes [2].",
			Answered: true,
			Mode:     answer.ModeGenerative,
			Citations: []answer.Citation{
				{N: 2, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul",
					Quote: "The Russians and the Ukrainians sat face to face for about ninety minutes."},
				{N: 1, Source: "004_c2f305a5063d9f21.txt", Title: "Russia-Ukraine peace talks collapse amid new demands",
					Quote: "concluded on Friday\nafter less than two hours"},
			},
		}},
		{"unsupported_claim_dated", answer.Answer{
			Text: "The talks were held in Istanbul [1] and lasted a week.", Answered: true, Mode: answer.ModeGenerative,
			Claims: []answer.Claim{
				{Text: "The talks were held in Istanbul.", Citations: []int{1}, Supported: true},
				{Text: "The talks lasted a week.", Supported: false},
			},
			Check: &answer.CheckStats{},
			Citations: []answer.Citation{{N: 1, Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul",
				Date: "2025-05-16", Quote: "in Istanbul"}},
		}},
		{"fallback_note", answer.Answer{
			Question: "Where were the talks held?",
			Text:     "The talks were held in Istanbul [1].",
			Answered: true,
			Mode:     answer.ModeExtractive,
			Note:     "The language model was unavailable,\nso this answer is extractive.",
			Citations: []answer.Citation{{
				N: 1, Source: "000_2a32f4e3c815aa48.txt", Title: "*Breaking* talks_in `Istanbul`",
				Quote: "sat face to face for less than two hours Friday in Istanbul",
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, "answer_"+tt.name, discord.FormatAnswer(tt.a))
		})
	}
}

func TestFormatAnswer(t *testing.T) {
	cit := answer.Citation{N: 1, Source: "a.txt", Title: "T", Quote: "q"}
	tests := []struct {
		name        string
		a           answer.Answer
		contains    []string
		notContains []string
	}{
		{"declined hides citations",
			answer.Answer{Text: "Not in the articles.", Answered: false, Citations: []answer.Citation{cit}},
			[]string{"Not in the articles."}, []string{"**Sources**", "a.txt"}},
		{"mentions from the model are escaped",
			answer.Answer{Text: "Hello @everyone [1]", Answered: true, Citations: []answer.Citation{{N: 1, Source: "a.txt", Quote: "<@123> said"}}},
			[]string{"@\u200beveryone", "<@\u200b123>"}, []string{"@everyone", "<@123>"}},
		{"empty text gets a placeholder",
			answer.Answer{Answered: false},
			[]string{"no answer"}, nil},
		{"long quote is shortened",
			answer.Answer{Text: "x [1]", Answered: true, Citations: []answer.Citation{{N: 1, Source: "a.txt", Quote: strings.Repeat("word ", 100)}}},
			[]string{"…”"}, []string{strings.Repeat("word ", 40)}},
		{"backtick in file name",
			answer.Answer{Text: "x [1]", Answered: true, Citations: []answer.Citation{{N: 1, Source: "a`b.txt", Quote: "q"}}},
			[]string{"`` a`b.txt ``"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := discord.FormatAnswer(tt.a)
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("FormatAnswer() = %q, want it to contain %q", got, s)
				}
			}
			for _, s := range tt.notContains {
				if strings.Contains(got, s) {
					t.Errorf("FormatAnswer() = %q, want it not to contain %q", got, s)
				}
			}
		})
	}
}

func TestFormatAnswerQuoteLength(t *testing.T) {
	quote := strings.Repeat("ab ", 400)
	got := discord.FormatAnswer(answer.Answer{Text: "x [1]", Answered: true,
		Citations: []answer.Citation{{N: 1, Source: "a.txt", Quote: quote}}})
	_, q, ok := strings.Cut(got, "\n> “")
	if !ok {
		t.Fatalf("no quote line in %q", got)
	}
	if n := utf8.RuneCountInString(q); n > discord.QuoteRunes+2 {
		t.Errorf("quote has %d runes, want at most %d", n, discord.QuoteRunes+2)
	}
}

func TestFormatSources(t *testing.T) {
	arts := []corpus.Article{
		{Source: "000_2a32f4e3c815aa48.txt", Title: "Talks in Istanbul", Date: "2025-05-16", Size: 5321},
		{Source: "sub/notes.md", Title: "", Size: 812},
		{Source: "big.txt", Title: "A *big* one @everyone", Size: 3 << 20},
	}
	checkGolden(t, "sources", discord.FormatSources(arts))
	if got := discord.FormatSources(nil); got != "No articles are loaded." {
		t.Errorf("FormatSources(nil) = %q", got)
	}
}

// A large corpus is one capped page per /sources, newest first, with a
// count and a pointer to the next page; every page fits one message.
func TestFormatSourcesPaginates(t *testing.T) {
	arts := make([]corpus.Article, 1000)
	for i := range arts {
		arts[i] = corpus.Article{Source: fmt.Sprintf("a%04d.txt", i), Title: strings.Repeat("Long title ", 30),
			Date: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), Size: 4096}
	}
	first := discord.FormatSourcesPage(arts, 0)
	if !strings.Contains(first, "1000 articles, newest first (page 1 of 67)") || !strings.Contains(first, "`/sources page:2`") {
		t.Errorf("first page header/footer:\n%s", first)
	}
	if n := strings.Count(first, "\n") - 2; n != discord.SourcesPerPage {
		t.Errorf("first page lists %d articles, want %d", n, discord.SourcesPerPage)
	}
	if !strings.Contains(first, "2025-12-") {
		t.Errorf("first page is not the newest:\n%s", first)
	}
	if utf8.RuneCountInString(first) > discord.MessageRunes {
		t.Errorf("a page is %d runes, more than one message", utf8.RuneCountInString(first))
	}
	last := discord.FormatSourcesPage(arts, 99)
	if !strings.Contains(last, "(page 67 of 67)") || strings.Contains(last, "More:") || !strings.Contains(last, "\n1000. ") {
		t.Errorf("past-the-end page:\n%s", last)
	}
	if msgs := discord.Render(bot.Reply{Kind: bot.ReplySources, Sources: arts, Page: 3}); len(msgs) != 1 || !strings.Contains(msgs[0], "page 3 of 67") {
		t.Errorf("Render(/sources page 3) = %d messages", len(msgs))
	}
}

func TestFormatSourcesQuery(t *testing.T) {
	arts := []corpus.Article{{Source: "000_a.txt", Title: "Talks in Istanbul", Size: 10}}
	if got := discord.FormatSourcesQuery(arts, "istanbul", 1); !strings.Contains(got, "1 article matching `istanbul`") {
		t.Errorf("heading: %q", got)
	}
	if got := discord.FormatSourcesQuery(nil, "ferry", 1); !strings.Contains(got, "No article's file or title holds `ferry`") {
		t.Errorf("empty: %q", got)
	}
	many := make([]corpus.Article, discord.SourcesPerPage+1)
	for i := range many {
		many[i] = corpus.Article{Source: fmt.Sprintf("%03d_talks.txt", i)}
	}
	if got := discord.FormatSourcesQuery(many, "talks", 1); !strings.Contains(got, "`/sources query:talks page:2`") {
		t.Errorf("next page hint: %q", got)
	}
}
