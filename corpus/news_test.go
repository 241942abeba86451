package corpus_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"footnote/corpus"
)

const body = "The harbour bridge reopened on Monday after engineers spent three days checking the cables, the city said."

// TestCleanDates checks every source of a publish date, in order of
// precedence, and the datelines that open stories in their common forms.
func TestCleanDates(t *testing.T) {
	tests := []struct {
		name, file, raw string
		date            string
		first           string // the first body paragraph after the title
	}{
		{"front matter in markdown", "a.md", "---\ntitle: Bridge\ndate: 2025-03-04\n---\nBridge reopens\n\n" + body, "2025-03-04", body},
		{"front matter in text", "a.txt", "---\ntitle: Bridge\npublished: March 5, 2025\nurl: https://x.example/a\n---\nBridge reopens\n\n" + body, "2025-03-05", body},
		{"front matter beats the marker", "a.md", "---\ndate: 2025-03-04\n---\n date 2024-01-01 Bridge reopens\n\n" + body, "2025-03-04", body},
		{"date marker", "a.txt", " date 2025-05-16 Bridge reopens\n\n" + body, "2025-05-16", body},
		{"marker beats a dateline", "a.txt", " date 2025-05-16 Bridge reopens\n\nPORTLAND, June 2, 2025 — " + body, "2025-05-16", body},
		{"dateline month day year", "a.txt", "Bridge reopens\n\nPORTLAND, June 2, 2025 — " + body, "2025-06-02", body},
		{"dateline with state and date", "a.txt", "Bridge reopens\n\nPORTLAND, Ore., June 2, 2025 – " + body, "2025-06-02", body},
		{"dateline day month year", "a.txt", "Bridge reopens\n\nLONDON, 2 June 2025 - " + body, "2025-06-02", body},
		{"dateline mixed case with a date", "a.txt", "Bridge reopens\n\nPortland, June 2, 2025 — " + body, "2025-06-02", body},
		{"dateline with agency, no date", "a.txt", "Bridge reopens\n\nISTANBUL (Reuters) – " + body, "", body},
		{"dateline with agency and short date", "a.txt", "Bridge reopens\n\nWASHINGTON, May 3 (Reuters) - " + body, "", body},
		{"dateline AP style", "a.txt", "Bridge reopens\n\nKYIV, Ukraine (AP) — " + body, "", body},
		{"bare place dateline", "a.txt", "Bridge reopens\n\nISTANBUL — " + body, "", body},
		{"a dash in prose is not a dateline", "a.txt", "Bridge reopens\n\nThe mayor — who had warned of delays — said the bridge reopened on Monday after checks.", "", "The mayor — who had warned of delays — said the bridge reopened on Monday after checks."},
		{"a capitalised sentence start is not a place", "a.txt", "Bridge reopens\n\nOfficials said - without giving details - that the bridge reopened on Monday after checks.", "", "Officials said - without giving details - that the bridge reopened on Monday after checks."},
		{"undated", "a.txt", "Bridge reopens\n\n" + body, "", body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := corpus.Clean(tt.file, []byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if a.Date != tt.date {
				t.Errorf("Date = %q, want %q", a.Date, tt.date)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) < 2 || paras[1] != tt.first {
				t.Errorf("paragraphs = %q, want the second to be %q", paras, tt.first)
			}
		})
	}
}

// TestCleanCaptionsAndBylines checks that photo captions, bylines and
// agency credit lines are cut and that prose that resembles them is kept.
func TestCleanCaptionsAndBylines(t *testing.T) {
	cut := []string{
		"By Jane Doe",
		"By Jane Doe and John Roe, Reuters",
		"By JANE DOE | CNN",
		"Residents wait at the closed bridge on Sunday. [Photo/Agencies]",
		"Residents wait at the closed bridge on Sunday. (AP Photo/Jane Doe)",
		"Residents wait at the closed bridge on Sunday. REUTERS/Jane Doe",
		"Residents wait at the closed bridge on Sunday. Photo: Coast Times",
		"FILE PHOTO: The harbour bridge is seen in Portland, Oregon, May 2, 2024.",
		"(Reporting by Jane Doe; Editing by John Roe)",
		"Additional reporting by Jane Doe in Salem.",
		"Zhao Jia in Beijing contributed to this story.",
	}
	kept := []string{
		"By Monday the bridge was open again, and traffic was back to normal by the evening.",
		"The photo of the bridge, taken by a resident, was shared thousands of times online.",
		"She took credit: the repair plan had been hers from the start, she said.",
	}
	raw := "Bridge reopens\n\n" + body + "\n\n" + strings.Join(cut, "\n\n") + "\n\n" + strings.Join(kept, "\n\n") + "\n\nThe council will review its storm plans next month, officials said."
	a, err := corpus.Clean("a.txt", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(a.Text, "\n\n")
	for _, c := range cut {
		if slices.Contains(paras, c) {
			t.Errorf("kept %q, want it cut", c)
		}
	}
	for _, k := range kept {
		if !slices.Contains(paras, k) {
			t.Errorf("lost %q", k)
		}
	}
}

// TestCleanHTML checks main-text extraction and metadata for HTML pages,
// with the extension or saved as .txt.
func TestCleanHTML(t *testing.T) {
	page := readFixture(t, "testdata/news/page.html")
	for _, name := range []string{"page.html", "page.txt"} {
		t.Run(name, func(t *testing.T) {
			a, err := corpus.Clean(name, page)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != "Harbour bridge reopens after storm" {
				t.Errorf("Title = %q", a.Title)
			}
			if a.Date != "2025-06-02" {
				t.Errorf("Date = %q, want the meta article:published_time", a.Date)
			}
			if a.URL != "https://coast.example/news/2025/06/02/harbour-bridge" {
				t.Errorf("URL = %q, want the canonical link", a.URL)
			}
			for _, bad := range []string{"<p>", "&pound;", "tracking", "Home", "Copyright", "By Jane Doe", "[Photo", "PORTLAND"} {
				if strings.Contains(a.Text, bad) {
					t.Errorf("Text contains %q:\n%s", bad, a.Text)
				}
			}
			for _, want := range []string{"Repairs cost about £50,000, a spokesman said", "\n\nThe harbour bridge reopened on Monday", "\n\nThe council will review"} {
				if !strings.Contains(a.Text, want) {
					t.Errorf("Text lost %q:\n%s", want, a.Text)
				}
			}
		})
	}
	t.Run("json-ld datePublished", func(t *testing.T) {
		a, err := corpus.Clean("jsonld.htm", readFixture(t, "testdata/news/jsonld.htm"))
		if err != nil {
			t.Fatal(err)
		}
		if a.Date != "2024-11-20" || a.URL != "" {
			t.Errorf("Date, URL = %q, %q; want 2024-11-20 and none", a.Date, a.URL)
		}
		if !strings.Contains(a.Text, "Ferry crews ended their week-long strike") {
			t.Errorf("Text = %q", a.Text)
		}
	})
	t.Run("markdown with a little inline html stays markdown", func(t *testing.T) {
		a, err := corpus.Clean("a.md", []byte("# Bridge reopens\n\n"+body+" It cost <b>£50,000</b>.\n"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "<b>") {
			t.Errorf("Text = %q, want the markdown text as written", a.Text)
		}
	})
}

// TestCleanWindows1252 checks that a legacy-encoded file is decoded, not
// filled with U+FFFD, and that damaged UTF-8 is still repaired.
func TestCleanWindows1252(t *testing.T) {
	raw := []byte("Br\xfbl\xe9 wins the caf\xe9 prize\n\nThe d\xe9l\xe9gu\xe9 said \x93yes\x94 \xe0 Istanbul \x96 and paid \x80" + "40.\n")
	a, err := corpus.Clean("a.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	want := "Brûlé wins the café prize\n\nThe délégué said “yes” à Istanbul – and paid €40."
	if a.Text != want || !slices.Equal(a.Warnings, []string{"not UTF-8: decoded as Windows-1252"}) {
		t.Errorf("Text, Warnings = %q, %q\nwant %q", a.Text, a.Warnings, want)
	}
	damaged := []byte("Caf\u00e9 prize\n\nThe prize went to a caf\xc3 in the old town, the jury said.\n")
	a, err = corpus.Clean("b.txt", damaged)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "caf\uFFFD in") {
		t.Errorf("damaged UTF-8: Text = %q, want the bad byte replaced", a.Text)
	}
}

// TestWalkSkipsDanglingSymlinks checks that a broken link and an
// unreadable file cost only themselves.
func TestWalkSkipsDanglingSymlinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Bridge\n\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "b.txt")); err != nil {
		t.Skipf("symlinks unsupported here: %v", err)
	}
	var w []string
	arts, err := corpus.Load(context.Background(), os.DirFS(dir), corpus.WalkOptions{OnWarning: func(s, m string) { w = append(w, s+": "+m) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].Source != "a.txt" {
		t.Errorf("articles = %d, want only a.txt", len(arts))
	}
	if len(w) != 1 || !strings.HasPrefix(w[0], "b.txt: skipped: cannot read: ") {
		t.Errorf("warnings = %q, want one for the dangling b.txt", w)
	}
}

// TestWalkHTMLFiles checks that .html and .htm files are corpus files.
func TestWalkHTMLFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"page.html":  {Data: readFixture(t, "testdata/news/page.html")},
		"jsonld.htm": {Data: readFixture(t, "testdata/news/jsonld.htm")},
		"style.css":  {Data: []byte("p { color: red }")},
	}
	arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Source+" "+a.Date)
	}
	if !slices.Equal(got, []string{"jsonld.htm 2024-11-20", "page.html 2025-06-02"}) {
		t.Errorf("articles = %q", got)
	}
}

// TestWalkCache checks that a cached walk re-reads only changed files and
// forgets deleted ones.
func TestWalkCache(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Bridge\n\n" + body)},
		"b.txt": {Data: []byte("Ferry\n\nThe ferry crews ended their strike on Wednesday after a pay offer, the union said.")},
	}
	cache := corpus.NewCache()
	load := func() map[string]string {
		t.Helper()
		arts, err := corpus.Load(context.Background(), fsys, corpus.WalkOptions{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, a := range arts {
			out[a.Source] = a.Text
		}
		return out
	}
	first := load()
	fsys["b.txt"] = &fstest.MapFile{Data: []byte("Ferry\n\nThe ferry crews went back on strike on Friday, the union said, after talks failed."), ModTime: fsys["b.txt"].ModTime.Add(1)}
	delete(fsys, "a.txt")
	fsys["c.txt"] = &fstest.MapFile{Data: []byte("Library\n\nThe central library will stay open until ten in the evening from next month, the city said.")}
	second := load()
	if _, ok := second["a.txt"]; ok || len(second) != 2 || second["b.txt"] == first["b.txt"] || !strings.Contains(second["c.txt"], "library") {
		t.Errorf("after changes: %q", second)
	}
}

// TestCleanTrailingCredit checks that a credit closing a paragraph after a
// bar is cut and the paragraph kept, and that other bars stay.
func TestCleanTrailingCredit(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`The mayor, at a meeting in Salem, said the bridge had "no flaws". | BGNES`, `The mayor, at a meeting in Salem, said the bridge had "no flaws".`},
		{"Residents crossed the bridge on Sunday. | Jane Doe/AFP", "Residents crossed the bridge on Sunday."},
		{"Residents crossed the bridge on Sunday.|Reuters", "Residents crossed the bridge on Sunday."},
		{"The council chose the plan. | Police arrived late.", "The council chose the plan. | Police arrived late."},
		{"The vote was 12 | 3 in favour of the plan, the clerk said.", "The vote was 12 | 3 in favour of the plan, the clerk said."},
		{"The council chose the plan. | The mayor, who had opposed it for months, said she would not appeal.", "The council chose the plan. | The mayor, who had opposed it for months, said she would not appeal."},
	} {
		t.Run(tt.in, func(t *testing.T) {
			raw := "Bridge reopens\n\n" + body + "\n\n" + tt.in + "\n\nThe council will review its storm plans next month, officials said."
			a, err := corpus.Clean("a.txt", []byte(raw))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(strings.Split(a.Text, "\n\n"), tt.want) {
				t.Errorf("paragraphs lack %q:\n%s", tt.want, a.Text)
			}
		})
	}
}
