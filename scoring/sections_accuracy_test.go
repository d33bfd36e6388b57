package scoring

import (
	"fmt"
	"strings"
	"testing"
)

// TestSectionBoundaries measures how well the decoded sections line up
// with the sections the corpus labels: for each labeled section start,
// the decoded section with the same id must start in the same sentence
// (or within 40 bytes). It prints the figure for each set and fails when
// fewer than 75% of the labeled starts are found on the own corpus.
func TestSectionBoundaries(t *testing.T) {
	for _, set := range [][]string{{"testdata", "answers"}, {"testdata", "heldout", "answers"}, {"testdata", "heldout2", "answers"}, {"testdata", "heldout3", "answers"}, {"testdata", "heldout4", "answers"}} {
		hit, total := 0, 0
		for _, a := range loadAnswers(t, set...) {
			rep := Analyze(Input{Text: a.Text})
			for _, ls := range a.Sections {
				want := strings.Index(a.Text, ls.Prefix)
				if want < 0 {
					continue
				}
				total++
				for _, s := range rep.Sections {
					if s.ID != ls.ID || s.Start < 0 {
						continue
					}
					if abs(s.Start-want) <= 40 || sameSentence(a.Text, s.Start, want) {
						hit++
					}
				}
			}
		}
		share := float64(hit) / float64(max(total, 1))
		fmt.Printf("section starts found, %s: %d of %d (%.2f)\n", strings.Join(set[1:], "/"), hit, total, share)
		if set[1] == "answers" && share < 0.75 {
			t.Errorf("only %.2f of labeled section starts found", share)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// sameSentence reports whether no sentence end lies between offsets a and b.
func sameSentence(text string, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	return !strings.ContainsAny(text[a:b], ".!?")
}
