package corpus_test

import (
	"regexp"
	"strings"
	"testing"

	"footnote/corpus"
)

// dateMarker strips the leading " date YYYY-MM-DD" from a raw line so it
// can be compared with the cleaned paragraph.
var dateMarker = regexp.MustCompile(`^date \d{4}-\d{2}-\d{2} `)

// TestCleanDefaultArticles checks the cleaner on the five real articles:
// metadata, boilerplate gone, and every other line of the file kept
// verbatim as a paragraph.
func TestCleanDefaultArticles(t *testing.T) {
	tests := []struct {
		file    string
		title   string
		date    string
		dropped []string // raw lines that must not survive as paragraphs
		// rewritten maps raw lines to the paragraph they must become
		// (datelines cut: "ISTANBUL (Reuters) – Russian…" → "Russian…").
		rewritten map[string]string
		absent    []string // substrings that must not appear anywhere
		contains  []string // substrings that must survive
		onceOnly  string   // a paragraph repeated in the file, kept once
		firstPara string
	}{
		{
			file:      "000_2a32f4e3c815aa48.txt",
			title:     "The Russians and the Ukrainians sat face to face for less than two hours Friday in Istanbul for the first direct talks…",
			date:      "2025-05-16",
			absent:    []string{"date 2025"},
			contains:  []string{"– Poutine 'frightened' –", "– Rubio in Istanbul –", "at least two people had been killed."},
			firstPara: "The Russians and the Ukrainians sat face to face for less than two hours Friday in Istanbul for the first direct talks in more than three years aimed at putting an end to their war, with weak expectations for breakthroughs.",
		},
		{
			file:    "001_2658a89f975dce50.txt",
			title:   "Negotiations in Istanbul lasted 90 minutes, Russia demanded territorial concessions from Ukraine",
			dropped: []string{"Follow us also on google news бутон"},
			rewritten: map[string]string{
				`French President Emmanuel Macron, at a meeting of European leaders in Tirana, accused Russia of having "no desire" for a ceasefire in Ukraine. | BGNES`: `French President Emmanuel Macron, at a meeting of European leaders in Tirana, accused Russia of having "no desire" for a ceasefire in Ukraine.`,
			},
			absent:    []string{"Follow us", "google news", "BGNES"},
			contains:  []string{`accused Russia of having "no desire" for a ceasefire in Ukraine.`},
			onceOnly:  "The russian and Ukrainian delegations concluded their first face-to-face negotiations in over three years, the Turkish Foreign Ministry said.",
			firstPara: "Negotiations in Istanbul lasted 90 minutes, Russia demanded territorial concessions from Ukraine",
		},
		{
			file:  "002_bcc062b99b0d70aa.txt",
			title: "Russia and Ukraine hold first direct talks in 3 years",
			date:  "2025-05-17",
			dropped: []string{
				"Global EditionASIA 中文双语Français", "World", "Home / World / Europe",
				"China Daily | Updated: 2025-05-17 09:06", "Share", "Share - WeChat",
				"Most Viewed in 24 Hours", "Top", "BACK TO THE TOP", "English",
				"License for publishing multimedia online 0108263", "Registration Number: 130349", "FOLLOW US",
				// a photo caption and a credit line
				"This handout photograph taken and released by Turkish Foreign Ministry on May 16, 2025, shows Turkish Foreign Minister, Hakan Fidan, Russian delegation (right) and Ukrainian delegation (left) attending a meeting for Ukraine-Russia peace talks at the Turkish Presidential office Dolmabahce, in Istanbul. [Photo/Agencies]",
				"Zhao Jia in Beijing contributed to this story.",
			},
			rewritten: map[string]string{
				"ISTANBUL — Russian and Ukrainian negotiators concluded their direct meeting, the first in more than three years, in Turkiye's Istanbul on Friday, under pressure from US President Donald Trump to end Europe's deadliest conflict since World War II.": "Russian and Ukrainian negotiators concluded their direct meeting, the first in more than three years, in Turkiye's Istanbul on Friday, under pressure from US President Donald Trump to end Europe's deadliest conflict since World War II.",
			},
			absent: []string{"Global Edition", "Home / World", "WeChat", "Most Viewed", "Copyright", "All rights reserved", "BACK TO THE TOP", "Registration Number", "[Photo/Agencies]", "ISTANBUL —", "contributed to this story"},
			contains: []string{
				"\n\nRussian and Ukrainian negotiators concluded their direct meeting",
				"\n\nConcerns raised\n\n",
			},
			firstPara: "Russia and Ukraine hold first direct talks in 3 years",
		},
		{
			file:     "003_dc69a18de921cef9.txt",
			title:    "Russia and Ukraine to hold first direct peace talks in over three years",
			date:     "2025-05-16",
			contains: []string{"Turkish Foreign Ministry sources said Turkish, Russian and Ukrainian delegates will meet at 0930 GMT\n\n"},
			absent:   []string{"(Reuters)"},
			rewritten: map[string]string{
				"ISTANBUL (Reuters) – Russian and Ukrainian negotiators will meet in Istanbul on Friday for their first peace talks in more than three years as both sides come under pressure from US President Donald Trump to end Europe's deadliest conflict since World War Two.": "Russian and Ukrainian negotiators will meet in Istanbul on Friday for their first peace talks in more than three years as both sides come under pressure from US President Donald Trump to end Europe's deadliest conflict since World War Two.",
			},
			firstPara: "Russia and Ukraine to hold first direct peace talks in over three years",
		},
		{
			file:  "004_c2f305a5063d9f21.txt",
			title: "Russia-Ukraine peace talks collapse amid new demands",
			dropped: []string{
				"Lire aussi", "Latest News", "- Ayer 18:00 Russia-Ukraine peace talks collapse amid new demands",
				"- Ayer 16:15 Do foreigners in Spain need to carry residency documents?",
			},
			absent:    []string{"Ayer", "Madrid prosecutor", "EBRD"},
			contains:  []string{"lack of serious intent from the Russian side."},
			firstPara: "Russia-Ukraine peace talks collapse amid new demands",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := readFixture(t, "articles/"+tt.file)
			a, err := corpus.Clean(tt.file, raw)
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			checkShape(t, a)
			if a.Source != tt.file || a.Size != int64(len(raw)) {
				t.Errorf("Source, Size = %q, %d; want %q, %d", a.Source, a.Size, tt.file, len(raw))
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q\nwant    %q", a.Title, tt.title)
			}
			if a.Date != tt.date {
				t.Errorf("Date = %q, want %q", a.Date, tt.date)
			}
			if len(a.Warnings) != 0 {
				t.Errorf("Warnings = %q, want none", a.Warnings)
			}
			if got := paragraphs(a.Text)[0]; got != tt.firstPara {
				t.Errorf("first paragraph = %q\nwant %q", got, tt.firstPara)
			}
			for _, s := range tt.absent {
				if strings.Contains(a.Text, s) {
					t.Errorf("Text still contains boilerplate %q", s)
				}
			}
			for _, s := range tt.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("Text lost %q", s)
				}
			}
			if tt.onceOnly != "" {
				if n := strings.Count(a.Text, tt.onceOnly); n != 1 {
					t.Errorf("repeated paragraph kept %d times, want 1", n)
				}
			}
			checkLinesKept(t, raw, a.Text, tt.dropped, tt.rewritten)
		})
	}
}

// checkLinesKept asserts that every non-empty line of the raw file is a
// paragraph of text unless it is listed in dropped, and that no dropped
// line is.
func checkLinesKept(t *testing.T, raw []byte, text string, dropped []string, rewritten map[string]string) {
	t.Helper()
	isDropped := map[string]bool{}
	for _, d := range dropped {
		isDropped[d] = true
		if hasParagraph(text, d) {
			t.Errorf("boilerplate line %q survived", d)
		}
	}
	for _, line := range strings.Split(string(raw), "\n") {
		line = dateMarker.ReplaceAllString(strings.TrimSpace(line), "")
		if line == "" || isDropped[line] || strings.HasPrefix(line, "Copyright") || strings.HasPrefix(line, "- Ayer") {
			continue
		}
		if want, ok := rewritten[line]; ok {
			line = want
		}
		if !hasParagraph(text, line) {
			t.Errorf("article line lost: %q", line)
		}
	}
}
