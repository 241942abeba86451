package prompts

import (
	"strings"
	"unicode/utf8"
)

// Turn is one earlier exchange shown to the rewrite prompt.
type Turn struct {
	Question string // what was asked
	Answer   string // the answer's text, "" when there was none
}

// maxRewriteAnswer caps each earlier answer shown to the rewrite prompt, in
// bytes: the names a follow-up leans on come early, and the call must stay
// short.
const maxRewriteAnswer = 400

// rewriteData is what rewrite_user.tmpl renders; every field is already
// neutralised.
type rewriteData struct {
	Turns    []Turn
	Question string
}

// BuildRewrite returns the [system, user] messages that ask the model to
// rewrite question, a follow-up, into a standalone question using the
// earlier turns, oldest first. Turns and question are untrusted and
// neutralised like passages. An empty question returns [ErrEmptyQuestion].
func BuildRewrite(question string, turns []Turn) ([]Message, error) {
	if strings.TrimSpace(question) == "" {
		return nil, ErrEmptyQuestion
	}
	data := rewriteData{Question: neutralise(oneLine(question))}
	for _, t := range turns {
		q := oneLine(t.Question)
		if q == "" {
			continue
		}
		a := oneLine(t.Answer)
		if len(a) > maxRewriteAnswer {
			cut := maxRewriteAnswer
			for cut > 0 && !utf8.RuneStart(a[cut]) {
				cut--
			}
			a = a[:cut] + "…"
		}
		data.Turns = append(data.Turns, Turn{Question: neutralise(q), Answer: neutralise(a)})
	}
	system, err := render("rewrite_system.tmpl", data)
	if err != nil {
		return nil, err
	}
	user, err := render("rewrite_user.tmpl", data)
	if err != nil {
		return nil, err
	}
	return []Message{{Role: RoleSystem, Content: system}, {Role: RoleUser, Content: user}}, nil
}

// oneLine folds s's blanks and line breaks into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
