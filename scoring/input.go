package scoring

import (
	"time"

	"retake/scoring/transcript"
)

// DefaultTarget is the answer length the plan assumes unless the person
// sets another one.
const DefaultTarget = 135 * time.Second

// MinTarget and MaxTarget bound the target length setting.
const (
	MinTarget = time.Minute
	MaxTarget = 5 * time.Minute
)

// Input is everything Analyze reads: the transcript and what is known of
// its timing. Only Text is required.
type Input struct {
	// Text is the transcript; spans in the report are byte offsets into it.
	Text string
	// Cues, when present, give the times at which stretches of Text were
	// spoken (from an SRT or VTT file).
	Cues []transcript.Cue
	// Marks are the seconds at which the speaker moved on to sections
	// 2..5 while recording (fewer than four is fine).
	Marks []float64
	// RecordingS is the recording's duration in seconds, 0 when unknown.
	RecordingS float64
	// Target is the planned answer length; 0 means DefaultTarget.
	Target time.Duration
	// Rubric is the rubric id ("mistake" when empty).
	Rubric string
	// Pauses are the silences found in the recording, nil when unknown;
	// without them pauses are read from gaps between timed words.
	Pauses []Pause
	// Source says where the text came from; it is copied to the report.
	Source Source
	// DropsFillers is set when the text comes from a speech engine that
	// cannot hear "um" and "uh", so a filler count would mislead.
	DropsFillers bool
}

// FromTranscript makes an Input from a parsed transcript.
func FromTranscript(t transcript.Transcript) Input {
	return Input{Text: t.Text, Cues: t.Cues}
}

// WithDraft makes the input a speech engine's draft: timed by its words
// (cues, one per word, as speech/words.Cues aligns them to the corrected
// text; none keeps the input's own), and with its fillers counted as not
// heard, since no engine the app runs writes "um" or "uh" and a person
// correcting a draft fixes words, not hesitations. The take library and
// the app both build a draft's input here, so the report on screen is
// the one stored.
func (in Input) WithDraft(cues []transcript.Cue) Input {
	in.DropsFillers = true
	if len(cues) > 0 {
		in.Cues = cues
	}
	return in
}
