package words

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"I shipped it.", []string{"i", "shipped", "it"}},
		{"We double-charged forty customers—twice", []string{"we", "double", "charged", "forty", "customers", "twice"}},
		{"don't  O’Neil's 'quoted' rock'n'roll", []string{"don't", "o'neil's", "quoted", "rock'n'roll"}},
		{"3.5 % of 200", []string{"3", "5", "of", "200"}},
		{"café naïve", []string{"café", "naïve"}},
		{"  \n\t ", nil},
		{"\xff\xfe bad bytes", []string{"bad", "bytes"}},
	}
	for _, c := range cases {
		if got := Normalize(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Normalize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestWordErrorRate(t *testing.T) {
	cases := []struct {
		ref, hyp string
		want     float64
	}{
		{"I made a mistake.", "i made a mistake", 0},
		{"I made a mistake", "i made mistake", 0.25},       // one deletion
		{"I made a mistake", "i made a big mistake", 0.25}, // one insertion
		{"I made a mistake", "i shed a mistake", 0.25},     // one substitution
		{"I made a mistake", "", 1},                        // everything deleted
		{"one two", "three four five six", 2},              // more errors than words
		{"", "", 0},
		{"", "noise", 1},
	}
	for _, c := range cases {
		if got := ErrorRate(c.ref, c.hyp); !near(got, c.want) {
			t.Errorf("ErrorRate(%q, %q) = %v, want %v", c.ref, c.hyp, got, c.want)
		}
	}
}
