package wav

import "fmt"

// Format describes the sample layout of a WAV data chunk.
type Format struct {
	SampleRate    int
	Channels      int
	BitsPerSample int
	// Float is true for IEEE float samples (only 32-bit is accepted).
	Float bool
}

// FrameSize is the number of bytes one frame (one sample per channel)
// occupies in the data chunk.
func (f Format) FrameSize() int { return f.Channels * f.BitsPerSample / 8 }

// Limits on what the reader accepts. They are generous for real audio and
// exist so that a hostile header cannot make later code divide by zero or
// size buffers from nonsense.
const (
	MaxChannels   = 8
	MinSampleRate = 1000
	MaxSampleRate = 768000
)

func (f Format) validate() error {
	if f.Channels < 1 || f.Channels > MaxChannels {
		return fmt.Errorf("unsupported channel count %d (want 1 to %d)", f.Channels, MaxChannels)
	}
	if f.SampleRate < MinSampleRate || f.SampleRate > MaxSampleRate {
		return fmt.Errorf("unsupported sample rate %d Hz", f.SampleRate)
	}
	if f.Float {
		if f.BitsPerSample != 32 {
			return fmt.Errorf("unsupported float sample size %d bits (only 32)", f.BitsPerSample)
		}
		return nil
	}
	switch f.BitsPerSample {
	case 8, 16, 24, 32:
		return nil
	}
	return fmt.Errorf("unsupported integer sample size %d bits", f.BitsPerSample)
}
