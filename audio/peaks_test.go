package audio

import (
	"encoding/binary"
	"math"
	"runtime"
	"strings"
	"testing"
)

func TestPeaks(t *testing.T) {
	// Eight frames of 16-bit mono with known extremes in each half.
	s16 := []int16{100, -200, 300, 0, -16384, 16384, 5, 6}
	stereo := []int16{1000, -1000, 0, 0, 2000, 8000, -4000, 0}
	f32 := make([]byte, 4*4)
	for i, v := range []float32{0.5, -0.25, 0.75, -1} {
		binary.LittleEndian.PutUint32(f32[4*i:], math.Float32bits(v))
	}
	cases := []struct {
		name    string
		path    func(t *testing.T) string
		buckets int
		want    []Peak
	}{
		{"16-bit halves", func(t *testing.T) string { return writeMono16(t, "a.wav", 8000, s16) }, 2,
			[]Peak{{-200.0 / 32768, 300.0 / 32768}, {-0.5, 0.5}}},
		{"one bucket", func(t *testing.T) string { return writeMono16(t, "a.wav", 8000, s16) }, 1,
			[]Peak{{-0.5, 0.5}}},
		{"stereo spans channels", func(t *testing.T) string {
			return writeWAV(t, "s.wav", wf(8000, 2, 16, false), pcm16(stereo))
		}, 2, []Peak{{-1000.0 / 32768, 1000.0 / 32768}, {-4000.0 / 32768, 8000.0 / 32768}}},
		{"float", func(t *testing.T) string { return writeWAV(t, "f.wav", wf(8000, 1, 32, true), f32) }, 2,
			[]Peak{{-0.25, 0.5}, {-1, 0.75}}},
		{"more buckets than frames leaves empty ones", func(t *testing.T) string {
			return writeMono16(t, "a.wav", 8000, []int16{16384, -16384})
		}, 4, []Peak{{}, {0.5, 0.5}, {}, {-0.5, -0.5}}},
		{"empty file", func(t *testing.T) string { return writeMono16(t, "e.wav", 8000, nil) }, 3,
			[]Peak{{}, {}, {}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Peaks(c.path(t), c.buckets)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d peaks, want %d", len(got), len(c.want))
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("bucket %d: %+v, want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestPeaksErrors(t *testing.T) {
	good := writeMono16(t, "a.wav", 8000, []int16{1, 2})
	for _, c := range []struct {
		path    string
		buckets int
		want    string
	}{
		{good, 0, "bucket count 0"},
		{good, MaxBuckets + 1, "out of range"},
		{"testdata/no-such.wav", 10, "no such file"},
		{"peaks_test.go", 10, "not a WAV or MP3"},
	} {
		if _, err := Peaks(c.path, c.buckets); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Peaks(%s, %d) err = %v, want %q", c.path, c.buckets, err, c.want)
		}
	}
}

// TestPeaksConstantMemory compares what a 2 s and a 120 s file cost: the
// streaming scan must not allocate in proportion to the file.
func TestPeaksConstantMemory(t *testing.T) {
	const rate = 48000
	short := writeMono16(t, "short.wav", rate, tone(2*rate, rate, 200, 0.5))
	long := writeMono16(t, "long.wav", rate, tone(120*rate, rate, 200, 0.5))
	cost := func(path string) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		if _, err := Peaks(path, 1000); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	s, l := cost(short), cost(long)
	t.Logf("allocated %d bytes for 2 s, %d for 120 s", s, l)
	if l > s+64<<10 {
		t.Fatalf("120 s file allocated %d bytes against %d for 2 s", l, s)
	}
}
