package scoring

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var updateModel = flag.Bool("update-model", false, "retrain the section models in assets/models from the labeled corpora")

// modelSets are the labeled sets a rubric's model trains on: every set
// but the frozen one, which nobody reads.
var modelSets = map[string][][]string{
	"mistake": {{"testdata", "answers"}, {"testdata", "heldout", "answers"}, {"testdata", "heldout2", "answers"},
		{"testdata", "heldout3", "answers"}, {"testdata", "heldout4", "answers"}, {"testdata", "heldout5", "answers"},
		{"testdata", "heldout6", "answers"}},
	"failure": {{"testdata", "failure", "answers"}},
}

// crossBar is the least cross-validated share of section starts each
// rubric's model must reach; the failure rubric trains on one small set.
var crossBar = map[string]float64{"mistake": 0.8, "failure": 0.65}

// crossGroups splits a rubric's answers into the groups cross-validation
// holds out in turn: its sets, or three folds of a single set.
func crossGroups(t *testing.T, sets [][]string) map[string][]labeledAnswer {
	by := map[string][]labeledAnswer{}
	for _, set := range sets {
		by[filepath.Join(set...)] = loadAnswers(t, set...)
	}
	if len(by) > 1 {
		return by
	}
	folds := map[string][]labeledAnswer{}
	for _, as := range by {
		for i, a := range as {
			k := fmt.Sprintf("fold %d", i%3+1)
			folds[k] = append(folds[k], a)
		}
	}
	return folds
}

// The training settings, chosen by the cross-validated figure below.
const (
	modelEpochs = 3
	modelRate   = 0.1
	modelL2     = 0.001
	modelMin    = 12
)

// modelExamples labels every clause of the answers with the section its
// middle falls in.
func modelExamples(t testing.TB, r *Rubric, answers []labeledAnswer) []modelExample {
	ids := map[string]int{}
	for i, s := range r.Sections {
		ids[s.ID] = i
	}
	var out []modelExample
	for _, a := range answers {
		an := newAnalysis(r, Input{Text: a.Text, Rubric: r.ID})
		labs := unitLabelsOf(a, an.d, ids)
		for u := range an.d.units {
			if labs[u] >= 0 {
				out = append(out, modelExample{f: unitFeatures(an.d, u, map[string]float32{}), y: labs[u]})
			}
		}
	}
	return out
}

func trainOn(t testing.TB, r *Rubric, answers []labeledAnswer) *sectionModel {
	var ids []string
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	return trainSectionModel(ids, modelExamples(t, r, answers), modelEpochs, modelRate, modelL2, modelMin)
}

// withModel is the rubric with its section model replaced.
func withModel(r *Rubric, m *sectionModel) *Rubric {
	rc, cc := *r, *r.c
	cc.model = m
	rc.c = &cc
	return &rc
}

// TestSectionModel checks the shipped section model is the one the
// labeled corpora train (so it can be rebuilt from the repository, and
// a label change shows up as a model change); with -update-model it
// writes the model instead.
func TestSectionModel(t *testing.T) {
	for id, sets := range modelSets {
		r := MustRubric(id)
		var answers []labeledAnswer
		for _, set := range sets {
			answers = append(answers, loadAnswers(t, set...)...)
		}
		got := encodeModel(trainOn(t, r, answers))
		path := filepath.Join("..", "assets", "models", r.Decoder.Model+".json")
		if *updateModel {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", path, len(got))
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v; run go test ./scoring -run TestSectionModel -update-model", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the corpora train; run go test ./scoring -run TestSectionModel -update-model and review the change", path)
		}
	}
}

// TestSectionModelCrossValidated measures what the model adds on
// writers it has not seen: for each labeled set, a model trained on the
// others decodes it. It prints the section starts found with and
// without the model, and fails when the model does not help or the
// figure drops below the bar.
func TestSectionModelCrossValidated(t *testing.T) {
	for id, sets := range modelSets {
		r := MustRubric(id)
		none := withModel(r, nil)
		by := crossGroups(t, sets)
		var hitM, hitN, total int
		for _, held := range sortedKeys(by) {
			var train []labeledAnswer
			for _, n := range sortedKeys(by) {
				if n != held {
					train = append(train, by[n]...)
				}
			}
			rm := withModel(r, trainOn(t, r, train))
			hm, hn, n := 0, 0, 0
			for _, a := range by[held] {
				h, k := startsOf(AnalyzeWith(rm, Input{Text: a.Text, Rubric: id}), a)
				h0, _ := startsOf(AnalyzeWith(none, Input{Text: a.Text, Rubric: id}), a)
				hm, hn, n = hm+h, hn+h0, n+k
			}
			fmt.Printf("section starts, %s model trained without %s: %.2f (cues alone %.2f)\n", id, held, float64(hm)/float64(n), float64(hn)/float64(n))
			hitM, hitN, total = hitM+hm, hitN+hn, total+n
		}
		with, without := float64(hitM)/float64(total), float64(hitN)/float64(total)
		fmt.Printf("section starts, %s, each set unseen by its model: %.3f (cues alone %.3f)\n", id, with, without)
		if bar := crossBar[id]; with < without || with < bar {
			t.Errorf("%s: cross-validated section starts %.3f with the model, %.3f without; want the model to help and at least %.2f", id, with, without, bar)
		}
	}
}
