package scoring

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports under testdata/golden")

// goldenSets are the labeled sets whose reports are kept as golden
// files, so every rule change shows as a reviewed diff.
var goldenSets = [][]string{
	{"testdata", "answers"}, {"testdata", "failure", "answers"},
	{"testdata", "heldout", "answers"}, {"testdata", "heldout2", "answers"},
	{"testdata", "heldout3", "answers"}, {"testdata", "heldout4", "answers"},
	{"testdata", "heldout5", "answers"}, {"testdata", "heldout6", "answers"},
	{"testdata", "heldout7", "answers"},
}

// TestGoldenReports compares the JSON report of every corpus answer with
// its golden file; go test ./scoring -run TestGoldenReports -update
// rewrites them.
func TestGoldenReports(t *testing.T) {
	for _, set := range goldenSets {
		dir := filepath.Join(append([]string{"testdata", "golden"}, set[1:len(set)-1]...)...)
		if set[1] == "answers" {
			dir = filepath.Join("testdata", "golden", "corpus")
		}
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range loadAnswers(t, set...) {
			rep := Analyze(Input{Text: a.Text, Rubric: a.Rubric})
			got, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join(dir, strings.TrimSuffix(a.Name, ".txt")+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s: %v (run go test ./scoring -run TestGoldenReports -update)", a.Name, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: the report differs from %s; review the change and run go test ./scoring -run TestGoldenReports -update", a.Name, path)
			}
		}
	}
}
