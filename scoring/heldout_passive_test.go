package scoring

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPassiveHeldOut checks the passive list of the report on sentences
// written apart from the detector (testdata/heldout/passive.tsv) and
// fails when F1 drops below 0.95.
func TestPassiveHeldOut(t *testing.T) {
	for _, set := range []string{"heldout", "heldout2", "heldout3", "heldout4"} {
		t.Run(set, func(t *testing.T) { checkPassiveSet(t, set) })
	}
}

func checkPassiveSet(t *testing.T, set string) {
	b, err := os.ReadFile(filepath.Join("testdata", set, "passive.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var c confusion
	var wrong []string
	for n, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		label, sentence, ok := strings.Cut(line, "\t")
		if !ok || (label != "0" && label != "1") {
			t.Fatalf("line %d: want label<TAB>sentence, got %q", n+1, line)
		}
		got := len(Analyze(Input{Text: sentence}).Passive) > 0
		want := label == "1"
		switch {
		case got && want:
			c.tp++
		case got:
			c.fp++
			wrong = append(wrong, "false: "+sentence)
		case want:
			c.fn++
			wrong = append(wrong, "missed: "+sentence)
		default:
			c.tn++
		}
	}
	p, r := c.precision(), c.recall()
	f1 := 2 * p * r / (p + r)
	if len(wrong) > 0 {
		t.Logf("wrong:\n  %s", strings.Join(wrong, "\n  "))
	}
	fmt.Printf("%s passive: precision %.3f recall %.3f F1 %.3f over %d sentences\n", set, p, r, f1, c.tp+c.fp+c.fn+c.tn)
	if f1 < 0.95 {
		t.Errorf("held-out passive F1 %.3f below 0.95", f1)
	}
}
