package prompts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fenceNames are the prompt's own tag names. A tag of another name (<b>,
// <3) is harmless and left alone, so article text is quoted as written.
var fenceNames = []string{"passage", "question", "history", "system", "user", "assistant", "instruction", "instructions"}

// bracketTokens are chat-template control tokens written in square
// brackets, without a "<" (Mistral's [INST], [/INST], [SYSTEM_PROMPT]…).
// Those with a "<" (<|im_start|>, <|eot_id|>, <s>, <start_of_turn>) are
// defused with every other "<".
var bracketTokens = []string{"inst", "system_prompt", "available_tools", "tool_calls", "tool_results", "tool_content"}

// Escapes put in place of what untrusted text may not carry into a prompt.
const (
	escLT      = "&lt;"
	escBracket = "&#91;"
)

// neutralise makes untrusted text unable to close or fake a fence, or to
// speak the chat template's control tokens:
//
//   - every character whose NFKC form holds a "<" ("<", full-width "＜",
//     small-form "﹤") becomes "&lt;", whatever follows it. Escaping them
//     all, rather than recognising tags, is the robust choice: no
//     homoglyph, invisible character, combining mark or length of padding
//     inside a name can smuggle a fence past it, and no tag of any name
//     (<passage>, <|im_start|>, </s>) can open. The cost is cosmetic: the
//     rare article "<" reads "&lt;", which models read as "<";
//   - a lookalike of "<" that NFKC keeps apart ("‹", "〈", "˂", and "︿",
//     whose NFKC form is "〈") becomes "&lt;" where the skeleton of what
//     follows reads as one of the prompt's tags, so guillemets and CJK
//     brackets elsewhere stay;
//   - the "[" of a bracketed control token ("[INST]", "[/INST]") becomes
//     "&#91;", read the same way but no longer the token;
//   - Unicode TAG characters (U+E0000–E007F), invisible ASCII, are dropped.
func neutralise(s string) string {
	if !needsNeutralising(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		i += size
		always, lookalike := lessThan(r)
		switch {
		case isTagChar(r):
			// dropped
		case always:
			b.WriteString(escLT)
		case lookalike && startsFenceTag(rest):
			b.WriteString(escLT)
		case r == '[' && startsBracketToken(rest):
			b.WriteString(escBracket)
		default:
			b.WriteString(s[i-size : i]) // as written, even invalid UTF-8
		}
	}
	return b.String()
}

// lessThan reports whether r is "<" or holds one in its NFKC form
// (always: full-width "＜", small-form "﹤"), or reads as one only once
// lookalikes are folded (lookalike: "‹", "〈", and "︿", whose NFKC form is
// "〈"). It normalises r once.
func lessThan(r rune) (always, lookalike bool) {
	if r < utf8.RuneSelf {
		return r == '<', false
	}
	if confusableASCII[r] == '<' {
		return false, true
	}
	nf := norm.NFKC.String(string(r))
	if strings.ContainsRune(nf, '<') {
		return true, false
	}
	for _, k := range nf {
		if confusableASCII[unicode.ToLower(k)] == '<' {
			return false, true
		}
	}
	return false, false
}

// needsNeutralising reports whether s holds anything neutralise changes:
// the common case, plain text, is returned as it is.
func needsNeutralising(s string) bool {
	for _, r := range s {
		if r == '<' || r == '[' || r >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// tagName reads the skeleton of rest as the start of a tag: blanks and
// invisible characters, an optional "/" (or a lookalike), blanks, then a
// name of letters, digits and "_". It returns the name and what follows
// it. Invisible characters are skipped however many there are.
func tagName(rest string) (name string, after string) {
	var n []rune
	slash := false
	var buf []rune
	for i, r := range rest {
		buf = skeletonRune(buf[:0], r)
		for _, k := range buf {
			switch {
			case len(n) == 0 && unicode.IsSpace(k):
			case len(n) == 0 && k == '/' && !slash:
				slash = true
			case unicode.IsLetter(k) || unicode.IsDigit(k) || k == '_':
				n = append(n, k)
			default:
				return string(n), rest[i:]
			}
		}
	}
	return string(n), ""
}

// startsFenceTag reports whether rest, the text after a "<" or a lookalike,
// reads as one of fenceNames opening or closing.
func startsFenceTag(rest string) bool {
	name, _ := tagName(rest)
	return slices.Contains(fenceNames, name)
}

// startsBracketToken reports whether rest, the text after a "[", reads as
// one of bracketTokens and its "]".
func startsBracketToken(rest string) bool {
	name, after := tagName(rest)
	if !slices.Contains(bracketTokens, name) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeftFunc(Skeleton(firstRunes(after, 8)), unicode.IsSpace), "]")
}

// firstRunes returns at most n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// attrEscaper escapes an attribute value so it cannot end its quotes.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;")

// attr makes untrusted text safe as a one-line, double-quoted attribute value.
func attr(s string) string {
	return neutralise(attrEscaper.Replace(strings.Join(strings.Fields(s), " ")))
}
