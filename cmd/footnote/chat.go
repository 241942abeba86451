package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"

	"footnote/bot"
)

const chatUsage = `Usage: footnote chat [--corpus DIR]

An interactive harness over the same conversation core as the Discord bot.
Type a question, or /ask QUESTION, /sources, /help. Follow-up questions use
the earlier turns. On a terminal you get line editing and history (saved in
FOOTNOTE_INDEX_DIR); /quit, exit or Ctrl-D quits, Ctrl-C quits with exit
status 130. Unlike the shared bot, the harness has no per-user rate limit.
Like the bot, it re-indexes a corpus directory when its files change
(FOOTNOTE_WATCH).
`

// chatConversation is the conversation and user ID of the local harness.
const chatConversation = "cli"

func (a *app) cmdChat(ctx context.Context, args []string) error {
	cfg, _, err := a.setup(a.newCommand("chat", chatUsage), args, 0)
	if err != nil {
		return err
	}
	eng, err := a.newEngine(ctx, cfg, engineOptions{progress: true, watch: true})
	if err != nil {
		return err
	}
	opts := coreOptions(eng, cfg)
	// The local operator is the only user: the per-user rate limit protects
	// a shared bot from abuse and would only get in the way here. Everything
	// else (parsing, history, caps, formatting) is the bot's.
	opts.RatePerMinute = math.Inf(1)
	opts.HowToAsk = bot.ChatHowToAsk
	core, err := bot.New(opts)
	if err != nil {
		return err
	}
	stopNews := a.startNews(ctx, cfg, eng, a.logger(cfg), false, core.SetSources)
	defer stopNews()
	if !(a.stdinTTY && a.isTerminal) {
		return bot.RunChat(ctx, core, a.stdin, a.stdout, bot.ChatOptions{})
	}
	return a.chatTerminal(ctx, core, cfg)
}

// coreOptions are the conversation core's options over the engine with the
// configured protections; the chat harness and the Discord bot share them.
func coreOptions(eng *engine, cfg Config) bot.Options {
	opts := cfg.Bot
	opts.Answerer, opts.Sources = eng.answerer, eng.sources
	sharedState(&opts, eng, cfg)
	return opts
}

// chatTerminal runs the harness with line editing and persistent history
// (peterh/liner).
func (a *app) chatTerminal(ctx context.Context, core *bot.Core, cfg Config) error {
	line := liner.NewLiner()
	defer line.Close()
	line.SetCtrlCAborts(true)
	line.SetCompleter(func(s string) []string {
		var out []string
		for _, c := range []string{"/ask ", "/sources", "/help"} {
			if strings.HasPrefix(c, s) {
				out = append(out, c)
			}
		}
		return out
	})
	histPath := ""
	if cfg.IndexDir != "" {
		histPath = filepath.Join(cfg.IndexDir, "chat_history")
		if f, err := os.Open(histPath); err == nil {
			_, _ = line.ReadHistory(f)
			f.Close()
		}
	}
	fmt.Fprintln(a.stdout, bot.Wrap("footnote chat — ask about the articles; /help for commands, /quit to leave.", a.width()))
	var exit error
	for {
		if ctx.Err() != nil { // Ctrl-C while an answer was on its way
			fmt.Fprintln(a.stdout)
			exit = exitErr{exitInterrupted}
			break
		}
		text, err := line.Prompt("you> ")
		if errors.Is(err, io.EOF) { // Ctrl-D: end the prompt's line first
			fmt.Fprintln(a.stdout)
			break
		}
		if errors.Is(err, liner.ErrPromptAborted) { // Ctrl-C at the prompt
			fmt.Fprintln(a.stdout)
			exit = exitErr{exitInterrupted}
			break
		}
		if err != nil {
			return fmt.Errorf("read line: %w", err)
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if bot.IsQuit(text) {
			break
		}
		line.AppendHistory(text)
		reply := core.Respond(ctx, chatConversation, chatConversation, text)
		fmt.Fprintf(a.stdout, "%s\n\n", bot.Wrap(bot.RenderTerminal(reply, !cfg.NoColor), a.width()))
	}
	if histPath != "" {
		if err := os.MkdirAll(filepath.Dir(histPath), 0o700); err == nil {
			if f, err := os.OpenFile(histPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err == nil {
				_, _ = line.WriteHistory(f)
				f.Close()
			}
		}
	}
	return exit
}
