package passive

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // norm|source text, "!" before a hard break
	}{
		{"plain", "it was made", []string{"it|it", "was|was", "made|made"}},
		{"capitals", "It Was", []string{"it|It", "was|Was"}},
		{"n't", "wasn't", []string{"was|was", "n't|n't"}},
		{"curly n't", "Weren’t", []string{"were|Were", "n't|n’t"}},
		{"can't", "can't", []string{"can|ca", "n't|n't"}},
		{"won't", "won’t", []string{"will|wo", "n't|n’t"}},
		{"clitic", "it's", []string{"it|it", "'s|'s"}},
		{"curly clitic", "they’re", []string{"they|they", "'re|’re"}},
		{"could've", "could've", []string{"could|could", "'ve|'ve"}},
		{"let's stays whole", "let's", []string{"let's|let's"}},
		{"bare contraction", "wasnt", []string{"was|was", "n't|nt"}},
		{"bare im", "im", []string{"i|i", "'m|m"}},
		{"bare thats", "thats", []string{"that|that", "'s|s"}},
		{"plural is not a contraction", "rules", []string{"rules|rules"}},
		{"lone clitic", "'s been", []string{"'s|'s", "been|been"}},
		{"quotes", "“done” 'fixed'", []string{"done|done", "fixed|fixed"}},
		{"hyphen", "walk-in re-tested -x", []string{"walk-in|walk-in", "re-tested|re-tested", "x|x"}},
		{"breaks", "ok. so? yes; no: fine… end", []string{"ok|ok", "!so|so", "!yes|yes", "!no|no", "!fine|fine", "!end|end"}},
		{"comma is not a break", "was, um, made", []string{"was|was", "um|um", "made|made"}},
		{"o'clock", "o'clock", []string{"o'clock|o'clock"}},
		{"invalid utf-8", "a\xffb", []string{"a|a", "b|b"}},
		{"accents", "Café naïve", []string{"café|Café", "naïve|naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, tok := range tokenize(tt.text, nil) {
				s := tok.norm + "|" + tt.text[tok.start:tok.end]
				if tok.hard {
					s = "!" + s
				}
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalizeKeepsPlainWords(t *testing.T) {
	w := "already-lower"
	if got := normalize(w); got != w {
		t.Errorf("normalize(%q) = %q", w, got)
	}
}
