package corpus_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"footnote/corpus"
)

// TestCleanFixtures runs the cleaner on the synthetic files of
// testdata/clean, each built to exercise one rule.
func TestCleanFixtures(t *testing.T) {
	tests := []struct {
		file     string
		title    string
		date     string
		paras    []string // the exact paragraphs of Text
		warnings []string
	}{
		{
			file:  "crlf.txt",
			title: "Storm closes the harbour",
			paras: []string{
				"Storm closes the harbour",
				"A storm closed the harbour on Monday, the port authority said in a statement.",
				"Ferries will not sail before Wednesday, officials added.",
				"Fishermen brought their boats ashore early.",
			},
		},
		{
			file:  "nbsp.txt",
			title: "Council approves new budget",
			paras: []string{
				"Council approves new budget",
				"The city council approved the budget on Tuesday after a long debate.",
				"Spending on schools rises by 4 percent, the mayor said.",
			},
		},
		{
			file:  "invalid_utf8.txt",
			title: "Bridge reopens after repairs",
			paras: []string{
				"Bridge reopens after repairs",
				"The bridge reopened on Friday \uFFFD after six months of repairs, the city said.",
				"Traffic was light in the morning, caf\uFFFD owners reported.",
			},
			warnings: []string{"replaced 3 invalid UTF-8 bytes with U+FFFD"},
		},
		{
			file:  "hardwrapped.txt",
			title: "Library extends opening hours",
			paras: []string{
				"Library extends opening hours",
				"The central library will stay open until ten in the evening from next month, the city announced on Thursday, after students asked for more places to study during the exam season.",
				"Longer hours will cost about 40,000 euros a year, which the council says it can cover from the culture budget without cuts elsewhere.",
			},
		},
		{
			file:  "article.md",
			title: "Rail strike ends after pay deal",
			date:  "2024-03-05",
			paras: []string{
				"Rail strike ends after pay deal",
				"Train drivers ended their three-day strike on Tuesday after the union accepted a new pay offer, the operator said.",
				"What changes",
				"- Pay rises by 5 percent this year and by 3 percent next year.",
				"- Night shifts get a bonus.",
				`"We are glad it is over," a commuter said.`,
				"Trains at the station",
			},
		},
		{
			file:  "navigation.txt",
			title: "Copper prices hit a record as mines close",
			date:  "2024-03-03",
			paras: []string{
				"Copper prices hit a record as mines close",
				"Copper prices rose to a record high on Monday after two large mines in Chile closed because of floods.",
				"Traders said supply would stay tight for weeks.",
				"Analysts expect prices to ease once the mines reopen, possibly in April.",
				"Demand from battery makers keeps growing, the industry group said.",
			},
		},
		{
			// Lines that look like boilerplate words but are article text.
			file:  "conservative.txt",
			title: "Obituary",
			paras: []string{
				"Obituary",
				"The painter Ana Ruiz, whose murals cover half the walls of her home town, has died at 91.",
				"Early years",
				"Related talks were held in Geneva on Monday, her family said of a planned exhibition.",
				"Share your memories of her work with the museum, the curator asked visitors.",
				"Top prize in 1972",
				"She won the national prize for painting in 1972, the first woman to do so.",
				"She leaves two daughters.",
			},
		},
		{
			file:  "glued_menu.txt",
			title: "Ferry service resumes on the northern route",
			paras: []string{
				"Ferry service resumes on the northern route",
				"Ferry service on the northern route resumed on Sunday after a week of storms, the operator said.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := corpus.Clean(tt.file, readFixture(t, "testdata/clean/"+tt.file))
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			checkShape(t, a)
			if a.Title != tt.title || a.Date != tt.date {
				t.Errorf("Title, Date = %q, %q; want %q, %q", a.Title, a.Date, tt.title, tt.date)
			}
			if want := strings.Join(tt.paras, "\n\n"); a.Text != want {
				t.Errorf("Text =\n%s\n\nwant\n%s", a.Text, want)
			}
			if strings.Join(a.Warnings, "|") != strings.Join(tt.warnings, "|") {
				t.Errorf("Warnings = %q, want %q", a.Warnings, tt.warnings)
			}
		})
	}
}

// TestCleanNoText checks that files with nothing left are reported with ErrNoText.
func TestCleanNoText(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
	}{
		{"empty", nil},
		{"whitespace only", readFixture(t, "testdata/clean/whitespace_only.txt")},
		{"only page chrome", readFixture(t, "testdata/clean/only_chrome.txt")},
		{"only a date marker", []byte(" date 2025-05-16\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Clean("x.txt", tt.raw)
			if !errors.Is(err, corpus.ErrNoText) {
				t.Fatalf("err = %v, want ErrNoText", err)
			}
			if !strings.Contains(err.Error(), "x.txt") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// TestCleanRules covers single rules with inline inputs.
func TestCleanRules(t *testing.T) {
	long := "The delegations met for ninety minutes in the palace on the shore of the Bosphorus, and the talks ended without any agreement on a ceasefire or on prisoners."
	tests := []struct {
		name      string
		source    string
		raw       string
		title     string
		date      string
		text      string
		warnCount int
	}{
		{
			name:  "date marker with time",
			raw:   "date 2024-01-02T08:00:00Z Floods hit the coast\n\nFloods hit the coast on Tuesday, the weather office said.",
			title: "Floods hit the coast", date: "2024-01-02",
			text: "Floods hit the coast\n\nFloods hit the coast on Tuesday, the weather office said.",
		},
		{
			name:  "impossible marker date is kept as text",
			raw:   "date 2024-02-30 Floods\n\nFloods hit the coast on Tuesday, the weather office said.",
			title: "date 2024-02-30 Floods",
			text:  "date 2024-02-30 Floods\n\nFloods hit the coast on Tuesday, the weather office said.",
		},
		{
			name:  "dateline day month year",
			raw:   "Floods hit the coast\nPosted 7 June 2023\n\nFloods hit the coast on Tuesday, the weather office said.",
			title: "Floods hit the coast", date: "2023-06-07",
			text: "Floods hit the coast\n\nFloods hit the coast on Tuesday, the weather office said.",
		},
		{
			name:  "bare date line",
			raw:   "Floods hit the coast\n2023/06/07 14:30\n\nFloods hit the coast on Tuesday, the weather office said.",
			title: "Floods hit the coast", date: "2023-06-07",
			text: "Floods hit the coast\n\nFloods hit the coast on Tuesday, the weather office said.",
		},
		{
			name:  "date inside a body sentence is not a dateline",
			raw:   "Floods hit the coast\n\nThe report was published on May 5, 2025, by the weather office.",
			title: "Floods hit the coast",
			text:  "Floods hit the coast\n\nThe report was published on May 5, 2025, by the weather office.",
		},
		{
			name:  "long first line gives a shortened title",
			raw:   long + "\n\nMore talks are planned.",
			title: "The delegations met for ninety minutes in the palace on the shore of the Bosphorus, and the talks ended without any…",
			text:  long + "\n\nMore talks are planned.",
		},
		{
			name:  "duplicates compare case-insensitively, first kept",
			raw:   "Title here\n\nThe mayor resigned on Friday after the vote.\nTHE MAYOR RESIGNED ON FRIDAY AFTER THE VOTE.\nElections follow in June.",
			title: "Title here",
			text:  "Title here\n\nThe mayor resigned on Friday after the vote.\n\nElections follow in June.",
		},
		{
			name:  "footer marker before any prose is not a cut",
			raw:   "Latest news\nMayor resigns after vote\n\nThe mayor resigned on Friday after the council vote, officials said.",
			title: "Mayor resigns after vote",
			text:  "Mayor resigns after vote\n\nThe mayor resigned on Friday after the council vote, officials said.",
		},
		{
			name:  "trailing copyright is cut",
			raw:   "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\n© 2024 Example Media\nAbout us | Contact us",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
		},
		{
			name:  "read also line inside the body",
			raw:   "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\nRead also: Council budget passes\nElections follow in June, the electoral board said.",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\n\nElections follow in June, the electoral board said.",
		},
		{
			name:  "bare link marker drops the one headline it introduces",
			raw:   "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\nLire aussi\nCouncil budget passes after long debate\nElections follow in June, the electoral board said.",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\n\nElections follow in June, the electoral board said.",
		},
		{
			name:  "list marker inside the body keeps a following sentence",
			raw:   "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\nMost read\nElections follow in June, the electoral board said.",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.\n\nElections follow in June, the electoral board said.",
		},
		{
			name:  "copyright above the article",
			raw:   "© 2024 Example Media\nMayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
		},
		{
			name:      "control characters removed with a warning",
			raw:       "Mayor\x00 resigns\x1b\n\nThe mayor resigned on Friday after the council vote, officials said.",
			title:     "Mayor resigns",
			text:      "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
			warnCount: 1,
		},
		{
			name:  "byte order mark and zero-width spaces",
			raw:   "\uFEFFMayor re\u200Bsigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
			title: "Mayor resigns",
			text:  "Mayor resigns\n\nThe mayor resigned on Friday after the council vote, officials said.",
		},
		{
			name:   "markdown without front matter",
			source: "x.md",
			raw:    "## Mayor *resigns*\n\nThe mayor resigned on Friday\nafter the council vote.\n\n---\n\n1. First point\n2. Second point",
			title:  "Mayor resigns",
			text:   "Mayor resigns\n\nThe mayor resigned on Friday after the council vote.\n\n1. First point\n\n2. Second point",
		},
		{
			name:  "unicode text",
			raw:   "東京で大雨\n\n東京都心で記録的な大雨となり、交通機関に大きな乱れが出ています。気象庁が発表しました。",
			title: "東京で大雨",
			text:  "東京で大雨\n\n東京都心で記録的な大雨となり、交通機関に大きな乱れが出ています。気象庁が発表しました。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.source
			if src == "" {
				src = "x.txt"
			}
			a, err := corpus.Clean(src, []byte(tt.raw))
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			checkShape(t, a)
			if a.Title != tt.title || a.Date != tt.date {
				t.Errorf("Title, Date = %q, %q; want %q, %q", a.Title, a.Date, tt.title, tt.date)
			}
			if a.Text != tt.text {
				t.Errorf("Text =\n%q\nwant\n%q", a.Text, tt.text)
			}
			if len(a.Warnings) != tt.warnCount {
				t.Errorf("Warnings = %q, want %d", a.Warnings, tt.warnCount)
			}
		})
	}
}

// FuzzClean checks that any input cleans without panicking into valid,
// well-shaped UTF-8, or fails only with ErrNoText.
func FuzzClean(f *testing.F) {
	seeds := []string{
		"", "\xff", " date 2025-05-16 ", "Title\r\n\r\nBody.\r", "---\ntitle: x\n---\n# H\n",
		"Lire aussi\n- Ayer 18:00 x", "a\u00a0\u2003b\t\tc", "Home / World / Europe\nWorld\nShare",
	}
	for _, s := range seeds {
		f.Add("x.txt", []byte(s))
	}
	for _, name := range []string{"000_2a32f4e3c815aa48.txt", "002_bcc062b99b0d70aa.txt", "004_c2f305a5063d9f21.txt"} {
		f.Add(name, readFixtureF(f, "articles/"+name))
	}
	f.Add("article.md", readFixtureF(f, "testdata/clean/article.md"))
	f.Fuzz(func(t *testing.T, source string, raw []byte) {
		a, err := corpus.Clean(source, raw)
		if err != nil {
			if !errors.Is(err, corpus.ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if a.Text == "" || a.Title == "" {
			t.Fatalf("empty Text or Title without an error: %+v", a)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8 output: %q", a.Text)
		}
		if strings.Contains(a.Text, "\n\n\n") || strings.ContainsAny(a.Text, "\r\t") {
			t.Fatalf("badly shaped text: %q", a.Text)
		}
	})
}
