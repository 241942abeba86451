package eval_test

import (
	"os"
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
