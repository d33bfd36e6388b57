package passive

import (
	"reflect"
	"strings"
	"testing"
)

// TestWindowMatchesWholeText checks that sliding the token window gives
// exactly the matches of reading the whole text at once, including
// matches that straddle a window edge.
func TestWindowMatchesWholeText(t *testing.T) {
	var sb strings.Builder
	for _, l := range readCorpus(t) {
		sb.WriteString(l.text)
		sb.WriteString(" um ")
	}
	sb.WriteString(loadAnswer(t))
	text := sb.String()

	saved := windowTokens
	defer func() { windowTokens = saved }()
	whole := findWhole(text)
	for _, size := range []int{minWindow, minWindow + 1, 300, 1000} {
		windowTokens = size
		if got := Find(text); !reflect.DeepEqual(got, whole) {
			t.Errorf("window of %d tokens: %d matches, whole text: %d", size, len(got), len(whole))
		}
	}
	if len(whole) < 200 {
		t.Errorf("only %d matches in the joined corpus; the test text is too small", len(whole))
	}
}

// findWhole is Find without the window: every token read up front. It is
// the reference the sliding window must agree with.
func findWhole(text string) []Match {
	lx := words()
	toks := tokenize(text)
	var out []Match
	floor := 0
	for i := 0; i < len(toks); i++ {
		if m, next, ok := matchAt(lx, toks, i, floor); ok {
			out = append(out, m)
			floor = next
			i = next - 1
		}
	}
	return out
}
