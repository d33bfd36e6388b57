package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// confusion counts one flag's outcomes over the labeled answers.
type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c confusion) recall() float64 {
	if c.tp+c.fn == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

// loadAnswersIfAny is loadAnswers for a folder that may not exist yet.
func loadAnswersIfAny(t *testing.T, dir ...string) []labeledAnswer {
	t.Helper()
	if paths, _ := filepath.Glob(filepath.Join(append(dir, "*.txt")...)); len(paths) == 0 {
		return nil
	}
	return loadAnswers(t, dir...)
}

func loadAnswers(t *testing.T, dir ...string) []labeledAnswer {
	t.Helper()
	if len(dir) == 0 {
		dir = []string{"testdata", "answers"}
	}
	paths, err := filepath.Glob(filepath.Join(append(dir, "*.txt")...))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus answers: %v", err)
	}
	var out []labeledAnswer
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := parseLabeledAnswer(filepath.Base(p), b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// TestKillerAccuracy scores the eight killer flags against the labeled
// corpus and fails when the precision or recall of any one flag drops
// below its floor (0.9), so removing any one rule fails it. It always
// prints the per-flag figures.
func TestKillerAccuracy(t *testing.T) {
	checkKillers(t, "corpus", loadAnswers(t), 0.9)
}

// TestKillerAccuracyHeldOut scores the same flags on answers written
// apart from the rules, by someone who saw neither the word lists nor the
// corpus above. The first run (before any rule was changed with it in
// view) is recorded in the issue notes; the bar here is the same.
func TestKillerAccuracyHeldOut(t *testing.T) {
	checkKillers(t, "held-out", loadAnswers(t, "testdata", "heldout", "answers"), 0)
}

// TestKillerAccuracyHeldOut2 is a second set written apart from the
// rules, kept unseen until the analyzer was otherwise finished.
func TestKillerAccuracyHeldOut2(t *testing.T) {
	checkKillers(t, "held-out 2", loadAnswers(t, "testdata", "heldout2", "answers"), 0)
}

// TestKillerAccuracyHeldOut3 is a third blind set, with speech-recognizer
// errors ("i i", "gonna", misheard words) in many answers.
func TestKillerAccuracyHeldOut3(t *testing.T) {
	checkKillers(t, "held-out 3", loadAnswers(t, "testdata", "heldout3", "answers"), 0)
}

// TestKillerAccuracyHeldOut4 is the fourth blind set, mostly in the
// style of speech-recognizer output with misheard words.
func TestKillerAccuracyHeldOut4(t *testing.T) {
	checkKillers(t, "held-out 4", loadAnswers(t, "testdata", "heldout4", "answers"), 0)
}

// checkKillers scores the killer flags over a set of answers. Pooled
// precision and recall must reach 0.9; with floor > 0, so must each
// flag's own.
func checkKillers(t *testing.T, set string, answers []labeledAnswer, floor float64) {
	checkKillersBar(t, set, answers, floor, 0.9)
}

// checkKillersBar is checkKillers with another pooled bar.
func checkKillersBar(t *testing.T, set string, answers []labeledAnswer, floor, pooled float64) {
	per := map[string]*confusion{}
	var ids []string
	for _, a := range answers {
		for _, id := range killerIDs[a.Rubric] {
			if per[id] == nil {
				per[id] = &confusion{}
				ids = append(ids, id)
			}
		}
	}
	var misses []string
	for _, a := range answers {
		rep := Analyze(Input{Text: a.Text, Rubric: a.Rubric})
		for _, id := range a.Must {
			if rep.HasFlag(id) {
				per[id].tp++
			} else {
				per[id].fn++
				misses = append(misses, fmt.Sprintf("%s: missed %s", a.Name, id))
			}
		}
		for _, id := range a.MustNot {
			if rep.HasFlag(id) {
				per[id].fp++
				misses = append(misses, fmt.Sprintf("%s: false %s", a.Name, id))
			} else {
				per[id].tn++
			}
		}
	}
	var all confusion
	for _, id := range ids {
		c := per[id]
		t.Logf("%-16s tp=%2d fp=%2d fn=%2d tn=%2d precision=%.2f recall=%.2f", id, c.tp, c.fp, c.fn, c.tn, c.precision(), c.recall())
		if floor > 0 && (c.precision() < floor || c.recall() < floor) {
			t.Errorf("%s: precision %.2f, recall %.2f; each must be at least %.2f", id, c.precision(), c.recall(), floor)
		}
		all.tp += c.tp
		all.fp += c.fp
		all.fn += c.fn
		all.tn += c.tn
	}
	sort.Strings(misses)
	if len(misses) > 0 {
		t.Logf("errors:\n  %s", strings.Join(misses, "\n  "))
	}
	fmt.Printf("%s killer flags over %d answers: precision %.3f recall %.3f\n", set, len(answers), all.precision(), all.recall())
	if all.precision() < pooled || all.recall() < pooled {
		t.Errorf("killer precision %.3f, recall %.3f: both must be at least %.2f", all.precision(), all.recall(), pooled)
	}
}

// TestKillerAccuracyFailure scores the failure rubric's killers on the
// failure answers the team wrote, with the same per-flag floor.
func TestKillerAccuracyFailure(t *testing.T) {
	checkKillers(t, "failure", loadAnswers(t, "testdata", "failure", "answers"), 0.9)
}

// TestKillerAccuracyHeldOut5 is the fifth blind set: 36 answers written
// by two writers who saw neither the rules nor the corpus, told the way
// candidates speak (out of order, speech-recognizer style, shared "we",
// subtle killers). Its first run, with the rules frozen, scored
// precision 0.727 and recall 0.738 (the issue notes have the per-flag
// figures); it has since been used to fix the categories it showed, so
// it is training data now, held to a lower bar than the older sets.
func TestKillerAccuracyHeldOut5(t *testing.T) {
	checkKillersBar(t, "held-out 5", loadAnswers(t, "testdata", "heldout5", "answers"), 0, 0.85)
}

// TestKillerAccuracyHeldOut6 is the sixth blind set: 36 answers by two
// more writers who saw neither the rules nor the corpus, briefed like
// the fifth. Its first run, with the rules frozen (and before the
// section model trained on it), scored killer precision 0.824 and
// recall 0.712, with 112 of 169 section starts (0.66) and strong answers
// averaging 86.1; the issue notes have the per-flag figures. It is
// training data from then on; its bar is its first run, so a change
// that makes it worse fails.
func TestKillerAccuracyHeldOut6(t *testing.T) {
	checkKillersBar(t, "held-out 6", loadAnswers(t, "testdata", "heldout6", "answers"), 0, 0.7)
}

// TestKillerAccuracyHeldOut7 is the seventh blind set: 36 answers by
// three writers who saw neither the rules nor the corpus, briefed like
// the sixth. Its first run, with the rules frozen (and not in the
// section model's training), scored killer precision 0.906 and recall
// 0.842, with 132 of 171 section starts (0.77) and strong answers
// averaging 91.7; the issue notes have the per-flag figures. It is
// training data from then on; its bar is its first run.
func TestKillerAccuracyHeldOut7(t *testing.T) {
	checkKillersBar(t, "held-out 7", loadAnswers(t, "testdata", "heldout7", "answers"), 0, 0.84)
}
