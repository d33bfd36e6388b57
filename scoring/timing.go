package scoring

import (
	"retake/scoring/transcript"
)

// wordsPerMinute is the speaking rate assumed when nothing better is known.
const wordsPerMinute = 150

// tokenTimes gives each token the time it was spoken, interpolated by
// byte offset inside its cue. Tokens outside every cue take the time of
// the last timed token before them. It returns nil without cues.
func tokenTimes(toks []token, cues []transcript.Cue) []float64 {
	if len(cues) == 0 {
		return nil
	}
	times := make([]float64, len(toks))
	c := 0
	last := cues[0].From
	for i, t := range toks {
		for c < len(cues) && cues[c].End <= t.start {
			last = cues[c].To
			c++
		}
		if c < len(cues) && t.start >= cues[c].Start && t.start < cues[c].End {
			cue := cues[c]
			frac := 0.0
			if cue.End > cue.Start {
				frac = float64(t.start-cue.Start) / float64(cue.End-cue.Start)
			}
			times[i] = cue.From + frac*(cue.To-cue.From)
			last = times[i]
			continue
		}
		times[i] = last
	}
	return times
}

// duration picks the answer's length from the best source available.
func duration(in Input, words int) (float64, string) {
	if in.RecordingS > 0 {
		return in.RecordingS, "recording"
	}
	end := 0.0
	for _, c := range in.Cues {
		if c.To > end {
			end = c.To
		}
	}
	if end > 0 {
		return end, "timestamps"
	}
	return float64(words) * 60 / wordsPerMinute, "estimated"
}
