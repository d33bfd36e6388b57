package audio

import (
	"math"
	"testing"
)

func TestMeter(t *testing.T) {
	const rate = 16000
	half := tone(rate, rate, 440, 0.5) // peak -6 dBFS, RMS -9 dBFS
	full := make([]int16, rate/10)
	for i := range full {
		full[i] = 32767
		if i%2 == 1 {
			full[i] = -32768
		}
	}
	cases := []struct {
		name          string
		feed          []int16
		peak, rms     float64
		clip, noInput bool
	}{
		{"half-scale sine", half, -6.02, -9.03, false, false},
		{"full-scale square clips", full, 0, 0, true, false},
		{"short silence is not yet no-input", make([]int16, 2*rate), SilenceDBFS, SilenceDBFS, false, false},
		{"3 s of silence is no-input", make([]int16, 3*rate), SilenceDBFS, SilenceDBFS, false, true},
		{"a sound after silence clears it", append(make([]int16, 3*rate), half...), -6.02, -9.03, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMeter(rate)
			// Feed in device-sized blocks, as the callback would.
			for i := 0; i < len(c.feed); i += 160 {
				m.add(c.feed[i:min(i+160, len(c.feed))])
			}
			l := m.level()
			if math.Abs(l.PeakDBFS-c.peak) > 0.1 || math.Abs(l.RMSDBFS-c.rms) > 0.1 {
				t.Errorf("peak %.2f rms %.2f, want %.2f %.2f", l.PeakDBFS, l.RMSDBFS, c.peak, c.rms)
			}
			if l.Clipping != c.clip || l.NoInput != c.noInput {
				t.Errorf("clip %v noInput %v, want %v %v", l.Clipping, l.NoInput, c.clip, c.noInput)
			}
		})
	}
}
