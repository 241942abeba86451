package corpus

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlDoc is what an HTML page yields: its metadata and the paragraphs of
// its main text.
type htmlDoc struct {
	title, date, url string
	paras            []string
}

// sniffBytes is how much of a file is looked at to tell HTML from text.
const sniffBytes = 8 << 10

var (
	htmlStart = regexp.MustCompile(`(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b`)
	htmlTag   = regexp.MustCompile(`(?i)</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|article|section|script|style|meta|link|table|tr|td|strong|em|figure|img|header|footer|nav)\b[^<>]*>`)
)

// isHTML reports whether a file holds an HTML page: by its extension
// (.html, .htm), or, for a text file, by its content (a doctype or <html>
// start, or markup tags all over the first bytes), so that a page saved as
// .txt is extracted rather than indexed with its tags.
func isHTML(source string, raw []byte) bool {
	switch strings.ToLower(path.Ext(source)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	head := raw[:min(len(raw), sniffBytes)]
	if htmlStart.Match(head) {
		return true
	}
	need := 8
	if isMarkdown(source) {
		need = 30 // Markdown may hold some inline HTML
	}
	return len(htmlTag.FindAllIndex(head, need)) >= need
}

// extractHTML finds the main text of an HTML page with go-readability and
// its metadata: title, publish date (meta article:published_time, JSON-LD
// datePublished and the like, as readability reads them) and canonical URL
// (<link rel="canonical">, else og:url). text is the page, already decoded.
func extractHTML(text string) (htmlDoc, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return htmlDoc{}, fmt.Errorf("parse HTML: %w", err)
	}
	out := htmlDoc{url: canonicalURL(doc)}
	var base *url.URL
	if out.url != "" {
		base, _ = url.Parse(out.url)
	}
	art, err := readability.FromDocument(doc, base)
	if err == nil && art.Node != nil {
		out.paras = blockTexts(art.Node)
		out.title = collapseSpaces(art.Title)
		if art.PublishedTime != nil {
			out.date = art.PublishedTime.UTC().Format("2006-01-02")
		}
	}
	if len(out.paras) == 0 {
		// readability found no article: fall back to all of the body's text.
		out.paras = blockTexts(doc)
	}
	if out.title != "" && (len(out.paras) == 0 || phrase(out.paras[0]) != phrase(out.title)) {
		out.paras = append([]string{out.title}, out.paras...)
	}
	return out, nil
}

// canonicalURL returns the page's canonical URL, or its og:url, or "".
func canonicalURL(doc *html.Node) string {
	var canonical, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = attr(n, "href")
				}
			case atom.Meta:
				if attr(n, "property") == "og:url" && og == "" {
					og = attr(n, "content")
				}
			case atom.Body:
				return // metadata lives in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, u := range []string{canonical, og} {
		if p, err := url.Parse(strings.TrimSpace(u)); err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
			return p.String()
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// skipped are elements whose text is never article prose; figcaption is a
// photo caption.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Figcaption: true, atom.Nav: true, atom.Button: true, atom.Form: true,
	atom.Select: true, atom.Svg: true, atom.Iframe: true, atom.Head: true,
}

// blocks are the elements that end a paragraph.
var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
	atom.Article: true, atom.Section: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Table: true, atom.Tr: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Figure: true, atom.Main: true, atom.Body: true, atom.Br: true, atom.Hr: true,
	atom.Address: true,
}

// blockTexts returns the text of n as paragraphs: one per block element,
// whitespace collapsed, empty ones dropped.
func blockTexts(n *html.Node) []string {
	var out []string
	var cur bytes.Buffer
	flush := func() {
		if p := collapseSpaces(cur.String()); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
		case html.CommentNode:
			return
		}
		block := n.Type == html.ElementNode && blockElems[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}
