package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSectionAssignmentShape checks, on every corpus answer, that the
// units tile the text in order and that each gets a section of the
// rubric. With RETAKE_DUMP=<answer file> (and RETAKE_DUMP_DIR for
// another folder) it also prints how that answer was read: each unit
// with its section, votes, facts and cues, then the flags and passives:
// the tool for tuning the word lists.
func TestSectionAssignmentShape(t *testing.T) {
	dump := os.Getenv("RETAKE_DUMP")
	dir := os.Getenv("RETAKE_DUMP_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "answers")
	}
	for _, la := range loadAnswers(t, dir) {
		r := MustRubric(la.Rubric)
		a := newAnalysis(r, Input{Text: la.Text, Rubric: la.Rubric})
		d := a.d
		if len(a.sec) != len(d.units) {
			t.Fatalf("%s: %d sections for %d units", la.Name, len(a.sec), len(d.units))
		}
		next := 0
		for u, un := range d.units {
			if un.lo != next || un.hi <= un.lo {
				t.Fatalf("%s: unit %d covers tokens %d-%d after %d", la.Name, u, un.lo, un.hi, next)
			}
			if s := a.sec[u]; s < 0 || s >= len(r.Sections) {
				t.Fatalf("%s: unit %d in section %d", la.Name, u, s)
			}
			next = un.hi
		}
		if next != len(d.Toks) {
			t.Fatalf("%s: units end at token %d of %d", la.Name, next, len(d.Toks))
		}
		if la.Name == dump {
			printReading(la, a)
		}
	}
}

// printReading shows how the analyzer read one answer.
func printReading(la labeledAnswer, a *analysis) {
	d := a.d
	rep := AnalyzeWith(a.r, a.in)
	for u, un := range d.units {
		var cues []string
		for li, n := range d.ls.names {
			for _, h := range d.hitsIn(li, un.lo, un.hi) {
				s, e := d.Span(h.lo, h.hi)
				cues = append(cues, fmt.Sprintf("%s:%q", strings.TrimPrefix(n, "cues-"), d.Text[s:e]))
			}
		}
		var facts []string
		for f, v := range d.facts[u] {
			if v != 0 {
				facts = append(facts, fmt.Sprintf("%s=%d", FactNames[f], v))
			}
		}
		var votes []string
		for s, v := range a.em.row(u) {
			votes = append(votes, fmt.Sprintf("%s:%.1f", a.r.Sections[s].ID, v))
		}
		fmt.Printf("[%d %s] %s\n      votes %s\n      facts %s\n      %s\n", u, rep.Sections[a.sec[u]].ID,
			strings.Join(strings.Fields(d.Text[un.start:un.end]), " "), strings.Join(votes, " "), strings.Join(facts, " "), strings.Join(cues, " "))
	}
	fmt.Println("must:", la.Must, " mustnot:", la.MustNot, " score:", rep.Score, ScoreSum(rep))
	for _, f := range rep.Flags {
		fmt.Printf("FLAG %s %s %s\n", f.ID, f.Severity, joinQuoted(f.Spans, 3))
	}
	for _, p := range rep.Passive {
		fmt.Printf("PASSIVE %q\n", p.Text)
	}
}

// TestDumpText prints how the analyzer reads a text file given in
// RETAKE_DUMP_TEXT (with RETAKE_DUMP_RUBRIC for another rubric); it
// does nothing otherwise.
func TestDumpText(t *testing.T) {
	path := os.Getenv("RETAKE_DUMP_TEXT")
	if path == "" {
		t.Skip("set RETAKE_DUMP_TEXT to a transcript file to print its reading")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	id := os.Getenv("RETAKE_DUMP_RUBRIC")
	la := labeledAnswer{Name: path, Rubric: id, Text: string(b)}
	r := MustRubric(id)
	printReading(la, newAnalysis(r, Input{Text: la.Text, Rubric: id}))
}
