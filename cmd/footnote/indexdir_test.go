package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Indexing one corpus never replaces another's index: switching back
// embeds nothing, and the first build says why it builds.
func TestOneIndexPerCorpus(t *testing.T) {
	indexDir, corpusDir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(corpusDir, "a.txt"), []byte("Talks\n\nRussia and Ukraine met in Istanbul on Friday for two hours.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mine := map[string]string{"FOOTNOTE_INDEX_DIR": indexDir, "FOOTNOTE_CORPUS_DIR": corpusDir}
	first := runCLI(t, mine, "", "index")
	if first.code != exitOK || !strings.Contains(first.stderr, "no index yet for "+corpusDir) {
		t.Fatalf("first index: exit %d, stderr %q: want a notice saying why it builds", first.code, first.stderr)
	}
	if r := runCLI(t, map[string]string{"FOOTNOTE_INDEX_DIR": indexDir}, "", "index"); r.code != exitOK || !strings.Contains(r.stderr, "the built-in articles") {
		t.Fatalf("embedded index: exit %d, stderr %q", r.code, r.stderr)
	}
	again := runCLI(t, mine, "", "index")
	if again.code != exitOK || !strings.Contains(again.stdout, "(0 embedded") || strings.Contains(again.stderr, "no index yet") {
		t.Fatalf("back to my corpus: exit %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	dirs, _ := filepath.Glob(filepath.Join(indexDir, corporaDir, "*"))
	if len(dirs) != 2 {
		t.Errorf("corpus index dirs = %q, want two", dirs)
	}
}

func TestPruneUnusedIndexDirs(t *testing.T) {
	root := t.TempDir()
	now := time.Now()
	var notes []string
	note := func(s string) { notes = append(notes, s) }
	old, _, err := prepareIndexDir(root, "/some/old/corpus", now, note)
	if err != nil {
		t.Fatal(err)
	}
	recent, _, err := prepareIndexDir(root, "/some/recent/corpus", now, note)
	if err != nil {
		t.Fatal(err)
	}
	long := now.Add(-indexUnusedFor - time.Hour)
	if err := os.Chtimes(filepath.Join(old, corpusMarker), long, long); err != nil {
		t.Fatal(err)
	}
	if _, fresh, err := prepareIndexDir(root, "", now, note); err != nil || !fresh {
		t.Fatalf("embedded: fresh %v, err %v", fresh, err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the long-unused index %s was kept", old)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a recent index was pruned: %v", err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "/some/old/corpus") {
		t.Errorf("notices = %q, want one naming the pruned corpus", notes)
	}
}

func TestPathSettings(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	c, err := loadConfig(mapLookup(map[string]string{"FOOTNOTE_INDEX_DIR": "~/idx", "FOOTNOTE_CORPUS_DIR": "~"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.IndexDir != filepath.Join(home, "idx") || c.CorpusDir != home {
		t.Errorf("index %q corpus %q: ~ not expanded", c.IndexDir, c.CorpusDir)
	}
	if _, err := loadConfig(mapLookup(map[string]string{"FOOTNOTE_INDEX_DIR": "~bob/idx"})); err == nil || !strings.Contains(err.Error(), "FOOTNOTE_INDEX_DIR") {
		t.Errorf("~bob: err = %v, want a FOOTNOTE_INDEX_DIR error", err)
	}
	r := runCLI(t, nil, "", "sources", "--corpus", "")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--corpus needs a directory") {
		t.Errorf(`--corpus "": exit %d, stderr %q; want a usage error`, r.code, r.stderr)
	}
	r = runCLI(t, nil, "", "sources", "--corpus", filepath.Join(home, "missing"))
	if r.code != exitError || !strings.Contains(r.stderr, filepath.Join(home, "missing")+": no such file") {
		t.Errorf("missing corpus: stderr %q, want the path named once", r.stderr)
	}
}
