package audio

import (
	"math"
	"os"
	"reflect"
	"testing"
)

// spans builds a signal from alternating (tone, silence) lengths in
// seconds and returns it with the true speech segments.
func spans(rate int, parts ...float64) ([]int16, []Pause) {
	var s []int16
	var segs []Pause
	t := 0.0
	for i, d := range parts {
		n := int(math.Round(d * float64(rate)))
		if i%2 == 0 {
			s = append(s, tone(n, rate, 180, 0.3)...)
			segs = append(segs, Pause{t, t + d})
		} else {
			s = append(s, make([]int16, n)...)
		}
		t += d
	}
	return s, segs
}

func TestDetectPausesSynthetic(t *testing.T) {
	const rate = 16000
	cases := []struct {
		name       string
		parts      []float64 // tone, silence, tone, ...
		lead       float64   // leading silence
		wantSegs   int
		wantPauses []float64 // lengths
	}{
		{"two pauses", []float64{1, 0.8, 1.5, 1.3, 0.7}, 0, 3, []float64{0.8, 1.3}},
		{"short gaps join words", []float64{0.5, 0.1, 0.5, 0.2, 0.5}, 0, 1, nil},
		{"a gap of exactly the minimum counts", []float64{0.5, 0.25, 0.5}, 0, 2, []float64{0.25}},
		{"leading and trailing silence is not a pause", []float64{1, 0.5, 1, 2}, 1.5, 2, []float64{0.5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, segs := spans(rate, c.parts...)
			s = append(make([]int16, int(c.lead*rate)), s...)
			rep, err := DetectPauses(writeMono16(t, "p.wav", rate, s))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Segments) != c.wantSegs || len(rep.Pauses) != len(c.wantPauses) {
				t.Fatalf("segments %v pauses %v", rep.Segments, rep.Pauses)
			}
			longest := 0.0
			for i, p := range rep.Pauses {
				if math.Abs((p.End-p.Start)-c.wantPauses[i]) > 0.05 {
					t.Errorf("pause %d lasts %.3f s, want %.3f", i, p.End-p.Start, c.wantPauses[i])
				}
				longest = max(longest, c.wantPauses[i])
			}
			if math.Abs(rep.LongestPauseS-longest) > 0.05 {
				t.Errorf("longest pause %.3f, want %.3f", rep.LongestPauseS, longest)
			}
			if c.wantSegs == len(segs) {
				for i, g := range rep.Segments {
					w := segs[i]
					if math.Abs(g.Start-(w.Start+c.lead)) > 0.05 || math.Abs(g.End-(w.End+c.lead)) > 0.05 {
						t.Errorf("segment %d = %+v, want %+v shifted by %.1f", i, g, w, c.lead)
					}
				}
			}
			total := c.lead
			for _, d := range c.parts {
				total += d
			}
			if math.Abs(rep.DurationS-total) > 0.001 {
				t.Errorf("duration %.3f, want %.3f", rep.DurationS, total)
			}
		})
	}
}

func TestDetectPausesSilence(t *testing.T) {
	rep, err := DetectPauses(writeMono16(t, "s.wav", 8000, make([]int16, 16000)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.SpeechS != 0 || len(rep.Segments) != 0 || len(rep.Pauses) != 0 || rep.DurationS != 2 {
		t.Fatalf("silence gave %+v", rep)
	}
}

// TestDetectPausesFileMatchesPath: the open-file form finds the same
// pauses as the path form and leaves the file open for its caller.
func TestDetectPausesFileMatchesPath(t *testing.T) {
	s, _ := spans(16000, 1, 0.8, 1.5, 1.3, 0.7)
	path := writeMono16(t, "p.wav", 16000, s)
	want, err := DetectPauses(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := DetectPausesFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pauses) != 2 || !reflect.DeepEqual(got, want) {
		t.Fatalf("file form %+v, path form %+v", got, want)
	}
	if _, err := f.Stat(); err != nil {
		t.Fatalf("the file was closed: %v", err)
	}
	if _, err := DetectPausesFile(mustTemp(t, []byte("not audio at all"))); err == nil {
		t.Fatal("text read as audio")
	}
}

func mustTemp(t *testing.T, data []byte) *os.File {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "x*.wav")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
