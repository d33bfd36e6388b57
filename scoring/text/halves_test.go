package text

import (
	"strings"
	"testing"
)

// sameTokens reports the first difference between two tokenizations of
// one text: spans, breaks, flags and words must agree; word ids may be
// numbered differently.
func sameTokens(a, b *Doc) (int, bool) {
	if len(a.Toks) != len(b.Toks) {
		return min(len(a.Toks), len(b.Toks)), false
	}
	for i := range a.Toks {
		x, y := a.Toks[i], b.Toks[i]
		if x.Start != y.Start || x.End != y.End || x.After != y.After || x.Flags != y.Flags || x.Person != y.Person || a.Norm(i) != b.Norm(i) {
			return i, false
		}
		if (x.Word == 0) != (y.Word == 0) || a.Vocab.attr(x.Word) != b.Vocab.attr(y.Word) {
			return i, false
		}
	}
	return 0, true
}

// TestTokenizeHalves: a long text read in two halves on two cores gives
// the tokens a single pass gives, whatever sits around the cut:
// contractions, numbers, paragraphs, curly quotes, words of other
// scripts and words only the second half uses.
func TestTokenizeHalves(t *testing.T) {
	pieces := []string{
		"I didn't check the backup, and we lost a day.",
		"It's 3:15; the 1,200 invoices (about 20%) went out at $3 each.",
		"\u201cWe\u2019ll fix it,\u201d I said \u2014 and I did.\n\n",
		"Das Gr\u00fc\u00dfe caf\u00e9 na\u00efve r\u00e9sum\u00e9.",
		"'Tis the season; o'clock rock'n'roll y'all.\n",
		"um, uh... so basically I, like, skipped it\n",
	}
	cases := map[string]string{}
	var b strings.Builder
	for i := 0; b.Len() < 3000; i++ {
		b.WriteString(pieces[i%len(pieces)])
		b.WriteByte(' ')
	}
	cases["mixed"] = b.String()
	cases["second half has its own words"] = strings.Repeat("alpha beta gamma. ", 80) + strings.Repeat("zeta\u00e9 omega'd eta-theta! ", 80)
	cases["one long line"] = strings.Repeat("word ", 700)
	cases["no place to cut"] = strings.Repeat("x", 2000)
	old := parallelFrom
	defer func() { parallelFrom = old }()
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			parallelFrom = 1 << 30
			one := Tokenize(text, nil)
			parallelFrom = 1000
			two := Tokenize(text, nil)
			if i, ok := sameTokens(one, two); !ok {
				t.Fatalf("token %d differs: %+v %q vs %+v %q", i, one.Toks[min(i, len(one.Toks)-1)], one.NormAt(i), two.Toks[min(i, len(two.Toks)-1)], two.NormAt(i))
			}
			if len(one.Toks) == 0 && text != strings.Repeat("x", 2000) {
				t.Fatal("no tokens")
			}
		})
	}
}

// TestWordStartNear: the cut falls on a letter after a space or newline,
// never inside a word or after an apostrophe or a digit.
func TestWordStartNear(t *testing.T) {
	cases := []struct {
		text string
		k    int
		want int
	}{
		{"ab cd", 1, 3},
		{"ab\ncd", 0, 3},
		{"ab 'cd ef", 2, 7},
		{"ab 12 cd", 2, 6},
		{"abcdef", 1, 0},
		{"ab cd", 4, 0},
	}
	for _, c := range cases {
		if got := wordStartNear(c.text, c.k); got != c.want {
			t.Errorf("wordStartNear(%q, %d) = %d, want %d", c.text, c.k, got, c.want)
		}
	}
}

// TestCapitalDoesNotDependOnOrder: a word starting with a symbol is not
// capitalized the second time it is seen either (the second "$3" once
// took the path of known capitalized words).
func TestCapitalDoesNotDependOnOrder(t *testing.T) {
	d := Tokenize("Paid $3, then $3 again. The The", nil)
	for i, tok := range d.Toks {
		want := d.Text[tok.Start] >= 'A' && d.Text[tok.Start] <= 'Z'
		if tok.Is(Capital) != want {
			t.Errorf("token %d %q: capital %v, want %v", i, d.Text[tok.Start:tok.End], tok.Is(Capital), want)
		}
	}
}
