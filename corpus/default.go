package corpus

import (
	"embed"
	"io/fs"
)

// articlesFS holds the default corpus compiled into the binary, so footnote
// answers out of the box with no files on disk.
//
//go:embed articles/*.txt
var articlesFS embed.FS

// Default returns the embedded default corpus, rooted at the articles so
// that file names sit at the root ("000_2a32f4e3c815aa48.txt").
func Default() fs.FS {
	sub, err := fs.Sub(articlesFS, "articles")
	if err != nil {
		// Unreachable: "articles" is a valid constant path embedded above.
		panic("corpus: embedded articles: " + err.Error())
	}
	return sub
}
