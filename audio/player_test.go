package audio

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"

	"retake/audio/wav"
)

// fixture writes `seconds` of a quiet tone in format f.
func fixture(t *testing.T, f wav.Format, seconds float64) string {
	t.Helper()
	frames := int(seconds * float64(f.SampleRate))
	bps := f.BitsPerSample / 8
	data := make([]byte, frames*f.FrameSize())
	for i := 0; i < frames; i++ {
		v := 0.25 * math.Sin(2*math.Pi*440*float64(i)/float64(f.SampleRate))
		for c := 0; c < f.Channels; c++ {
			b := data[(i*f.Channels+c)*bps:]
			switch {
			case f.Float:
				binary.LittleEndian.PutUint32(b, math.Float32bits(float32(v)))
			case bps == 1:
				b[0] = byte(128 + int(v*127))
			case bps == 2:
				binary.LittleEndian.PutUint16(b, uint16(int16(v*32767)))
			case bps == 3:
				x := int32(v * 8388607)
				b[0], b[1], b[2] = byte(x), byte(x>>8), byte(x>>16)
			case bps == 4:
				binary.LittleEndian.PutUint32(b, uint32(int32(v*2147483647)))
			}
		}
	}
	return writeWAV(t, "fixture.wav", f, data)
}

// TestPlayerFormats plays every supported layout to the end on the null
// backend, through a device opened at the file's own format.
func TestPlayerFormats(t *testing.T) {
	useNullBackend(t)
	cases := []struct {
		name string
		path func(t *testing.T) string
		dur  time.Duration
	}{
		{"u8 mono 8 kHz", func(t *testing.T) string { return fixture(t, wf(8000, 1, 8, false), 0.3) }, 300 * time.Millisecond},
		{"s16 stereo 44.1 kHz", func(t *testing.T) string { return fixture(t, wf(44100, 2, 16, false), 0.3) }, 300 * time.Millisecond},
		{"s24 mono 96 kHz", func(t *testing.T) string { return fixture(t, wf(96000, 1, 24, false), 0.3) }, 300 * time.Millisecond},
		{"s32 stereo 22.05 kHz", func(t *testing.T) string { return fixture(t, wf(22050, 2, 32, false), 0.3) }, 300 * time.Millisecond},
		{"f32 mono 11.025 kHz", func(t *testing.T) string { return fixture(t, wf(11025, 1, 32, true), 0.3) }, 300 * time.Millisecond},
		{"mp3 mono 22.05 kHz", func(t *testing.T) string { return "testdata/tone-22k-mono.mp3" }, time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := OpenPlayer(c.path(t), "")
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			// Fixtures round to whole frames, and MP3 carries encoder padding.
			if d := p.Duration() - c.dur; d < -time.Millisecond || d > 120*time.Millisecond {
				t.Fatalf("duration %v, want about %v", p.Duration(), c.dur)
			}
			// miniaudio converts from the file's layout: the device's
			// client side must be exactly the file's format.
			f := p.src.format()
			wantFmt, _ := deviceFormat(f)
			if p.dev.PlaybackFormat() != wantFmt || int(p.dev.PlaybackChannels()) != f.Channels || int(p.dev.SampleRate()) != f.SampleRate {
				t.Fatalf("device opened as format %v, %d ch, %d Hz; file is %+v",
					p.dev.PlaybackFormat(), p.dev.PlaybackChannels(), p.dev.SampleRate(), f)
			}
			ended := make(chan struct{})
			p.OnEnd(func() {
				// Methods are safe from the callback.
				_ = p.Playing()
				close(ended)
			})
			start := time.Now()
			if err := p.Play(); err != nil {
				t.Fatal(err)
			}
			if !p.Playing() {
				t.Fatal("not playing after Play")
			}
			select {
			case <-ended:
			case <-time.After(p.Duration() + 3*time.Second):
				t.Fatalf("no end callback; position %v of %v", p.Position(), p.Duration())
			}
			// The null backend consumes at real-time pace.
			if took := time.Since(start); took < p.Duration()*8/10 {
				t.Fatalf("played %v of audio in %v", p.Duration(), took)
			}
			if p.Playing() || p.Position() != p.Duration() {
				t.Fatalf("after end: playing %v, position %v of %v", p.Playing(), p.Position(), p.Duration())
			}
		})
	}
}

func TestPlayerPauseSeek(t *testing.T) {
	useNullBackend(t)
	for _, path := range []string{fixture(t, wf(16000, 1, 16, false), 2), "testdata/tone-22k-mono.mp3"} {
		t.Run(path, func(t *testing.T) {
			p, err := OpenPlayer(path, "")
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if err := p.Play(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if err := p.Pause(); err != nil {
				t.Fatal(err)
			}
			at := p.Position()
			if at < 150*time.Millisecond || at > 600*time.Millisecond {
				t.Fatalf("position %v after 300 ms of play", at)
			}
			time.Sleep(200 * time.Millisecond)
			if p.Playing() || p.Position() != at {
				t.Fatalf("paused player moved: %v -> %v", at, p.Position())
			}
			for _, c := range []struct{ seek, want time.Duration }{
				{500 * time.Millisecond, 500 * time.Millisecond},
				{-time.Second, 0},
				{time.Hour, p.Duration()},
			} {
				if err := p.Seek(c.seek); err != nil {
					t.Fatal(err)
				}
				if got := p.Position(); got != c.want {
					t.Fatalf("seek %v: position %v, want %v", c.seek, got, c.want)
				}
			}
			// Play from the end starts over; seek while playing keeps playing.
			if err := p.Play(); err != nil {
				t.Fatal(err)
			}
			if err := p.Seek(200 * time.Millisecond); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond)
			if got := p.Position(); !p.Playing() || got < 300*time.Millisecond || got > 700*time.Millisecond {
				t.Fatalf("after seek while playing: playing %v at %v", p.Playing(), got)
			}
		})
	}
}

func TestNoPlaybackDevice(t *testing.T) {
	t.Setenv(BackendEnv, "")
	if devs, err := PlaybackDevices(); err == nil && len(devs) > 0 {
		t.Skipf("this machine has a playback device (%s)", devs[0].Name)
	}
	_, err := OpenPlayer(fixture(t, wf(8000, 1, 16, false), 0.1), "")
	if err == nil || !errors.Is(err, ErrNoPlaybackDevice) {
		t.Fatalf("err = %v, want no playback device", err)
	}
}

// TestPlaybackCallbackAllocs holds the playback callback to the same
// rule as capture: no allocation, including on underrun and at the end.
func TestPlaybackCallbackAllocs(t *testing.T) {
	p := &Player{ring: newRing[byte](1 << 16), frameSize: 4, ended: make(chan struct{}, 1)}
	out := make([]byte, 4*480)
	data := make([]byte, 4*300) // less than a callback's worth: underrun
	p.eof.Store(true)
	allocs := testing.AllocsPerRun(200, func() {
		p.ring.Write(data)
		p.onData(out, nil, 480)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per playback callback, want 0", allocs)
	}
	if p.played.Load() != 201*300 {
		t.Fatalf("played %d frames, want %d", p.played.Load(), 201*300)
	}
}
