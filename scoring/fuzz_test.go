package scoring

import (
	"testing"
	"unicode/utf8"

	"retake/scoring/transcript"
)

// checkSpans fails when a span is outside the text, not on UTF-8
// boundaries, or quotes other bytes than the text holds there.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("span %d-%d outside text of %d bytes", s.Start, s.End, len(text))
		}
		if !runeBoundary(text, s.Start) {
			t.Fatalf("span starts inside a rune at %d", s.Start)
		}
		if !runeBoundary(text, s.End) {
			t.Fatalf("span ends inside a rune at %d", s.End)
		}
		if capText(text[s.Start:s.End]) != s.Text {
			t.Fatalf("span text %q is not the text's %q", s.Text, text[s.Start:s.End])
		}
	}
}

// runeBoundary reports whether byte i of s is where a rune starts (or
// the end), reading invalid bytes as one-byte runes as range does.
func runeBoundary(s string, i int) bool {
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

// FuzzAnalyze feeds arbitrary text, with and without timing, to
// Analyze: it must not panic, every span must lie on the text's UTF-8
// boundaries, sections must be in order and scores within 0-100.
func FuzzAnalyze(f *testing.F) {
	for _, seed := range []string{
		"I skipped the check because I assumed staging matched production. Now I run a checklist.",
		"um so like we didnt really test it and qa missed it you know",
		"I can't think of a mistake. I'm a perfectionist.",
		"the email got sent to the wrong list and mistakes were made",
		"caf\u00e9 \u2019s been fixed \u2014 \U0001F600 200 customers $4,000 40%",
		"", " . . ", "a\x00b",
	} {
		f.Add(seed, 0.0, "")
	}
	f.Add("1\n00:00:01,000 --> 00:00:05,000\nI sent it\n\n2\n00:00:05,000 --> 00:00:09,000\nNow I check\n", 20.0, "a.srt")
	f.Fuzz(func(t *testing.T, text string, rec float64, name string) {
		in := Input{Text: text, RecordingS: rec, Marks: []float64{rec / 5, rec / 3, rec / 2}}
		if name != "" {
			tr, err := transcript.Parse(name, []byte(text))
			if err != nil {
				return
			}
			in.Text, in.Cues = tr.Text, tr.Cues
		}
		if !utf8.ValidString(in.Text) {
			return
		}
		rep := Analyze(in)
		if rep.Score < 0 || rep.Score > 100 {
			t.Fatalf("score %d", rep.Score)
		}
		checkSpans(t, in.Text, rep.Passive)
		for _, fl := range rep.Flags {
			checkSpans(t, in.Text, fl.Spans)
		}
		last := 0
		for _, s := range rep.Sections {
			if s.Score < 0 || s.Score > 100 {
				t.Fatalf("section %s score %d", s.ID, s.Score)
			}
			if s.Start == -1 {
				continue
			}
			if s.Start < last || s.End < s.Start || s.End > len(in.Text) {
				t.Fatalf("section %s at %d-%d out of order (last end %d)", s.ID, s.Start, s.End, last)
			}
			last = s.End
		}
	})
}
