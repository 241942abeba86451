package extractive_test

import (
	"regexp"
	"strings"
	"testing"

	"footnote/answer/extractive"
)

// TestDisagreementNewestFirst: when sources disagree, their sentences are
// listed newest first, each dated one with its date, and the answer says
// how current it is.
func TestDisagreementNewestFirst(t *testing.T) {
	e := extractive.New(openDefault(t), extractive.Options{})
	ans := ask(t, e, "How long did the talks last?")
	checkDisagreement(t, ans)
	dated := regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}): `)
	prev, undatedSeen := "9999-12-31", false
	for _, line := range strings.Split(strings.TrimPrefix(ans.Text, "Sources differ:\n"), "\n") {
		m := dated.FindStringSubmatch(line)
		switch {
		case m == nil:
			undatedSeen = true
		case undatedSeen || m[1] > prev:
			t.Errorf("line %q is out of newest-first order:\n%s", line, ans.Text)
		default:
			prev = m[1]
		}
	}
	if ans.AsOf == "" {
		t.Errorf("AsOf is empty for an answer citing dated articles")
	}
	for _, c := range ans.Citations {
		if c.Source == "002_bcc062b99b0d70aa.txt" && c.Date != "2025-05-17" {
			t.Errorf("citation of %s has date %q", c.Source, c.Date)
		}
	}
}
