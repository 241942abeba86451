// Command footnote answers questions from a corpus of news articles and cites
// the article file each fact comes from: on the command line, in an
// interactive chat harness, or as a Discord bot.
//
// Run "footnote help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	// exitInterrupted is the shell's code for a command ended by Ctrl-C
	// (128 + SIGINT).
	exitInterrupted = 130
)

// errUsage marks a usage error; the message has already been printed.
var errUsage = errors.New("usage")

// usageError is a bad command line: exit 2 with the message and a hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// app is one run of the program: its streams and settings. Commands are
// methods on it so tests can run them in-process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lookup         lookupFunc
	// envErr is a broken .env file, reported when a command needs the
	// settings (so --help still works).
	envErr error
	// settingNames lists the variables set in the environment and .env,
	// to warn about unknown (mistyped) settings; nil skips the check.
	settingNames func() []string
	// isTerminal reports whether stdout is an interactive terminal (progress
	// bars, streaming, line editing).
	isTerminal bool
	stdinTTY   bool
	// stderrWidth is stderr's width in columns when stderr is a terminal
	// (the progress bar draws there), 0 when it is not.
	stderrWidth int
	// stdoutWidth reports stdout's width in columns now (it changes when
	// the window does) when stdout is a terminal; nil or 0: no wrapping.
	stdoutWidth func() int
}

const mainUsage = `footnote answers questions from a corpus of news articles and cites its sources.

Usage:
  footnote <command> [flags] [arguments]

Commands:
  ask      answer one question (or one per line from stdin)
  chat     interactive harness that behaves like the Discord bot
  sources  list the articles in the corpus
  index    build and persist the search index (--watch: keep it current)
  fetch    save the new items of RSS/Atom feeds into the corpus directory
  eval     grade answers against a question set (JSONL)
  serve    run the Discord bot (gateway, or --http for the interactions endpoint)
  feedback export the 👎 votes from Discord as question-set cases
  version  print the version of footnote, Go and the key libraries
  help     show this help

Run "footnote <command> --help" for a command's flags.
Settings come from the environment or a .env file; see .env.example.
`

func main() {
	a := &app{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		isTerminal: isTerminal(os.Stdout),
		stdinTTY:   isTerminal(os.Stdin),
	}
	if a.isTerminal {
		a.stdoutWidth = func() int { return terminalWidth(os.Stdout) }
	}
	if isTerminal(os.Stderr) {
		a.stderrWidth = terminalWidth(os.Stderr)
		if a.stderrWidth <= 0 {
			a.stderrWidth = 80
		}
		a.stderrWidth = max(a.stderrWidth, 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := a.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code. Errors are
// printed here, once, as one line on stderr.
func (a *app) run(ctx context.Context, args []string) int {
	if a.lookup == nil {
		a.lookup, a.envErr = envLookup(".env")
		a.settingNames = func() []string { return settingNames(".env") }
	}
	if len(args) == 0 {
		fmt.Fprint(a.stderr, mainUsage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "help", "-h", "-help", "--help":
		if len(rest) == 1 && rest[0] != "help" {
			// "footnote help ask" is "footnote ask --help".
			return a.run(ctx, []string{rest[0], "--help"})
		}
		fmt.Fprint(a.stdout, mainUsage)
		return exitOK
	case "version", "--version", "-version":
		info, ok := debug.ReadBuildInfo()
		writeVersion(a.stdout, info, ok)
		return exitOK
	case "ask":
		err = a.cmdAsk(ctx, rest)
	case "chat":
		err = a.cmdChat(ctx, rest)
	case "sources":
		err = a.cmdSources(ctx, rest)
	case "index":
		err = a.cmdIndex(ctx, rest)
	case "eval":
		err = a.cmdEval(ctx, rest)
	case "serve":
		err = a.cmdServe(ctx, rest)
	case "feedback":
		err = a.cmdFeedback(ctx, rest)
	case "fetch":
		err = a.cmdFetch(ctx, rest)
	default:
		fmt.Fprintf(a.stderr, "footnote: unknown command %q (see 'footnote help')\n", cmd)
		return exitUsage
	}
	return a.exitCode(cmd, err)
}

func (a *app) exitCode(cmd string, err error) int {
	var ue usageError
	var ee exitErr
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "footnote %s: %v (see 'footnote %s --help')\n", cmd, ue.msg, strings.TrimSpace(cmd))
		return exitUsage
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return exitInterrupted // Ctrl-C (SIGINT) or SIGTERM ended the command
	default:
		fmt.Fprintf(a.stderr, "footnote %s: %s\n", cmd, oneLine(err.Error()))
		return exitError
	}
}

// exitErr ends a command with a code and no further message (it printed its own).
type exitErr struct{ code int }

func (e exitErr) Error() string { return fmt.Sprintf("exit %d", e.code) }

// oneLine folds a multi-line error (errors.Join) into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// newFlagSet returns a FlagSet that never prints or exits by itself: the
// flag package would print the usage on every parse error, and footnote's
// errors are one line on stderr. --help is printed by printHelp instead.
func (a *app) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// width is the column count replies are wrapped to: stdout's width on a
// terminal, else 0 (no wrapping).
func (a *app) width() int {
	if a.stdoutWidth == nil {
		return 0
	}
	return a.stdoutWidth()
}

// flagMetavars name the values of flags in help, as the usage lines do.
var flagMetavars = map[string]string{"corpus": "DIR", "store": "URL", "http": "ADDR", "out": "FILE", "min": "RATE"}

// printHelp writes a command's usage text and its flags to stdout, in the
// one style the usage texts and README use (--corpus DIR).
func (a *app) printHelp(fs *flag.FlagSet, usage string) {
	fmt.Fprint(a.stdout, usage)
	fmt.Fprintln(a.stdout, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		if m, ok := flagMetavars[f.Name]; ok && name != "" {
			name = m
		}
		head := "  --" + f.Name
		if name != "" {
			head += " " + strings.ToUpper(name)
		}
		fmt.Fprintf(a.stdout, "%s\n      %s\n", head, help)
	})
}

// corpusFlagHelp documents the --corpus flag every command shares.
const corpusFlagHelp = "directory of .txt/.md/.html articles (default: FOOTNOTE_CORPUS_DIR or the embedded corpus)"

// storeFlagHelp documents the --store flag every command shares.
const storeFlagHelp = "postgres:// URL of a shared PostgreSQL+pgvector store (default: FOOTNOTE_STORE; none: the embedded index)"

// command is one subcommand's flag set with the flags all commands share.
type command struct {
	fs        *flag.FlagSet
	usage     string
	corpusDir *string
	store     *string
}

func (a *app) newCommand(name, usage string) *command {
	fs := a.newFlagSet(name)
	return &command{fs: fs, usage: usage, corpusDir: fs.String("corpus", "", corpusFlagHelp), store: fs.String("store", "", storeFlagHelp)}
}

// setup parses a command's arguments, allowing at most maxArgs positional
// ones (any number when negative), and loads the configuration with the
// shared flags applied.
func (a *app) setup(c *command, args []string, maxArgs int) (Config, []string, error) {
	pos, err := parseFlags(c.fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printHelp(c.fs, c.usage)
	}
	if err != nil {
		return Config{}, nil, err
	}
	if maxArgs >= 0 && len(pos) > maxArgs {
		return Config{}, nil, usageError{fmt.Sprintf("unexpected argument %q", pos[maxArgs])}
	}
	corpusSet := false
	c.fs.Visit(func(f *flag.Flag) { corpusSet = corpusSet || f.Name == "corpus" })
	if corpusSet && strings.TrimSpace(*c.corpusDir) == "" {
		return Config{}, nil, usageError{"--corpus needs a directory (leave the flag out to use FOOTNOTE_CORPUS_DIR or the built-in articles)"}
	}
	cfg, err := a.config()
	if err != nil {
		return Config{}, nil, err
	}
	if corpusSet {
		dir, err := expandHome(*c.corpusDir)
		if err != nil {
			return Config{}, nil, usageError{"--corpus: " + err.Error()}
		}
		cfg.CorpusDir = dir
	}
	if *c.store != "" {
		cfg.Store.URL = *c.store
		if err := cfg.Store.validate(); err != nil {
			return Config{}, nil, usageError{strings.Replace(err.Error(), "FOOTNOTE_STORE", "--store", 1)}
		}
	}
	return cfg, pos, nil
}

// parseFlags parses flags anywhere among the arguments ("ask 'q' --json"
// works as well as "ask --json 'q'"); "--" ends flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// fs.Parse stops at the first positional argument, or consumed "--".
		consumedDashes := len(args) > len(rest) && args[len(args)-len(rest)-1] == "--"
		if consumedDashes {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
