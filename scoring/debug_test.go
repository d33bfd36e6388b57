package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpAnswer prints how the analyzer read one corpus answer: each
// unit with its section and the cues it matched. It runs only when
// RETAKE_DUMP names a corpus file, as a tool for tuning word lists.
func TestDumpAnswer(t *testing.T) {
	name := os.Getenv("RETAKE_DUMP")
	if name == "" {
		t.Skip("set RETAKE_DUMP=<answer file> to print the analyzer's reading")
	}
	dir := os.Getenv("RETAKE_DUMP_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "answers")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	la, err := parseLabeledAnswer(name, b)
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Text: la.Text}
	rep := Analyze(in)
	d := newDoc(la.Text)
	a := &analysis{d: d, rubric: MustRubric(""), in: in}
	a.sec = d.decode()
	a.dropCuelessSections()
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
