package eval_test

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"footnote/eval"
)

func TestLoadSmallSet(t *testing.T) {
	cases := loadFile(t, "testdata/small.jsonl")
	if len(cases) != 3 {
		t.Fatalf("got %d cases, want 3 (blank line skipped)", len(cases))
	}
	if got := cases[0].Expect.SourcesAny; len(got) != 1 || got[0] != "a.txt" {
		t.Errorf("s1 sources_any = %v", got)
	}
	if cases[1].Expect.Answered {
		t.Errorf("s2 should be unanswerable")
	}
	if got := cases[2].History; len(got) != 1 || got[0] != "Who led the talks?" {
		t.Errorf("s3 history = %v", got)
	}
	if got := cases[2].Expect.AnswerAll; len(got) != 2 || got[1][0] != "Medinsky" {
		t.Errorf("s3 answer_all = %v", got)
	}
}

func TestLoadSharedSet(t *testing.T) {
	cases := loadFile(t, "../testdata/qa.jsonl")
	if len(cases) < 20 {
		t.Errorf("shared set has %d cases, want at least 20", len(cases))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"bad json names line", readFile(t, "testdata/bad_json.jsonl"), "line 3"},
		{"missing id", `{"question": "Who?"}`, "no id"},
		{"missing question", `{"id": "x", "question": "  "}`, "no question"},
		{"duplicate id", "{\"id\":\"x\",\"question\":\"a\"}\n{\"id\":\"x\",\"question\":\"b\"}", `line 2: id "x" already used on line 1`},
		{"empty answer_all group", `{"id":"x","question":"a","expect":{"answered":true,"answer_all":[[]]}}`, "group 1 is empty"},
		{"wrong type", `{"id":"x","question":"a","expect":{"answered":"yes"}}`, "line 1: bad JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eval.Load(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// loadFile loads the question set at path, failing the test on an error.
func loadFile(t *testing.T, path string) []eval.Case {
	t.Helper()
	cases, err := eval.Load(strings.NewReader(readFile(t, path)))
	if err != nil {
		t.Fatalf("Load %s: %v", path, err)
	}
	return cases
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoadEmpty(t *testing.T) {
	for name, input := range map[string]string{"empty": "", "blank lines": "\n  \n\t\n"} {
		t.Run(name, func(t *testing.T) {
			if _, err := eval.Load(strings.NewReader(input)); !errors.Is(err, eval.ErrNoCases) {
				t.Errorf("Load = %v, want ErrNoCases", err)
			}
		})
	}
}

func TestArticleKey(t *testing.T) {
	tests := []struct {
		name string
		c    eval.Case
		want string
	}{
		{"article field", eval.Case{Article: "warsaw.txt"}, "warsaw.txt"},
		{"article beats sources", eval.Case{Article: "a.txt", Expect: eval.Expect{SourcesAny: []string{"b.txt"}}}, "a.txt"},
		{"one source", eval.Case{Expect: eval.Expect{SourcesAny: []string{"oxygen.txt"}}}, "oxygen.txt"},
		{"several sources", eval.Case{Expect: eval.Expect{SourcesAny: []string{"a.txt", "b.txt"}}}, ""},
		{"none", eval.Case{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.ArticleKey(); got != tt.want {
				t.Errorf("ArticleKey = %q, want %q", got, tt.want)
			}
		})
	}
	// The bench's unanswerable lines carry "article" beside expect.
	cases, err := eval.Load(strings.NewReader(`{"id":"x5","question":"What park?","kind":"unanswerable","expect":{"answered":false},"article":"warsaw.txt"}`))
	if err != nil || cases[0].ArticleKey() != "warsaw.txt" {
		t.Errorf("Load article field: %v, %+v", err, cases)
	}
}

func TestSample(t *testing.T) {
	var cases []eval.Case
	for i := range 50 {
		cases = append(cases, eval.Case{ID: fmt.Sprint(i)})
	}
	a, b := eval.Sample(cases, 10, 7), eval.Sample(cases, 10, 7)
	if len(a) != 10 || !slices.EqualFunc(a, b, func(x, y eval.Case) bool { return x.ID == y.ID }) {
		t.Fatalf("same seed gave %v and %v", ids(a), ids(b))
	}
	if c := eval.Sample(cases, 10, 8); slices.EqualFunc(a, c, func(x, y eval.Case) bool { return x.ID == y.ID }) {
		t.Errorf("seeds 7 and 8 gave the same subset %v", ids(a))
	}
	if !slices.IsSortedFunc(a, func(x, y eval.Case) int { return cmp.Compare(atoi(t, x.ID), atoi(t, y.ID)) }) {
		t.Errorf("sample not in the set's order: %v", ids(a))
	}
	if got := eval.Sample(cases, 0, 1); len(got) != 50 {
		t.Errorf("n=0 kept %d cases, want all 50", len(got))
	}
	if got := eval.Sample(cases, 80, 1); len(got) != 50 {
		t.Errorf("n beyond the set kept %d cases, want all 50", len(got))
	}
}

func ids(cs []eval.Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
