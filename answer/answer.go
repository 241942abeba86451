// Package answer is footnote's answer engine: it turns a question into a
// cited [Answer], extractively (offline) or generatively (with an LLM).
package answer

import (
	"context"
	"errors"
	"time"
)

// Modes an Answer reports.
const (
	ModeExtractive = "extractive"
	ModeGenerative = "generative"
)

// Sentinel errors callers branch on.
var (
	// ErrEmptyQuestion is returned for a question with no words.
	ErrEmptyQuestion = errors.New("question is empty")
	// ErrQuestionTooLong is returned for a question over the length cap.
	ErrQuestionTooLong = errors.New("question is too long")
)

// Citation ties a numbered marker [N] in an answer to the article it comes from.
type Citation struct {
	N      int    `json:"n"`               // the marker's number, 1-based
	Source string `json:"source"`          // the article's file name
	Title  string `json:"title,omitempty"` // the article's title
	// Date is the article's publish date (YYYY-MM-DD), "" when undated.
	Date  string `json:"date,omitempty"`
	Quote string `json:"quote"` // the cited sentence (possibly shortened)
	// Start and End are the byte span of the quoted sentence in the
	// article's text as footnote read it (corpus.Article.Text: the file
	// after cleaning), not in the raw file.
	Start int `json:"start"`
	End   int `json:"end"`
	// Passage is the whole retrieved passage the quote comes from, and
	// PassageStart its byte offset in the article's cleaned text, for a
	// transport that shows the passage on demand (Discord's "Show passage"
	// button). Not part of the JSON: scripts have start/end and the file.
	Passage      string `json:"-"`
	PassageStart int    `json:"-"`
	// URL is the article's web address, "" when unknown.
	URL string `json:"url,omitempty"`
	// AlsoIn names other article files that carry the same text (wire
	// copies collapsed by retrieval).
	AlsoIn []string `json:"also_in,omitempty"`
}

// Answer is the engine's reply to one question.
type Answer struct {
	// Question is the question as asked.
	Question string `json:"question"`
	// Text is the short answer with [N] markers, or a plain statement that
	// the corpus does not say when Answered is false.
	Text string `json:"answer"`
	// Answered is false when the articles do not hold the answer.
	Answered bool `json:"answered"`
	// Citations back the [N] markers in Text, in order of N.
	Citations []Citation `json:"citations"`
	// Mode is ModeExtractive or ModeGenerative: how Text was written.
	Mode string `json:"mode"`
	// Rewritten is the standalone question a follow-up was rewritten
	// into before retrieval ("what was Vladimir Medinsky's previous
	// job?"); empty when the question was used as asked.
	Rewritten string `json:"rewritten,omitempty"`
	// Claims are the answer's checkable statements with the citations
	// that support them, when the engine checked them (the generative
	// engine does); empty otherwise.
	Claims []Claim `json:"claims,omitempty"`
	// Verified counts the claims a cited passage was found to support.
	Verified int `json:"verified"`
	// Check tallies what checking the claims changed; nil when the engine
	// did not check them.
	Check *CheckStats `json:"check,omitempty"`
	// Confidence is the engine's estimate, in [0,1], that Text answers the
	// question correctly from the articles (for a decline: that answering
	// would have been right). Engines that cannot estimate it report 0 for
	// declines and 1 for answers. eval uses it for risk–coverage curves.
	Confidence float64 `json:"confidence"`
	// AsOf is the newest publish date (YYYY-MM-DD) among the cited
	// articles: the answer is current as of that day. "" when no cited
	// article is dated.
	AsOf string `json:"as_of,omitempty"`
	// Note is a one-line remark for the user, such as a fallback from the
	// LLM to the extractive answer. Empty when there is nothing to say.
	Note string `json:"note,omitempty"`
}

// Claim is one statement of an answer and its evidence.
type Claim struct {
	// Text is the claim as written, without markers.
	Text string `json:"text"`
	// Citations are the markers [N] the claim carries after checking
	// (numbers of Answer.Citations).
	Citations []int `json:"citations"`
	// Supported reports whether a cited passage states the claim.
	Supported bool `json:"supported"`
	// Quote is the passage sentence that supports the claim ("" when
	// none does).
	Quote string `json:"quote,omitempty"`
}

// CheckStats tallies a claim check: claims checked, markers moved to the
// passage that supports their claim, markers dropped because no passage
// does, and claims no passage supports.
type CheckStats struct {
	Checked     int `json:"checked"`
	Moved       int `json:"moved"`
	Dropped     int `json:"dropped"`
	Unsupported int `json:"unsupported"`
}

// Request is one question put to an Answerer.
type Request struct {
	// Question is the user's question.
	Question string
	// History holds the earlier turns of the same conversation, oldest
	// first, so a follow-up ("and who led Russia's?", "what was his
	// previous job?") can be resolved against earlier questions and answers.
	History []Turn
	// Since and Until, when non-zero, limit the answer to articles dated
	// within them; Sources, when non-empty, to these article files. They
	// filter retrieval, not just the display.
	Since, Until time.Time
	Sources      []string
	// OnDelta, when set, receives partial answer text as it is generated.
	// Only the generative mode streams; the extractive mode never calls it.
	OnDelta func(delta string)
}

// Turn is one earlier exchange of a conversation.
type Turn struct {
	// Question is what was asked.
	Question string `json:"question"`
	// Answer is the answer's text as shown (markers included); empty when
	// the question was declined or not answered.
	Answer string `json:"answer,omitempty"`
}

// Questions returns the questions of turns, oldest first.
func Questions(turns []Turn) []string {
	out := make([]string, len(turns))
	for i, t := range turns {
		out[i] = t.Question
	}
	return out
}

// QuestionTurns makes turns of questions alone (no answers known), as a
// question set's follow-up cases give them.
func QuestionTurns(questions []string) []Turn {
	out := make([]Turn, len(questions))
	for i, q := range questions {
		out[i] = Turn{Question: q}
	}
	return out
}

// Answerer answers questions from the corpus.
type Answerer interface {
	// Answer answers req. Errors are for bad input (ErrEmptyQuestion,
	// ErrQuestionTooLong) and failures; "the articles don't say" is an
	// Answer with Answered false, not an error.
	Answer(ctx context.Context, req Request) (Answer, error)
}
