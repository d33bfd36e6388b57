package scoring

import (
	"testing"

	"retake/scoring/text"
)

// TestMergedRootsMatchEachPattern: three lists whose patterns all start
// with "the" (so the matcher walks one merged root for it, with equal
// wildcards merged) still find each of their own phrases, at their own
// weights, and nothing of the others'.
func TestMergedRootsMatchEachPattern(t *testing.T) {
	ls, err := compileLists(map[string][]string{
		"zz-forgot": {"the|our * forgot"},
		"zz-missed": {"the|my * * missed = 2"},
		"zz-report": {"the report"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := ls.first[ls.vocab.ID("the")]; r == nil || !slicesContainNone(ls.roots, r) {
		t.Fatal(`"the" does not start a merged root`)
	}
	src := "Our intern forgot it. The build server missed it. The report came late. My two checks missed nothing."
	d := text.Tokenize(src, ls.vocab)
	hits := ls.findAll(newStream(d, ls))
	quote := func(h hit) string { return src[d.Toks[h.lo].Start:d.Toks[h.hi-1].End] }
	for _, c := range []struct {
		list   string
		want   []string
		weight float64
	}{
		{"zz-forgot", []string{"Our intern forgot"}, 1},
		{"zz-missed", []string{"The build server missed", "My two checks missed"}, 2},
		{"zz-report", []string{"The report"}, 1},
	} {
		hs := hits[ls.list(c.list)]
		if len(hs) != len(c.want) {
			t.Errorf("%s: %d matches, want %d", c.list, len(hs), len(c.want))
			continue
		}
		for i, h := range hs {
			if quote(h) != c.want[i] || h.weight != c.weight {
				t.Errorf("%s: match %d is %q at weight %v, want %q at %v", c.list, i, quote(h), h.weight, c.want[i], c.weight)
			}
		}
	}
}

// slicesContainNone reports whether r is none of roots: a merged root
// is a new node, not one of the roots it merges.
func slicesContainNone(roots []*node, r *node) bool {
	for _, x := range roots {
		if x == r {
			return false
		}
	}
	return true
}
