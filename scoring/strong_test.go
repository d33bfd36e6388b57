package scoring

import (
	"fmt"
	"sort"
	"testing"
)

// TestStrongAnswersScore prints the mean score of the strong answers of
// every labeled set, and the lowest ones, and fails when a set's mean
// drops below 85: a strong answer must read as one.
func TestStrongAnswersScore(t *testing.T) {
	for _, set := range sectionSets {
		var scores []int
		var low []string
		for _, a := range loadAnswersIfAny(t, set...) {
			if a.Kind != "strong" {
				continue
			}
			rep := Analyze(Input{Text: a.Text, Rubric: a.Rubric})
			scores = append(scores, rep.Score)
			if rep.Score < 80 {
				low = append(low, fmt.Sprintf("%s %d: %s", a.Name, rep.Score, ScoreSum(rep)))
			}
		}
		if len(scores) == 0 {
			continue
		}
		sort.Ints(scores)
		sum := 0
		for _, s := range scores {
			sum += s
		}
		mean := float64(sum) / float64(len(scores))
		fmt.Printf("strong answers, %s: mean score %.1f over %d (lowest %d)\n", set[len(set)-2], mean, len(scores), scores[0])
		for _, l := range low {
			t.Log(l)
		}
		if mean < 85 {
			t.Errorf("%v: strong answers average %.1f, want at least 85", set, mean)
		}
	}
}
