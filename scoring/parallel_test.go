package scoring

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLongTextSameBothWays: a long transcript (every corpus answer, in
// turn, until there are more units than parallelUnits and more tokens
// than the matcher's parallelFrom) gets the same report whether its
// matching, clause facts, model votes and checks are shared out between
// the cores or done in one pass; run with -race, the shared-out way is also
// checked for data races.
func TestLongTextSameBothWays(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes a long text twice")
	}
	answers, err := loadLabeledAnswers(filepath.Join("testdata", "answers"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for b.Len() < 400<<10 {
		for _, a := range answers {
			b.WriteString(a.Text)
			b.WriteString("\n\n")
		}
	}
	in := Input{Text: b.String(), RecordingS: 3000}
	shared := Analyze(in)
	a := newAnalysis(MustRubric("mistake"), in)
	if len(a.d.units) < parallelUnits || a.d.s.n < parallelFrom {
		t.Fatalf("%d units, %d tokens: too short to be shared out", len(a.d.units), a.d.s.n)
	}
	sequential = true
	defer func() { sequential = false }()
	one := Analyze(in)
	if !reflect.DeepEqual(shared, one) {
		t.Fatalf("reports differ: shared out score %d, %d flags; one pass score %d, %d flags", shared.Score, len(shared.Flags), one.Score, len(one.Flags))
	}
}
