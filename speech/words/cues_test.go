package words

import "testing"

// TestCues: unchanged words keep the engine's times, a changed word takes
// the time of the one it replaced, a word the person added gets a time
// after its neighbour, every word of the text gets a cue; no engine words
// give no cues.
func TestCues(t *testing.T) {
	heard := []Word{
		{Text: "i", Start: 0.5, End: 0.6, Conf: 0.9}, {Text: "skipped", Start: 0.6, End: 1.1, Conf: 0.8},
		{Text: "the", Start: 1.1, End: 1.2, Conf: 0.9}, {Text: "dry", Start: 1.2, End: 1.5, Conf: 0.4},
		{Text: "rub", Start: 1.5, End: 1.8, Conf: 0.3},
	}
	text := "I skipped the dry run on Friday."
	cues := Cues(text, heard)
	times := map[string][2]float64{}
	for _, c := range cues {
		times[text[c.Start:c.End]] = [2]float64{c.From, c.To}
	}
	cases := []struct {
		word     string
		from, to float64
	}{
		{"skipped", 0.6, 1.1}, // kept
		{"run", 1.5, 1.8},     // replaced "rub"
	}
	for _, c := range cases {
		if got, ok := times[c.word]; !ok || got[0] != c.from || got[1] != c.to {
			t.Errorf("%q timed %v (%v), want %.1f to %.1f", c.word, got, ok, c.from, c.to)
		}
	}
	if got, ok := times["Friday"]; !ok || got[0] < 1.8 {
		t.Errorf("added word timed %v (%v), want after 1.8 s", got, ok)
	}
	if len(cues) != 7 {
		t.Errorf("%d cues for the 7 words of %q", len(cues), text)
	}
	if got := Cues(text, nil); got != nil {
		t.Errorf("cues %v with no engine words", got)
	}
}
