package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// cueVerdict says whether the analyzer, given one sentence on its own,
// detects the cue a category of testdata/cues.tsv labels.
var cueVerdict = map[string]func(Report) bool{
	"fake-mistake":    func(r Report) bool { return r.HasFlag("fake-mistake") },
	"claims-immunity": func(r Report) bool { return r.HasFlag("claims-immunity") },
	"blame-diffusion": func(r Report) bool { return r.HasFlag("blame-diffusion") },
	"generic-lesson":  func(r Report) bool { return r.HasFlag("generic-lesson") },
	"mechanism":       func(r Report) bool { return !r.HasFlag("no-mechanism") },
	"root-cause":      func(r Report) bool { return !r.HasFlag("no-root-cause") },
	"stakes":          func(r Report) bool { return !r.HasFlag("no-stakes") },
	"hedging":         func(r Report) bool { return r.HasFlag("hedging") },
	"fillers":         func(r Report) bool { return r.Fillers.Count > 0 },
}

// TestCueAccuracy runs every labeled sentence through Analyze on its own
// and checks the accuracy of each category's verdict. It prints the
// figures and the sentences it gets wrong.
func TestCueAccuracy(t *testing.T) {
	checkCues(t, filepath.Join("testdata", "cues.tsv"), 0.8)
}

// TestCueAccuracyHeldOut runs the same check on sentences written apart
// from the rules (testdata/heldout3/cues.tsv).
func TestCueAccuracyHeldOut(t *testing.T) {
	for _, set := range []string{"heldout3", "heldout4"} {
		t.Run(set, func(t *testing.T) { checkCues(t, filepath.Join("testdata", set, "cues.tsv"), 0.7) })
	}
}

func checkCues(t *testing.T, path string, bar float64) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := parseCueLabels(b)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]*confusion{}
	var wrong []string
	for _, l := range labels {
		verdict, ok := cueVerdict[l.Category]
		if !ok {
			t.Fatalf("line %d: no verdict for category %q", l.Line, l.Category)
		}
		c := per[l.Category]
		if c == nil {
			c = &confusion{}
			per[l.Category] = c
		}
		got := verdict(Analyze(Input{Text: l.Sentence}))
		switch {
		case got && l.Positive:
			c.tp++
		case got && !l.Positive:
			c.fp++
			wrong = append(wrong, fmt.Sprintf("%s false: %s", l.Category, l.Sentence))
		case !got && l.Positive:
			c.fn++
			wrong = append(wrong, fmt.Sprintf("%s missed: %s", l.Category, l.Sentence))
		default:
			c.tn++
		}
	}
	cats := make([]string, 0, len(per))
	for c := range per {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var all confusion
	for _, name := range cats {
		c := per[name]
		acc := float64(c.tp+c.tn) / float64(c.tp+c.tn+c.fp+c.fn)
		t.Logf("%-16s accuracy=%.2f precision=%.2f recall=%.2f", name, acc, c.precision(), c.recall())
		all.tp += c.tp
		all.tn += c.tn
		all.fp += c.fp
		all.fn += c.fn
		if acc < bar {
			t.Errorf("%s: sentence accuracy %.2f below %.2f", name, acc, bar)
		}
	}
	sort.Strings(wrong)
	if len(wrong) > 0 {
		t.Logf("wrong:\n  %s", strings.Join(wrong, "\n  "))
	}
	fmt.Printf("cue sentences %s: accuracy %.3f over %d\n", path, float64(all.tp+all.tn)/float64(len(labels)), len(labels))
}
