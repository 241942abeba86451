package discord_test

import (
	"testing"
	"time"

	"footnote/internal/fakediscord"
)

func TestAskSinceUntilOptions(t *testing.T) {
	h := startBot(t, &scripted{})
	ask := h.interact(fakediscord.Interaction{Command: fakediscord.Command{Name: "ask", Options: map[string]string{"question": "where?", "since": "2025-05-01", "until": "2025-05-31"}}})
	if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(editOriginal(ask))); err != nil {
		t.Fatal(err)
	}
	reqs := h.ans.requests()
	if len(reqs) != 1 || reqs[0].Since.Format(time.DateOnly) != "2025-05-01" || reqs[0].Until.Format(time.DateOnly) != "2025-05-31" {
		t.Fatalf("requests %+v, want one limited to May 2025", reqs)
	}
	for _, opts := range []map[string]string{
		{"question": "where?", "since": "May 2025"},
		{"question": "where?", "since": "2025-06-01", "until": "2025-05-01"},
	} {
		bad := h.interact(fakediscord.Interaction{Command: fakediscord.Command{Name: "ask", Options: opts}})
		if _, err := h.srv.WaitFor(h.wait(5*time.Second), fakediscord.Succeeded(followup(bad))); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(h.ans.requests()); n != 1 {
		t.Errorf("a bad date reached the engine (%d requests)", n)
	}
}
