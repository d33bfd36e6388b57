package scoring

import (
	"strings"
	"testing"

	"retake/scoring/transcript"
)

// cuesPerSentence times a text as a speech engine would, one cue per
// sentence at the given seconds each, and returns the cues and the end.
func cuesPerSentence(text string, secs float64) ([]transcript.Cue, float64) {
	var cues []transcript.Cue
	at, t := 0, 0.0
	for _, s := range strings.SplitAfter(text, ". ") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		cues = append(cues, transcript.Cue{Start: at, End: at + len(s), From: t, To: t + secs})
		at += len(s)
		t += secs
	}
	return cues, t
}

// A speaker who presses on by the timer rather than by their words:
// the marks say the first 40 seconds were all situation, but the words
// tell the mistake from the second sentence. Content wins, the passive
// is flagged, and the report says where marks and content disagree.
func TestMarksAreEvidenceNotLaw(t *testing.T) {
	text := answerWith(map[string]string{"mistake": "Mistakes were made with the dental booking, and the date was entered wrong."})
	cues, end := cuesPerSentence(text, 6)
	rep := Analyze(Input{Text: text, Cues: cues, Marks: []float64{40, 44, 48, 52}, RecordingS: end})
	if !rep.HasFlag("passive-voice") {
		t.Errorf("the passive in the mistake was not flagged: sections %+v", rep.Sections)
	}
	var mistake SectionResult
	for _, s := range rep.Sections {
		if s.ID == "mistake" {
			mistake = s
		}
	}
	if mistake.Start < 0 || !strings.HasPrefix(text[mistake.Start:], "Mistakes were made") {
		t.Errorf("the mistake section starts at %d, want at \"Mistakes were made\"", mistake.Start)
	}
	if mistake.MarkS != 40 || mistake.ToldS < 0 || mistake.ToldS > 10 {
		t.Errorf("mistake marked at %v, told at %v", mistake.MarkS, mistake.ToldS)
	}
	if !strings.Contains(mistake.Timing, "0:40") || !strings.Contains(mistake.Timing, "0:06") {
		t.Errorf("no timing note for the mistake: %q", mistake.Timing)
	}
}

// A subtitle file laid onto a take whose marks came early: the cause is
// told, in words, and is found, whatever the marks say.
func TestSubtitlesOnAShortTakeFindTheCause(t *testing.T) {
	text := "I shipped the update on Friday without a load test. The app crashed for a thousand users. The root cause was that I treated staging as a copy of production. I rolled back within the hour. Now every release gets a load test."
	cues, _ := cuesPerSentence(text, 3)
	rep := Analyze(Input{Text: text, Cues: cues, Marks: []float64{1, 2, 3, 4}, RecordingS: 15})
	if rep.HasFlag("no-root-cause") {
		t.Errorf("no-root-cause raised although the cause is told; sections %+v", rep.Sections)
	}
}

// Marks alone, on a typed transcript, never move words: they give each
// section's seconds, and no timing note (the words carry no times).
func TestMarksWithoutTimesOnlyTime(t *testing.T) {
	text := answerWith(nil)
	a := Analyze(Input{Text: text})
	b := Analyze(Input{Text: text, Marks: []float64{3, 6, 9, 12}, RecordingS: 120})
	for i := range a.Sections {
		if a.Sections[i].Start != b.Sections[i].Start {
			t.Errorf("section %s moved from %d to %d by marks on untimed text", a.Sections[i].ID, a.Sections[i].Start, b.Sections[i].Start)
		}
		if b.Sections[i].Timing != "" {
			t.Errorf("section %s has a timing note without word times: %q", b.Sections[i].ID, b.Sections[i].Timing)
		}
	}
	if b.Sections[0].Seconds != 3 || b.Sections[4].Seconds != 108 {
		t.Errorf("marks did not give the seconds: %v and %v", b.Sections[0].Seconds, b.Sections[4].Seconds)
	}
}
