package ui

import (
	"sort"
	"time"

	"retake/scoring"
	"retake/scoring/transcript"
	"retake/speech/words"
)

// The kinds of transcript source, as scoring.Source names them.
const (
	sourceTyped  = "typed"
	sourceFile   = "file"
	sourceEngine = "engine"
)

// unsureConf is the confidence below which a draft's word is marked as
// one the engine doubted: PocketSphinx gives its wrong words mostly
// under a half, its right ones mostly over.
const unsureConf = 0.5

// timedSpan is a stretch of the shown text with the time it was said:
// a word of a draft, or a cue of a timed transcript file.
type timedSpan struct {
	From, To   int
	Start, End float64
	// Unsure is set for a word the engine doubted and the person has
	// not retyped.
	Unsure bool
}

// timedSpans places the shown text in time: a draft's text word by word,
// aligned to the engine's words so the words an edit left alone keep
// their times (the way the take library times the report); a timed
// file's text by its cues; nil when nothing says when it was said.
func timedSpans(tr transcript.Transcript, heard []words.Word, draft bool) []timedSpan {
	if draft && len(heard) > 0 {
		aligned := words.Align(tr.Text, heard)
		out := make([]timedSpan, 0, len(aligned))
		for _, w := range aligned {
			if w.End < w.Start {
				continue
			}
			out = append(out, timedSpan{From: w.From, To: w.To, Start: w.Start, End: w.End,
				Unsure: w.Edit == words.Kept && w.Conf != words.NoConf && w.Conf < unsureConf})
		}
		return out
	}
	out := make([]timedSpan, 0, len(tr.Cues))
	for _, c := range tr.Cues {
		if c.End > c.Start && c.To >= c.From {
			out = append(out, timedSpan{From: c.Start, To: c.End, Start: c.From, End: c.To})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// spanAt is the index of the span being said at t: the last one that
// has started, -1 before the first.
func spanAt(spans []timedSpan, t time.Duration) int {
	// A microsecond's grace: a word's start, made a Duration and back,
	// may come out a hair before itself.
	s := t.Seconds() + 1e-6
	return sort.Search(len(spans), func(i int) bool { return spans[i].Start > s }) - 1
}

// spanOf is the index of the span holding byte offset off, -1 for none.
func spanOf(spans []timedSpan, off int) int {
	for i, s := range spans {
		if off >= s.From && off < s.To {
			return i
		}
	}
	return -1
}

// analysisInput is the analyzer's input for a take's transcript as the
// take library builds it (a draft through scoring.Input.WithDraft), so
// the report on screen is the one it stores; every take brings its
// recording's pauses.
func analysisInput(tr transcript.Transcript, t Take, heard []words.Word, src scoring.Source, target time.Duration) scoring.Input {
	in := scoring.Input{Text: tr.Text, Cues: tr.Cues, Marks: t.Marks, RecordingS: t.Duration.Seconds(),
		Target: target, Pauses: t.Pauses, Source: src}
	if src.Kind == sourceEngine {
		in = in.WithDraft(words.Cues(tr.Text, heard))
	}
	return in
}
