package scoring

import (
	"fmt"
	"strings"
	"testing"

	"retake/scoring/text"
)

// sectionSets are the labeled sets whose section starts are measured.
var sectionSets = [][]string{
	{"testdata", "answers"}, {"testdata", "failure", "answers"},
	{"testdata", "heldout", "answers"}, {"testdata", "heldout2", "answers"},
	{"testdata", "heldout3", "answers"}, {"testdata", "heldout4", "answers"},
	{"testdata", "heldout5", "answers"}, {"testdata", "heldout6", "answers"},
	{"testdata", "heldout7", "answers"},
}

// startSlack is how many words a found section start may be off the
// labeled one.
var startSlack = 6

// TestSectionBoundaries measures how well the sections the analyzer
// finds line up with the labeled ones: for each labeled piece of a
// section (a section may be told in two places, in any order), a piece
// of the same section must start within six words of it. It prints the
// figure for each set and fails below the bar on the team's corpus.
func TestSectionBoundaries(t *testing.T) {
	for _, set := range sectionSets {
		answers := loadAnswersIfAny(t, set...)
		if len(answers) == 0 {
			continue
		}
		hit, total, misses := sectionStarts(t, answers)
		share := float64(hit) / float64(max(total, 1))
		name := strings.Join(set[1:], "/")
		fmt.Printf("section starts found within %d words, %s: %d of %d (%.2f)\n", startSlack, name, hit, total, share)
		if testing.Verbose() {
			for _, m := range misses {
				t.Log(m)
			}
		}
		if set[1] == "answers" && share < sectionBar {
			t.Errorf("only %.2f of labeled section starts found, want %.2f", share, sectionBar)
		}
	}
}

// sectionBar is the share of labeled section starts the corpus must find.
const sectionBar = 0.85

// sectionStarts counts the labeled section pieces found.
func sectionStarts(t *testing.T, answers []labeledAnswer) (hit, total int, misses []string) {
	for _, a := range answers {
		rep := Analyze(Input{Text: a.Text, Rubric: a.Rubric})
		h, n, m := startsIn(rep, a)
		hit, total, misses = hit+h, total+n, append(misses, m...)
	}
	return hit, total, misses
}

// startsOf counts one answer's labeled pieces found in a report.
func startsOf(rep Report, a labeledAnswer) (hit, total int) {
	hit, total, _ = startsIn(rep, a)
	return hit, total
}

// startsIn counts one answer's labeled pieces found, and says which are
// missed.
func startsIn(rep Report, a labeledAnswer) (hit, total int, misses []string) {
	{
		words := wordStarts(a.Text)
		from := 0
		for _, ls := range a.Sections {
			at := strings.Index(a.Text[from:], ls.Prefix)
			if at < 0 {
				continue
			}
			want := from + at
			from = want + 1
			total++
			found := false
			var got []string
			for _, s := range rep.Sections {
				if s.ID != ls.ID {
					continue
				}
				for _, p := range s.Spans {
					got = append(got, fmt.Sprintf("%q", clip(a.Text[p.Start:], 30)))
					if abs(wordIndex(words, p.Start)-wordIndex(words, want)) <= startSlack {
						found = true
					}
				}
			}
			if found {
				hit++
			} else {
				misses = append(misses, fmt.Sprintf("%s: %s labeled at %q, found at %s", a.Name, ls.ID, clip(a.Text[want:], 30), strings.Join(got, ", ")))
			}
		}
	}
	return hit, total, misses
}

// wordStarts lists the byte offsets where the text's spoken words start.
func wordStarts(s string) []int {
	d := text.Tokenize(s, nil)
	var out []int
	for _, tk := range d.Toks {
		if tk.Counts() {
			out = append(out, int(tk.Start))
		}
	}
	return out
}

// wordIndex is the number of words that start before byte b.
func wordIndex(starts []int, b int) int {
	n := 0
	for n < len(starts) && starts[n] < b {
		n++
	}
	return n
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// unitLabelsOf gives each unit the labeled section its middle falls in
// (-1 before the first label).
func unitLabelsOf(a labeledAnswer, d *doc, ids map[string]int) []int {
	type start struct{ at, s int }
	var starts []start
	from := 0
	for _, ls := range a.Sections {
		at := strings.Index(a.Text[from:], ls.Prefix)
		if at < 0 {
			continue
		}
		starts = append(starts, start{from + at, ids[ls.ID]})
		from += at + 1
	}
	out := make([]int, len(d.units))
	for u, un := range d.units {
		out[u] = -1
		for _, s := range starts {
			if s.at <= (un.start+un.end)/2 {
				out[u] = s.s
			}
		}
	}
	return out
}
