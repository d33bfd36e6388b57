package scoring

import (
	"maps"
	"slices"
	"testing"
)

// TestWordSet: a list's word set is the words of its one-word patterns
// - alternatives included, longer patterns and other lists' words not.
func TestWordSet(t *testing.T) {
	ls, err := compileLists(map[string][]string{
		"zz-mine":  {"alpha", "beta|gamma", "alpha beta", "delta *", "epsilon ... zeta"},
		"zz-other": {"delta", "eta"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		list string
		want []string
	}{
		{"zz-mine", []string{"alpha", "beta", "gamma"}},
		{"zz-other", []string{"delta", "eta"}},
	} {
		set, err := ls.wordSet(c.list)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Sorted(maps.Keys(set)); !slices.Equal(got, c.want) {
			t.Errorf("%s: words %v, want %v", c.list, got, c.want)
		}
	}
	if _, err := ls.wordSet("zz-none"); err == nil {
		t.Error("a list that does not exist has a word set")
	}
}
