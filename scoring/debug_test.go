package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSectionAssignmentShape checks, on every corpus answer, that the
// units tile the text in order and that each gets one section, never
// going back. With RETAKE_DUMP=<answer file> (and RETAKE_DUMP_DIR for a
// held-out folder) it also prints how that answer was read: each unit
// with its section and cues, the flags and the passives - the tool for
// tuning the word lists.
func TestSectionAssignmentShape(t *testing.T) {
	dump := os.Getenv("RETAKE_DUMP")
	dir := os.Getenv("RETAKE_DUMP_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "answers")
	}
	for _, la := range loadAnswers(t, dir) {
		in := Input{Text: la.Text}
		d := newDoc(la.Text)
		a := &analysis{d: d, rubric: MustRubric(""), in: in}
		a.assignSections()
		if len(a.sec) != len(d.units) {
			t.Fatalf("%s: %d sections for %d units", la.Name, len(a.sec), len(d.units))
		}
		next, last := 0, 0
		for u, un := range d.units {
			if un.lo != next || un.hi <= un.lo {
				t.Fatalf("%s: unit %d covers tokens %d-%d, want to start at %d", la.Name, u, un.lo, un.hi, next)
			}
			if s := a.sec[u]; s < last || s >= numSections {
				t.Fatalf("%s: unit %d in section %d after %d", la.Name, u, s, last)
			}
			next, last = un.hi, a.sec[u]
		}
		if next != len(d.toks) {
			t.Fatalf("%s: units end at token %d of %d", la.Name, next, len(d.toks))
		}
		if la.Name == dump {
			printReading(la, a)
		}
	}
}

// printReading shows how the analyzer read one answer.
func printReading(la labeledAnswer, a *analysis) {
	d := a.d
	rep := Analyze(a.in)
	for u, un := range d.units {
		var cues []string
		for _, n := range lexNames {
			for _, h := range d.hitsIn(n, un.lo, un.hi) {
				cues = append(cues, fmt.Sprintf("%s:%q", strings.TrimPrefix(n, "cues-"), d.text[d.toks[h.lo].start:d.toks[h.hi-1].end]))
			}
		}
		fmt.Printf("[%d %s] %s\n      %s\n", u, rep.Sections[a.sec[u]].ID, strings.Join(strings.Fields(d.text[un.start:un.end]), " "), strings.Join(cues, " "))
	}
	fmt.Println("must:", la.Must, " mustnot:", la.MustNot)
	for _, f := range rep.Flags {
		fmt.Printf("FLAG %s %s %q\n", f.ID, f.Severity, joinQuoted(f.Spans, 3))
	}
	for _, p := range rep.Passive {
		fmt.Printf("PASSIVE %q\n", p.Text)
	}
}
