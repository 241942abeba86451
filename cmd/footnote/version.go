package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// keyModules are the dependencies whose versions matter when reporting a
// problem: the clients of the three servers footnote talks to, the vector
// store and the article extractor.
var keyModules = []string{
	"github.com/bwmarrin/discordgo",
	"github.com/sashabaranov/go-openai",
	"github.com/philippgille/chromem-go",
	"github.com/jackc/pgx/v5",
	"github.com/pgvector/pgvector-go",
	"github.com/go-shiori/go-readability",
}

// writeVersion prints footnote's version (the module version, or the VCS
// revision of a source build), the Go version and platform, and the
// versions of keyModules, from the build information in the binary.
func writeVersion(w io.Writer, info *debug.BuildInfo, ok bool) {
	version, rev, dirty := "(devel)", "", false
	if ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	line := "footnote " + version
	if rev != "" {
		line += " (" + rev[:min(12, len(rev))]
		if dirty {
			line += ", modified"
		}
		line += ")"
	}
	fmt.Fprintln(w, line)
	fmt.Fprintf(w, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if !ok {
		return
	}
	deps := map[string]string{}
	for _, d := range info.Deps {
		v := d.Version
		if d.Replace != nil {
			v = d.Replace.Version + " (replaces " + d.Version + ")"
		}
		deps[d.Path] = v
	}
	for _, m := range keyModules {
		if v, found := deps[m]; found {
			fmt.Fprintf(w, "%s %s\n", m, v)
		}
	}
}
