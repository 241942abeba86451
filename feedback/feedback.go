// Package feedback records what users think of answers (the 👍/👎 buttons
// under every Discord answer) and turns the 👎 ones into question-set cases,
// so the evaluation set grows from real use.
package feedback

import (
	"context"
	"errors"
	"time"
)

// Votes a Record holds.
const (
	Up   = "up"
	Down = "down"
)

// ErrDuplicate is returned by Store.Add when the same user already voted on
// the same answer: a double click or a redelivered interaction records once.
var ErrDuplicate = errors.New("feedback already recorded")

// Citation is a cited source as the answer showed it.
type Citation struct {
	N      int    `json:"n"`
	Source string `json:"source"`
	Quote  string `json:"quote,omitempty"`
}

// Record is one vote on one answer.
type Record struct {
	// AnswerID identifies the answer (its Discord message); with UserID it
	// makes a vote unique.
	AnswerID  string     `json:"answer_id"`
	Question  string     `json:"question"`
	Answer    string     `json:"answer"`
	Answered  bool       `json:"answered"`
	Citations []Citation `json:"citations"`
	Mode      string     `json:"mode"`
	GuildID   string     `json:"guild_id,omitempty"`
	ChannelID string     `json:"channel_id,omitempty"`
	UserID    string     `json:"user_id"`
	Vote      string     `json:"vote"` // Up or Down
	Time      time.Time  `json:"time"`
}

// Validate reports what is wrong with r, if anything.
func (r Record) Validate() error {
	switch {
	case r.AnswerID == "":
		return errors.New("feedback: record has no answer id")
	case r.UserID == "":
		return errors.New("feedback: record has no user id")
	case r.Vote != Up && r.Vote != Down:
		return errors.New("feedback: vote must be up or down")
	}
	return nil
}

// Store keeps feedback records. Implementations: [*File] (JSONL under the
// index directory) and the Postgres store.
type Store interface {
	// Add records r once: ErrDuplicate when r.UserID already voted on
	// r.AnswerID.
	Add(ctx context.Context, r Record) error
	// All returns every record, oldest first.
	All(ctx context.Context) ([]Record, error)
}
