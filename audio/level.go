package audio

import (
	"math"
	"sync/atomic"
)

// Level is a snapshot of the input meter.
type Level struct {
	// PeakDBFS and RMSDBFS cover the last meter window (about 50 ms),
	// in dB relative to full scale, floored at SilenceDBFS.
	PeakDBFS, RMSDBFS float64
	// Clipping is set when a sample in the window hit full scale.
	Clipping bool
	// NoInput is set once the first 3 s of a take were digital silence:
	// the microphone is muted, unplugged or not the one being used.
	NoInput bool
}

// SilenceDBFS is the floor reported for digital silence, so callers never
// see -Inf.
const SilenceDBFS = -120.0

// noInputWindow is how long a take must be pure zeros before NoInput.
const noInputSeconds = 3

// meter accumulates peak and energy over windows of samples inside the
// device callback and publishes each finished window through atomics.
// Only the callback writes the unexported accumulators.
type meter struct {
	window    int // samples per published window
	n         int
	peak      int32
	sumSq     float64
	clip      bool
	seen      int64 // samples seen since the take began
	heard     bool  // any non-zero sample so far
	silentFor int64 // samples after which silence means NoInput

	peakDB atomic.Uint64 // float64 bits
	rmsDB  atomic.Uint64
	clipA  atomic.Bool
	noIn   atomic.Bool
}

func newMeter(sampleRate int) *meter {
	m := &meter{window: max(sampleRate/20, 1), silentFor: int64(sampleRate) * noInputSeconds}
	m.peakDB.Store(math.Float64bits(SilenceDBFS))
	m.rmsDB.Store(math.Float64bits(SilenceDBFS))
	return m
}

// add feeds 16-bit samples to the meter. It must not allocate.
func (m *meter) add(s []int16) {
	for _, v := range s {
		a := int32(v)
		if a < 0 {
			a = -a
		}
		if a > m.peak {
			m.peak = a
		}
		if a >= 32767 {
			m.clip = true
		}
		if a != 0 {
			m.heard = true
		}
		f := float64(v)
		m.sumSq += f * f
		m.n++
		if m.n == m.window {
			m.publish()
		}
	}
	m.seen += int64(len(s))
	if !m.heard && m.seen >= m.silentFor {
		m.noIn.Store(true)
	} else if m.heard {
		m.noIn.Store(false)
	}
}

func (m *meter) publish() {
	m.peakDB.Store(math.Float64bits(toDBFS(float64(m.peak) / 32768)))
	m.rmsDB.Store(math.Float64bits(toDBFS(math.Sqrt(m.sumSq/float64(m.n)) / 32768)))
	m.clipA.Store(m.clip)
	m.n, m.peak, m.sumSq, m.clip = 0, 0, 0, false
}

// level reads the last published window; safe from any goroutine.
func (m *meter) level() Level {
	return Level{
		PeakDBFS: math.Float64frombits(m.peakDB.Load()),
		RMSDBFS:  math.Float64frombits(m.rmsDB.Load()),
		Clipping: m.clipA.Load(),
		NoInput:  m.noIn.Load(),
	}
}

// toDBFS converts a linear amplitude (1 = full scale) to dBFS.
func toDBFS(a float64) float64 {
	if a <= 0 {
		return SilenceDBFS
	}
	return max(20*math.Log10(a), SilenceDBFS)
}
