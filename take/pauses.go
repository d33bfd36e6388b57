package take

import (
	"os"

	"retake/scoring"
)

// pausesOf measures the silences of an open recording with the audio
// hook, or returns nil when there is no hook or the audio cannot be read:
// pauses refine the card's delivery (the analyzer falls back to the gaps
// between timed words), so a recording they cannot be read from is still
// a take worth keeping.
func (l *Library) pausesOf(f *os.File) []scoring.Pause {
	h := l.opts.Audio.Pauses
	if h == nil || f == nil {
		return nil
	}
	ps, err := h(f)
	if err != nil {
		return nil
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil
	}
	return checkedPauses(ps)
}

// measurePauses measures the take's own recording, opened inside its
// folder without following links.
func (l *Library) measurePauses(t *Take) {
	if t.Audio == "" || l.opts.Audio.Pauses == nil {
		return
	}
	d, err := openDir(t.dir)
	if err != nil {
		return
	}
	defer d.Close()
	f, err := openIn(d, t.Audio, os.O_RDONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	t.Pauses = l.pausesOf(f)
}

// checkedPauses keeps the pauses that are real spans in time order, so
// a hook's odd answer cannot make take.json unstorable.
func checkedPauses(ps []scoring.Pause) []scoring.Pause {
	out := []scoring.Pause{}
	prev := 0.0
	for _, p := range ps {
		if !finite(p.Start) || !finite(p.End) || p.Start < prev || p.End <= p.Start {
			continue
		}
		out = append(out, p)
		prev = p.End
	}
	return out
}
