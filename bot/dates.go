package bot

import (
	"fmt"
	"strings"
	"time"
)

// dateRange parses the since/until options of a question (YYYY-MM-DD,
// either may be empty). msg is the reply for a bad one, "" when both are
// fine.
func dateRange(sinceText, untilText string) (since, until time.Time, msg string) {
	parse := func(name, s string) (time.Time, string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}, ""
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, fmt.Sprintf("The %s: date must be a day written YYYY-MM-DD, such as 2025-05-16.", name)
		}
		return t, ""
	}
	if since, msg = parse("since", sinceText); msg != "" {
		return
	}
	if until, msg = parse("until", untilText); msg != "" {
		return
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		return since, until, "The until: date is before the since: date."
	}
	return since, until, ""
}
