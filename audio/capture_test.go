package audio

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/audio/wav"
)

// TestCaptureCallbackAllocs holds the device callback to the rule that it
// never allocates, for a typical block and one larger than its scratch.
func TestCaptureCallbackAllocs(t *testing.T) {
	for _, frames := range []int{480, 3 * scratchSamples} {
		c := newCapture(48000)
		in := pcm16(tone(frames, 48000, 300, 0.3))
		buf := make([]int16, frames)
		allocs := testing.AllocsPerRun(200, func() {
			c.onData(nil, in, uint32(frames))
			c.ring.Read(buf) // keep the ring from filling
		})
		if allocs != 0 {
			t.Errorf("%d-frame callback: %v allocations per call, want 0", frames, allocs)
		}
	}
}

// fullDisk wraps a real file and fails appends once `room` bytes have
// been written, the way a full disk does; in-place header rewrites still
// work, as they need no new blocks.
type fullDisk struct {
	*os.File
	room int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= f.room {
		f.room -= len(p)
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:f.room])
	f.room = 0
	return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}

// pipeline runs a capture writer on a fresh file and returns the pieces.
func pipeline(t *testing.T, rate int, room int) (*capture, string, chan struct{}, chan struct{}, chan error) {
	t.Helper()
	return limitedPipeline(t, rate, room, 0)
}

// limitedPipeline is pipeline for a take of at most limit frames.
func limitedPipeline(t *testing.T, rate, room int, limit int64) (*capture, string, chan struct{}, chan struct{}, chan error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "take.wav")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var file wav.File = f
	if room > 0 {
		file = &fullDisk{File: f, room: room}
	}
	w, err := wav.NewWriter(file, rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	c := newCapture(rate)
	c.limit = limit
	stop, lost, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- c.run(w, stop, lost, writerTiming{poll: time.Millisecond, flush: 5 * time.Millisecond})
	}()
	return c, path, stop, lost, done
}

// readMono16 returns the samples of a 16-bit mono WAV file.
func readMono16(t *testing.T, path string) []int16 {
	t.Helper()
	s, err := openSource(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw := make([]byte, 2*s.info().Frames)
	n, _ := readFull(s, raw)
	out := make([]int16, n/2)
	for i := range out {
		out[i] = int16(uint16(raw[2*i]) | uint16(raw[2*i+1])<<8)
	}
	return out
}

// feed pushes samples through the callback in 10 ms blocks at the given
// pace (0 = as fast as the ring accepts without dropping).
func feed(c *capture, s []int16, rate int) {
	block := rate / 100
	for i := 0; i < len(s); i += block {
		b := s[i:min(i+block, len(s))]
		for c.ring.Free() < len(b) {
			time.Sleep(100 * time.Microsecond)
		}
		c.onData(nil, pcm16(b), uint32(len(b)))
	}
}

func TestCapturePipeline(t *testing.T) {
	const rate = 16000
	want := tone(3*rate, rate, 220, 0.4)
	c, path, stop, _, done := pipeline(t, rate, 0)
	feed(c, want, rate)
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := readMono16(t, path); !slices.Equal(got, want) {
		t.Fatalf("file holds %d samples, want the %d fed in, unchanged", len(got), len(want))
	}
	if c.dropped.Load() != 0 || c.elapsed() != 3*time.Second {
		t.Fatalf("dropped %d, elapsed %v", c.dropped.Load(), c.elapsed())
	}
}

func TestCaptureFaults(t *testing.T) {
	const rate = 8000
	cases := []struct {
		name     string
		room     int // 0 = unlimited
		loseDev  bool
		wantErr  string
		is       error
		minFrame int64
	}{
		{"disk fills up", 44 + 2*rate, false, "no space left on device", syscall.ENOSPC, rate},
		{"device disappears", 0, true, "capture device stopped", ErrDeviceStopped, 2 * rate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cp, path, stop, lost, done := pipeline(t, rate, c.room)
			feed(cp, tone(2*rate, rate, 440, 0.5), rate)
			// Two seconds overflow the one second of room on the "disk".
			if c.loseDev {
				close(lost)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				close(stop)
				t.Fatal("the fault did not end the take")
			}
			if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("err = %v, want %q", err, c.wantErr)
			}
			info, perr := Probe(path)
			if perr != nil {
				t.Fatalf("file not finalized: %v", perr)
			}
			if info.Frames < c.minFrame {
				t.Fatalf("file holds %d frames, want at least %d", info.Frames, c.minFrame)
			}
			if repaired, _ := Repair(path); repaired {
				t.Fatal("file needed repair: it was not finalized")
			}
		})
	}
}

// TestCaptureLimit: a take with a limit holds exactly that many frames
// of what the device delivered, however far past it the last block and
// the caller's stop come.
func TestCaptureLimit(t *testing.T) {
	const rate = 16000
	for _, c := range []struct {
		name      string
		limit, in int
	}{
		{"the limit ends inside a block", rate/2 + 37, rate},
		{"the limit ends on a block", rate / 2, rate},
		{"the device stops before the limit", 2 * rate, rate},
		{"no limit", 0, rate},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := tone(c.in, rate, 330, 0.3)
			capt, path, stop, _, done := limitedPipeline(t, rate, 0, int64(c.limit))
			feed(capt, in, rate)
			close(stop)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			want := in
			if c.limit > 0 && c.limit < len(in) {
				want = in[:c.limit]
			}
			if got := readMono16(t, path); !slices.Equal(got, want) {
				t.Fatalf("file holds %d samples, want the first %d fed in", len(got), len(want))
			}
		})
	}
}
