package audio

import (
	"encoding/binary"
	"fmt"
	"io"

	"retake/audio/wav"
)

// Peak is the lowest and highest sample value (in [-1, 1]) in one bucket
// of a waveform, across all channels.
type Peak struct{ Min, Max float32 }

// MaxBuckets caps Peaks so a caller's mistake cannot allocate gigabytes.
const MaxBuckets = 1 << 20

// chunkBytes is the read size for the streaming passes over a file.
const chunkBytes = 1 << 16

// Peaks splits the file into the given number of equal spans of time and
// returns each span's extremes, for drawing a waveform. It streams the
// file through one fixed buffer, so memory does not grow with its length.
func Peaks(path string, buckets int) ([]Peak, error) {
	if buckets < 1 || buckets > MaxBuckets {
		return nil, fmt.Errorf("peaks: bucket count %d out of range 1..%d", buckets, MaxBuckets)
	}
	s, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	out := make([]Peak, buckets)
	if err := scanPeaks(s, out); err != nil {
		return nil, fmt.Errorf("peaks of %s: %w", path, err)
	}
	return out, nil
}

// scanPeaks fills out with the extremes of each bucket of s.
func scanPeaks(s source, out []Peak) error {
	f := s.format()
	total := s.info().Frames
	if total == 0 {
		return nil
	}
	fs := f.FrameSize()
	raw := make([]byte, chunkBytes/fs*fs)
	var floats []float32
	if f.BitsPerSample != 16 || f.Float {
		floats = make([]float32, len(raw)/(f.BitsPerSample/8))
	}
	nb := int64(len(out))
	var frame int64 // index of the first frame in raw
	b := 0
	end := bucketEnd(0, total, nb)
	// Extremes of the current bucket, kept in the file's integer scale
	// for 16-bit input so the hot loop does no float conversion.
	var lo, hi float32
	var lo16, hi16 int16
	fresh := true
	closeBucket := func() {
		if f.BitsPerSample == 16 && !f.Float {
			lo, hi = float32(lo16)/32768, float32(hi16)/32768
		}
		if !fresh {
			out[b] = Peak{Min: lo, Max: hi}
		}
		fresh = true
	}
	for {
		n, err := s.Read(raw)
		frames := n / fs
		ch := f.Channels
		if floats != nil {
			wav.ToFloat(f, raw[:n], floats)
		}
		for i := 0; i < frames; {
			// Close buckets that end here; a short file has empty ones.
			for end <= frame+int64(i) {
				closeBucket()
				b++
				if b == len(out) {
					return nil
				}
				end = bucketEnd(int64(b), total, nb)
			}
			stop := int(min(int64(frames), end-frame))
			if fresh {
				lo, hi, lo16, hi16 = 1, -1, 32767, -32768
				fresh = false
			}
			if floats == nil {
				p := raw[i*fs : stop*fs]
				for j := 0; j+1 < len(p); j += 2 {
					v := int16(binary.LittleEndian.Uint16(p[j:]))
					lo16 = min(lo16, v)
					hi16 = max(hi16, v)
				}
			} else {
				for _, v := range floats[i*ch : stop*ch] {
					lo = min(lo, v)
					hi = max(hi, v)
				}
			}
			i = stop
		}
		frame += int64(frames)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if !fresh {
		closeBucket()
	}
	return nil
}

// bucketEnd is the first frame after bucket b when total frames are split
// into n buckets. Buckets of a short file may be empty.
func bucketEnd(b, total, n int64) int64 {
	return (b + 1) * total / n
}
