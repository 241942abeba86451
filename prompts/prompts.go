// Package prompts renders the LLM prompts from embedded text/template files.
package prompts

// Message is one chat message, as the OpenAI chat API takes it.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// Passage is one retrieved passage shown to the model as [N].
type Passage struct {
	N      int    // 1-based number the model cites
	Source string // article file name
	Title  string
	Date   string
	Text   string
}
