package corpus

import "strings"

// maxFrontMatter bounds the lines searched for the end of a front matter
// block, so a file that merely starts with a rule is not swallowed.
const maxFrontMatter = 60

// frontMatter is the metadata of a Markdown file's leading YAML block.
type frontMatter struct {
	title, date, url string
}

// splitFrontMatter removes a leading "---" … "---" YAML block from the
// lines of a Markdown or text file and reads its title, date and URL. Only flat
// "key: value" lines are understood; that is all article metadata needs.
func splitFrontMatter(lines []string) (frontMatter, []string) {
	var fm frontMatter
	if len(lines) == 0 || lines[0] != "---" {
		return fm, lines
	}
	end := -1
	for i := 1; i < len(lines) && i <= maxFrontMatter; i++ {
		if lines[i] == "---" || lines[i] == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return fm, lines
	}
	for _, l := range lines[1:end] {
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		val = strings.Trim(strings.TrimSpace(val), `"'`)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			fm.title = collapseSpaces(val)
		case "url", "link", "canonical_url", "source_url":
			fm.url = val
		case "date", "published", "pubdate", "published_at":
			if d, _, ok := findDate(val); ok {
				fm.date = d
			}
		}
	}
	return fm, lines[end+1:]
}
