package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// NoAnswer is the whole reply the model is told to give when the passages
// do not answer the question; the answer engine compares the reply with it.
const NoAnswer = "NOT_IN_CORPUS"

// Roles of the messages Build returns.
const (
	RoleSystem = "system"
	RoleUser   = "user"
)

// Errors Build returns; callers branch on them with errors.Is.
var (
	// ErrEmptyQuestion is returned for a question that is empty or blank.
	ErrEmptyQuestion = errors.New("prompt: question is empty")
	// ErrBadPassage is returned for passage numbers that are negative or
	// repeated, which would make citations ambiguous.
	ErrBadPassage = errors.New("prompt: bad passage number")
)

//go:embed system.tmpl user.tmpl rewrite_system.tmpl rewrite_user.tmpl
var templateFiles embed.FS

// templates are parsed once; text/template is safe for concurrent use, and
// the files are compiled in, so a parse failure is a build bug caught by
// the tests rather than a runtime condition.
var templates = template.Must(template.ParseFS(templateFiles, "*.tmpl"))

// userData is what user.tmpl renders; every field is already neutralised.
type userData struct {
	History  []string
	Passages []Passage
	Question string
	NoAnswer string
}

// Build returns the [system, user] messages that ask the model to answer
// question from passages, citing them by number. history holds earlier
// questions of the conversation, oldest first; blank entries are skipped.
//
// Passage text, titles, sources, history and the question are untrusted:
// anything in them that could close or fake the <passage>, <question> or
// <history> fences is neutralised. A passage with N == 0 is numbered by its
// position (1-based). No passages is allowed (the model is then told to
// reply [NoAnswer]); an empty question returns [ErrEmptyQuestion], and a
// negative or repeated passage number [ErrBadPassage].
func Build(question string, history []string, passages []Passage) ([]Message, error) {
	if strings.TrimSpace(question) == "" {
		return nil, ErrEmptyQuestion
	}
	ps, err := fencePassages(passages)
	if err != nil {
		return nil, err
	}
	data := userData{
		History:  fenceHistory(history),
		Passages: ps,
		Question: neutralise(strings.TrimSpace(question)),
		NoAnswer: NoAnswer,
	}
	system, err := render("system.tmpl", data)
	if err != nil {
		return nil, err
	}
	user, err := render("user.tmpl", data)
	if err != nil {
		return nil, err
	}
	return []Message{{Role: RoleSystem, Content: system}, {Role: RoleUser, Content: user}}, nil
}

func render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// fencePassages numbers the passages and neutralises their fields.
func fencePassages(passages []Passage) ([]Passage, error) {
	out := make([]Passage, len(passages))
	seen := make(map[int]bool, len(passages))
	for i, p := range passages {
		n := p.N
		if n == 0 {
			n = i + 1
		}
		if n < 0 || seen[n] {
			return nil, fmt.Errorf("%w: passage %d has number %d", ErrBadPassage, i+1, p.N)
		}
		seen[n] = true
		out[i] = Passage{
			N:      n,
			Source: attr(p.Source),
			Title:  attr(p.Title),
			Date:   attr(p.Date),
			Text:   neutralise(strings.TrimSpace(p.Text)),
		}
	}
	return out, nil
}

// fenceHistory keeps the non-blank earlier questions, one line each.
func fenceHistory(history []string) []string {
	var out []string
	for _, h := range history {
		h = strings.Join(strings.Fields(h), " ")
		if h != "" {
			out = append(out, neutralise(h))
		}
	}
	return out
}
