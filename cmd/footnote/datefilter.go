package main

import (
	"fmt"
	"time"

	"footnote/answer"
)

// dateFilter is the --since/--until pair of a command.
type dateFilter struct {
	since, until time.Time
}

// addDateFlags declares --since and --until on c; parse reads them after
// the flags are parsed.
func addDateFlags(c *command) (parse func() (dateFilter, error)) {
	since := c.fs.String("since", "", "only use articles dated on or after this day (YYYY-MM-DD)")
	until := c.fs.String("until", "", "only use articles dated on or before this day (YYYY-MM-DD)")
	return func() (dateFilter, error) {
		var f dateFilter
		var err error
		if f.since, err = parseDay("--since", *since); err != nil {
			return f, err
		}
		if f.until, err = parseDay("--until", *until); err != nil {
			return f, err
		}
		if !f.since.IsZero() && !f.until.IsZero() && f.until.Before(f.since) {
			return f, usageError{fmt.Sprintf("--until %s is before --since %s", *until, *since)}
		}
		return f, nil
	}
}

// parseDay parses a YYYY-MM-DD flag value; "" is no bound.
func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("%s must be a day as YYYY-MM-DD, got %q", flag, s)}
	}
	return t, nil
}

// apply sets the filter on a request.
func (f dateFilter) apply(req *answer.Request) {
	req.Since, req.Until = f.since, f.until
}
