package passive

import "testing"

func TestLexiconLoads(t *testing.T) {
	l, err := loadLexicon()
	if err != nil {
		t.Fatalf("loadLexicon: %v", err)
	}
	sizes := map[string]int{
		"irregular": len(l.irregular), "adjectival": len(l.adjectival), "ambiguous": len(l.ambiguous),
		"skip": len(l.skip), "not participle": len(l.notPart), "idioms": len(l.idioms),
	}
	for name, n := range sizes {
		if n < 10 {
			t.Errorf("%s list has %d entries; the embedded file looks truncated", name, n)
		}
	}
	// A word may not be both a plain adjective and a person-or-thing
	// participle: the adjective rule would silently win.
	for w := range l.ambiguous {
		if l.adjectival.has(w) {
			t.Errorf("%q is in both passive-adjectival.txt and passive-ambiguous.txt", w)
		}
	}
	// Degree words stop the skip over adverbs; one in both lists would
	// make "extremely rushed" a passive.
	for w := range l.degree {
		if l.skip.has(w) {
			t.Errorf("%q is in both passive-degree.txt and passive-skip.txt", w)
		}
	}
}

func TestReadListRejectsBadEntries(t *testing.T) {
	if _, err := readList("no-such-list.txt"); err == nil {
		t.Error("readList of a missing list: want an error")
	}
}

func TestClassify(t *testing.T) {
	l := words()
	tests := []struct {
		w    string
		want wordKind
	}{
		{"deployed", kindPart}, {"taken", kindPart}, {"agreed", kindPart}, {"need", kindNone},
		{"red", kindNone}, {"hundred", kindNone}, {"tired", kindAdjective}, {"done", kindAmbiguous},
		{"used", kindUsed}, {"gone", kindNone}, {"untested", kindAdjective}, {"unlocked", kindPart},
		{"underestimated", kindPart}, {"re-tested", kindPart}, {"well-prepared", kindAdjective},
		{"half-baked", kindAdjective}, {"overspent", kindPart}, {"rebuilt", kindPart}, {"outdone", kindPart}, {"prebuilt", kindPart}, {"overeed", kindNone}, {"self-", kindNone}, {"-", kindNone}, {"", kindNone}, {"sending", kindNone},
	}
	for _, tt := range tests {
		if got := l.classify(tt.w); got != tt.want {
			t.Errorf("classify(%q) = %d, want %d", tt.w, got, tt.want)
		}
	}
}
