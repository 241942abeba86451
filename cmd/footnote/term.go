package main

import (
	"os"

	"golang.org/x/term"
)

// isTerminal reports whether f is an interactive terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// ANSI styles for the few lines cmd draws itself (the renderers in bot
// draw replies).
const (
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// style wraps s in an ANSI code when color is on.
func style(color bool, code, s string) string {
	if !color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// terminalWidth is f's width in columns, or 0 when unknown.
func terminalWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}
