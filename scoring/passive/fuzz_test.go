package passive

import (
	"reflect"
	"strings"
	"testing"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"the tests weren't run",
		"it’s been fixed, um, by the VP",
		"I shouldn't have been put in charge. Was it tested",
		"'s", "n't", "wasnt", "by", "was\xffmade", "the build's been broken",
		"there were missed calls", "I was used to it", "re tested double checked",
		"WAS CANCELLED BY THE CUSTOMER", "\u2019s been \u2018done\u2019",
		strings.Repeat("it was um really just made and the tests weren't run ", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prevEnd := 0
		ms := Find(text)
		// The sliding window, at its smallest, must agree with reading
		// every token up front.
		saved := windowTokens
		windowTokens = minWindow
		small := Find(text)
		windowTokens = saved
		if whole := findWhole(text); !reflect.DeepEqual(whole, small) || !reflect.DeepEqual(whole, ms) {
			t.Fatalf("Find(%q): the token window changes the matches: %+v, %+v vs %+v", text, ms, small, whole)
		}
		for _, m := range ms {
			if m.Start < prevEnd || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("Find(%q): span [%d,%d) after %d is out of order or outside the text", text, m.Start, m.End, prevEnd)
			}
			if !boundary(text, m.Start) || !boundary(text, m.End) {
				t.Fatalf("Find(%q): span [%d,%d) splits a UTF-8 sequence", text, m.Start, m.End)
			}
			if m.Participle == "" || m.Aux == "" {
				t.Fatalf("Find(%q): empty aux or participle in %+v", text, m)
			}
			prevEnd = m.End
		}
	})
}

// boundary reports whether byte i of s is where a rune starts (or the
// end), reading invalid bytes as one-byte runes as range over a string
// does and as the tokenizer does.
func boundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j == i {
			return true
		}
		if j > i {
			break
		}
	}
	return false
}
