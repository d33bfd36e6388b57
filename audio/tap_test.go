package audio

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"retake/audio/wav"
)

// recordingTap keeps what it is handed, as a transcriber's tap would.
type recordingTap struct {
	mu    sync.Mutex
	rate  int
	got   []int16
	calls int
}

func (r *recordingTap) Begin(rate int) { r.mu.Lock(); r.rate = rate; r.mu.Unlock() }

func (r *recordingTap) Samples(b []int16) {
	r.mu.Lock()
	r.got = append(r.got, b...)
	r.calls++
	r.mu.Unlock()
}

func (r *recordingTap) samples() []int16 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// TestCaptureTap checks the tap sees exactly the file's samples, in
// order, when the take ends normally and when the disk fills up.
func TestCaptureTap(t *testing.T) {
	const rate = 16000
	for _, c := range []struct {
		name string
		room int
	}{{"normal end", 0}, {"disk fills up", 44 + rate}} {
		t.Run(c.name, func(t *testing.T) {
			want := tone(3*rate, rate, 330, 0.4)
			cp, path, stop, _, done := pipeline(t, rate, c.room)
			tap := &recordingTap{}
			cp.tap = tap
			go feed(cp, want, rate)
			var err error
			select {
			case err = <-done:
			case <-time.After(1500 * time.Millisecond):
				close(stop)
				err = <-done
			}
			if c.room == 0 && err != nil {
				t.Fatal(err)
			}
			if c.room > 0 && err == nil {
				t.Fatal("the full disk was not reported")
			}
			file := readMono16(t, path)
			got := tap.samples()
			if !slices.Equal(got, file) {
				t.Fatalf("tap saw %d samples, the file holds %d: they must be the same", len(got), len(file))
			}
			if c.room == 0 && len(file) == 0 {
				t.Fatal("nothing was recorded")
			}
		})
	}
}

// discardFile is a wav.File that keeps nothing.
type discardFile struct{}

func (discardFile) Write(p []byte) (int, error)            { return len(p), nil }
func (discardFile) WriteAt(p []byte, _ int64) (int, error) { return len(p), nil }
func (discardFile) Sync() error                            { return nil }
func (discardFile) Close() error                           { return nil }

type nopTap struct{}

func (nopTap) Begin(int)       {}
func (nopTap) Samples([]int16) {}

// TestTapDrainAllocs holds the writer's drain, with a tap, to no
// allocation per block once its buffers exist.
func TestTapDrainAllocs(t *testing.T) {
	c := newCapture(48000)
	c.tap = nopTap{}
	w, err := wav.NewWriter(discardFile{}, 48000, 1)
	if err != nil {
		t.Fatal(err)
	}
	in := pcm16(tone(480, 48000, 300, 0.3))
	buf := make([]int16, 8192)
	c.onData(nil, in, 480)
	if err := c.drain(w, buf); err != nil { // sizes the writer's buffer
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(200, func() {
		c.onData(nil, in, 480)
		if err := c.drain(w, buf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("drain with a tap: %v allocations per block, want 0", allocs)
	}
}

// TestRecorderTap records on the null backend with a tap: Begin gets the
// device rate before any block, and by the time Stop returns the tap has
// every sample of the file.
func TestRecorderTap(t *testing.T) {
	useNullBackend(t)
	r, err := NewRecorder(RecorderOptions{SampleRate: 16000})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := filepath.Join(t.TempDir(), "take.wav")
	tap := &recordingTap{}
	if err := r.StartTapped(path, tap); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := r.Stop(); err != nil {
		t.Fatal(err)
	}
	if tap.rate != 16000 {
		t.Fatalf("Begin got rate %d, want 16000", tap.rate)
	}
	file := readMono16(t, path)
	if got := tap.samples(); len(file) == 0 || !slices.Equal(got, file) {
		t.Fatalf("tap saw %d samples, file holds %d", len(got), len(file))
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
