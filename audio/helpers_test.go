package audio

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"retake/audio/wav"
)

// useNullBackend points every device call in the test at miniaudio's
// null backend, which runs at real-time pace without hardware.
func useNullBackend(t *testing.T) {
	t.Helper()
	t.Setenv(BackendEnv, "null")
}

// pcm16 encodes samples as little-endian 16-bit bytes.
func pcm16(s []int16) []byte {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return b
}

// tone returns n samples of a sine of the given frequency and amplitude
// (1 = full scale) at rate.
func tone(n, rate int, hz, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(math.Round(amp * 32767 * math.Sin(2*math.Pi*hz*float64(i)/float64(rate))))
	}
	return s
}

// writeWAV stores raw frames in format f under the test's temp dir.
func writeWAV(t testing.TB, name string, f wav.Format, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := wav.Encode(&b, f, data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeMono16 stores 16-bit mono samples as a WAV file.
func writeMono16(t testing.TB, name string, rate int, s []int16) string {
	return writeWAV(t, name, wav.Format{SampleRate: rate, Channels: 1, BitsPerSample: 16}, pcm16(s))
}

// wf is a short form for a sample layout in test tables.
func wf(rate, channels, bits int, float bool) wav.Format {
	return wav.Format{SampleRate: rate, Channels: channels, BitsPerSample: bits, Float: float}
}
