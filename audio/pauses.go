package audio

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"retake/audio/wav"
)

// Pause is a span of time in seconds from the start of the file. It is
// used for both silences and speech segments.
type Pause struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// PauseReport is the speaking-time analysis of a take.
type PauseReport struct {
	DurationS     float64 `json:"duration_s"`
	SpeechS       float64 `json:"speech_s"`
	LongestPauseS float64 `json:"longest_pause_s"`
	// Pauses are the silences of MinPause or more between speech;
	// silence before the first word and after the last is not a pause.
	Pauses []Pause `json:"pauses"`
	// Segments are the stretches of speech.
	Segments []Pause `json:"segments"`
}

// Tuning of the detector. The window is short enough for boundaries well
// inside 50 ms; the thresholds are relative to the take itself, so a quiet
// microphone and a loud one give the same answer.
const (
	// MinPause is the shortest silence reported as a pause; shorter gaps
	// are the natural breaks between words and inside them.
	MinPause       = 0.25
	windowSeconds  = 0.01
	minSpeechS     = 0.04 // shorter bursts are clicks, not words
	speechRangeDB  = 40   // speech is within this of the loud level
	noiseMarginDB  = 10   // and this far above the noise floor
	absoluteGateDB = -70  // nothing quieter counts, however quiet the take
)

// DetectPauses finds speech and the pauses between it from the audio of a
// WAV or MP3 file.
func DetectPauses(path string) (PauseReport, error) {
	s, err := openSource(path)
	if err != nil {
		return PauseReport{}, err
	}
	defer s.Close()
	return detectPauses(s, path)
}

// DetectPausesFile is DetectPauses on a file the caller opened (the take
// library opens audio inside a take's folder without following links);
// it leaves f open.
func DetectPausesFile(f *os.File) (PauseReport, error) {
	s, err := sourceOf(f, nopCloser{}, f.Name())
	if err != nil {
		return PauseReport{}, err
	}
	defer s.Close()
	return detectPauses(s, f.Name())
}

func detectPauses(s source, path string) (PauseReport, error) {
	levels, err := windowLevels(s)
	if err != nil {
		return PauseReport{}, fmt.Errorf("pauses of %s: %w", path, err)
	}
	rep := classify(levels, windowSeconds)
	rep.DurationS = s.info().Duration.Seconds()
	return rep, nil
}

// windowLevels returns the energy of each 10 ms window of the mono mix in
// dBFS. One value per window keeps an hour-long take near 1.5 MB.
func windowLevels(s source) ([]float32, error) {
	f := s.format()
	win := max(int(float64(f.SampleRate)*windowSeconds), 1)
	fs := f.FrameSize()
	raw := make([]byte, win*fs*32)
	floats := make([]float32, win*f.Channels*32)
	var levels []float32
	var sum float64
	n := 0
	for {
		got, err := readFull(s, raw)
		k := wav.ToFloat(f, raw[:got], floats)
		for i := 0; i+f.Channels <= k; i += f.Channels {
			var m float64
			for c := 0; c < f.Channels; c++ {
				m += float64(floats[i+c])
			}
			m /= float64(f.Channels)
			sum += m * m
			n++
			if n == win {
				levels = append(levels, float32(toDBFS(math.Sqrt(sum/float64(n)))))
				sum, n = 0, 0
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if n > 0 {
		levels = append(levels, float32(toDBFS(math.Sqrt(sum/float64(n)))))
	}
	return levels, nil
}

// classify turns window levels into speech segments and pauses.
func classify(levels []float32, win float64) PauseReport {
	rep := PauseReport{Pauses: []Pause{}, Segments: []Pause{}}
	if len(levels) == 0 {
		return rep
	}
	sorted := slices.Clone(levels)
	slices.Sort(sorted)
	noise := float64(sorted[len(sorted)/10])
	loud := float64(sorted[len(sorted)*95/100])
	gate := max(loud-speechRangeDB, noise+noiseMarginDB, absoluteGateDB)

	// Runs of windows above the gate, in window indices.
	type run struct{ a, b int }
	var runs []run
	for i := 0; i < len(levels); {
		if float64(levels[i]) <= gate {
			i++
			continue
		}
		j := i
		for j < len(levels) && float64(levels[j]) > gate {
			j++
		}
		runs = append(runs, run{i, j})
		i = j
	}
	// Join runs split by gaps too short to be a pause.
	minGap := int(math.Round(MinPause / win))
	var merged []run
	for _, r := range runs {
		if n := len(merged); n > 0 && r.a-merged[n-1].b < minGap {
			merged[n-1].b = r.b
			continue
		}
		merged = append(merged, r)
	}
	minRun := int(math.Ceil(minSpeechS / win))
	for _, r := range merged {
		if r.b-r.a < minRun {
			continue
		}
		seg := Pause{Start: float64(r.a) * win, End: float64(r.b) * win}
		if n := len(rep.Segments); n > 0 {
			p := Pause{Start: rep.Segments[n-1].End, End: seg.Start}
			rep.Pauses = append(rep.Pauses, p)
			rep.LongestPauseS = max(rep.LongestPauseS, p.End-p.Start)
		}
		rep.Segments = append(rep.Segments, seg)
		rep.SpeechS += seg.End - seg.Start
	}
	return rep
}
