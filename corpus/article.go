// Package corpus holds footnote's default articles and the loader that turns
// a directory of .txt/.md files into cleaned [Article]s.
package corpus

// Article is one cleaned article of the corpus. Citations name it by Source.
type Article struct {
	// Source is the file's path relative to the corpus root, with forward
	// slashes ("004_c2f305a5063d9f21.txt"). Answers cite it, so it is kept
	// exactly as the file is named.
	Source string
	// Title is the article's first line (after cleaning).
	Title string
	// Date is the article's publish date as YYYY-MM-DD, from the first of:
	// front matter, the leading " date 2025-05-16" marker, an HTML page's
	// metadata (article:published_time, JSON-LD datePublished), a dateline
	// ("PORTLAND, June 2, 2025 —"). "" when the article is undated.
	Date string
	// URL is the article's address on the web, from front matter ("url:")
	// or an HTML page's canonical URL; "" when unknown.
	URL string
	// Text is the cleaned article body: whitespace normalised, paragraphs
	// separated by "\n\n", boilerplate (navigation, footers, headline lists,
	// repeated paragraphs) removed. Spans in citations are byte offsets into it.
	Text string
	// Size is the size of the raw file in bytes.
	Size int64
	// Warnings lists what the loader repaired, such as invalid UTF-8 bytes
	// that were replaced. Empty for a clean file.
	Warnings []string
}
