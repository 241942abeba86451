// Command fakeopenai runs the fake OpenAI-compatible server on 127.0.0.1
// with a scripted chat model, so the real footnote binary can be tried and
// evaluated against each way a model misbehaves:
//
//	go run ./internal/fakeopenai/cmd/fakeopenai -behaviour wrong-markers
//	OPENAI_BASE_URL=<printed URL> footnote eval testdata/qa.jsonl
//
// It prints the base URL on stdout and serves until interrupted.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"footnote/internal/fakeopenai"
)

func main() {
	behaviour := flag.String("behaviour", string(fakeopenai.Grounded), fmt.Sprintf("how the scripted model answers: one of %v", fakeopenai.Behaviours))
	flag.Parse()
	b := fakeopenai.Behaviour(*behaviour)
	if !slices.Contains(fakeopenai.Behaviours, b) {
		fmt.Fprintf(os.Stderr, "fakeopenai: unknown behaviour %q; want one of %v\n", b, fakeopenai.Behaviours)
		os.Exit(2)
	}
	srv := fakeopenai.Start(fakeopenai.WithResponder(fakeopenai.Scripted(b)))
	defer srv.Close()
	fmt.Println(srv.URL())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
