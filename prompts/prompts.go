// Package prompts renders the LLM prompts from embedded text/template files.
package prompts

// Message is one chat message, as the OpenAI chat API takes it.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string // the message text
}

// Passage is one retrieved passage shown to the model as [N].
type Passage struct {
	N      int    // 1-based number the model cites
	Source string // article file name
	Title  string // article title, may be empty
	Date   string // article date (YYYY-MM-DD), may be empty
	Text   string // the passage itself
}
