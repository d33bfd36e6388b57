package words

import "retake/scoring/transcript"

// Cues times each word of text, a draft as the person has corrected it,
// from the engine's words (heard) through Align: the analyzer's cues, one
// per word. A word Align could give no time is left out rather than
// timed wrongly. With no engine words there are no cues.
func Cues(text string, heard []Word) []transcript.Cue {
	if len(heard) == 0 {
		return nil
	}
	aligned := Align(text, heard)
	cues := make([]transcript.Cue, 0, len(aligned))
	for _, w := range aligned {
		if w.End >= w.Start {
			cues = append(cues, transcript.Cue{Start: w.From, End: w.To, From: w.Start, To: w.End})
		}
	}
	return cues
}
