package text

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // norm|source text, then "¶" after a paragraph, "." a sentence end, ";" a clause break, "," a comma
	}{
		{"plain", "it was made", []string{"it|it", "was|was", "made|made"}},
		{"capitals", "It Was", []string{"it|It", "was|Was"}},
		{"n't reads as not", "wasn't", []string{"was|was", "not|n't"}},
		{"curly n't", "Weren’t", []string{"were|Were", "not|n’t"}},
		{"did not and didn't agree", "did not", []string{"did|did", "not|not"}},
		{"can't", "can't", []string{"can|ca", "not|n't"}},
		{"won't", "won’t", []string{"will|wo", "not|n’t"}},
		{"cannot", "cannot", []string{"can|can", "not|not"}},
		{"'s stays ambiguous", "it's", []string{"it|it", "'s|'s"}},
		{"curly 're", "they’re", []string{"they|they", "are|’re"}},
		{"could've", "could've", []string{"could|could", "have|'ve"}},
		{"I'm", "I'm", []string{"i|I", "am|'m"}},
		{"let's stays whole", "let's", []string{"let's|let's"}},
		{"bare contraction", "wasnt", []string{"was|was", "not|nt"}},
		{"bare im", "im", []string{"i|i", "am|m"}},
		{"bare capital", "Didnt", []string{"did|Did", "not|nt"}},
		{"bare thats", "thats", []string{"that|that", "'s|s"}},
		{"ordinary words stay", "its were well", []string{"its|its", "were|were", "well|well"}},
		{"plural is not a contraction", "rules", []string{"rules|rules"}},
		{"lone clitic", "'s been", []string{"'s|'s", "been|been"}},
		{"quotes", "“done” 'fixed'", []string{"done|done", "fixed|fixed"}},
		{"hyphen", "walk-in re-tested -x", []string{"walk-in|walk-in", "re-tested|re-tested,", "x|x"}},
		{"numbers", "1,200 orders at $4,000 or 3.5%", []string{"1,200|1,200", "orders|orders", "at|at", "$4,000|$4,000", "or|or", "3.5%|3.5%"}},
		{"breaks", "ok. so? yes; no: fine… end, x — y", []string{"ok|ok.", "so|so.", "yes|yes;", "no|no;", "fine|fine.", "end|end,", "x|x;", "y|y"}},
		{"blank line ends a paragraph", "one\n\ntwo\nthree", []string{"one|one¶", "two|two", "three|three"}},
		{"a full stop before a blank line", "one.\n\ntwo", []string{"one|one¶", "two|two"}},
		{"o'clock", "o'clock", []string{"o'clock|o'clock"}},
		{"invalid utf-8", "a\xffb", []string{"a|a", "b|b"}},
		{"accents", "Café naïve", []string{"café|Café", "naïve|naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Tokenize(tt.text, nil)
			got := []string{}
			for i, tok := range d.Toks {
				s := d.Norm(i) + "|" + tt.text[tok.Start:tok.End]
				s += map[Break]string{NoBreak: "", Comma: ",", Clause: ";", Sentence: ".", Paragraph: "¶"}[tok.After]
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenFlags(t *testing.T) {
	d := Tokenize("Um I didn't tell our team, we had forty-two and 12 uh tickets", nil)
	want := map[string]struct {
		flags  Flags
		person Person
	}{
		"um": {Filler | Capital, NoPerson}, "i": {Capital, Speaker}, "not": {Clitic, NoPerson},
		"our": {0, Us}, "we": {0, We}, "forty-two": {Number, NoPerson}, "12": {Number, NoPerson},
		"uh": {Filler, NoPerson}, "tickets": {0, NoPerson},
	}
	words := 0
	for i, tok := range d.Toks {
		if w, ok := want[d.Norm(i)]; ok && (tok.Flags != w.flags || tok.Person != w.person) {
			t.Errorf("%q: flags %b person %d, want %b and %d", d.Norm(i), tok.Flags, tok.Person, w.flags, w.person)
		}
		if tok.Counts() {
			words++
		}
	}
	// um, uh and the split-off "n't" are not words of their own.
	if words != 11 {
		t.Errorf("%d spoken words, want 11", words)
	}
}

func TestVocabSharesTheBase(t *testing.T) {
	base := NewVocab("checklist", "runbook")
	a := Tokenize("the Checklist and a brandnewword", base)
	b := Tokenize("a runbook, another brandnewword", base)
	if base.Len() != 3 {
		t.Errorf("documents added to the shared vocabulary: size %d", base.Len())
	}
	if a.Toks[1].Word != base.ID("checklist") || b.Toks[1].Word != base.ID("runbook") {
		t.Errorf("base words did not keep their ids")
	}
	if a.Norm(4) != "brandnewword" || b.Norm(3) != "brandnewword" {
		t.Errorf("new words: %q and %q", a.Norm(4), b.Norm(3))
	}
}

func TestClassesFailLoudly(t *testing.T) {
	if _, err := ParseClasses("x", "no colon here\n"); err == nil {
		t.Error("a line without a class name was accepted")
	}
	if _, err := ParseClasses("x", "k: Upper\n"); err == nil {
		t.Error("an upper-case entry was accepted")
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown class name did not panic")
		}
	}()
	Grammar().Class("no-such-class")
}

func TestContractionTable(t *testing.T) {
	if _, err := parseContractions("bare didnt = did not\n"); err == nil {
		t.Error("a bare form whose parts do not spell it was accepted")
	}
	if _, err := parseContractions("odd x = y\n"); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if c := table(); c.bare["didnt"].stem != "did" || c.clitic["n't"] != "not" {
		t.Errorf("the shipped table lost its entries: %+v", c.bare["didnt"])
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"I didn't. It's done; we'll see", "1,200.5% $3 \u2019s", "a\xffb'c", "''' --- ...", "Im cant"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Tokenize(s, nil)
		prev := int32(0)
		for i, tok := range d.Toks {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("token %d span [%d,%d) after %d in %q", i, tok.Start, tok.End, prev, s)
			}
			if !boundary(s, int(tok.Start)) || !boundary(s, int(tok.End)) {
				t.Fatalf("token %d span [%d,%d) splits a rune of %q", i, tok.Start, tok.End, s)
			}
			if d.Norm(i) == "" {
				t.Fatalf("token %d has no normalized form in %q", i, s)
			}
			prev = tok.End
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
		if j >= i {
			return j == i
		}
	}
	return false
}
