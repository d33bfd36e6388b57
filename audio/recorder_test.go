package audio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/audio/wav"
)

func TestNoCaptureDevice(t *testing.T) {
	t.Setenv(BackendEnv, "")
	if devs, err := CaptureDevices(); err == nil && len(devs) > 0 {
		t.Skipf("this machine has a capture device (%s); the no-device path cannot be exercised here", devs[0].Name)
	}
	_, err := NewRecorder(RecorderOptions{})
	if !errors.Is(err, ErrNoCaptureDevice) || !strings.Contains(err.Error(), "no capture device") {
		t.Fatalf("NewRecorder err = %v, want one saying no capture device", err)
	}
}

func TestUnknownBackend(t *testing.T) {
	t.Setenv(BackendEnv, "carrier-pigeon")
	if _, err := NewRecorder(RecorderOptions{}); err == nil || !strings.Contains(err.Error(), BackendEnv) {
		t.Fatalf("err = %v, want one naming %s", err, BackendEnv)
	}
}

func TestNullBackendDevices(t *testing.T) {
	useNullBackend(t)
	for name, list := range map[string]func() ([]Device, error){"capture": CaptureDevices, "playback": PlaybackDevices} {
		devs, err := list()
		if err != nil || len(devs) != 1 {
			t.Fatalf("%s devices = %v, %v; want the one null device", name, devs, err)
		}
	}
	if _, err := NewRecorder(RecorderOptions{Device: "no such mic"}); err == nil || !strings.Contains(err.Error(), "no such mic") {
		t.Fatalf("named missing device: err = %v", err)
	}
	r, err := NewRecorder(RecorderOptions{Device: "null capture"})
	if err != nil {
		t.Fatalf("device by partial name: %v", err)
	}
	r.Close()
}

func TestRecorderLifecycle(t *testing.T) {
	useNullBackend(t)
	cases := []struct {
		name string
		opts RecorderOptions
		rate int
	}{
		{"native rate", RecorderOptions{}, 48000},
		{"converted to 16 kHz", RecorderOptions{SampleRate: 16000}, 16000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewRecorder(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			path := filepath.Join(t.TempDir(), "take.wav")
			if err := r.Start(path); err != nil {
				t.Fatal(err)
			}
			if err := r.Start(path); err == nil {
				t.Fatal("second Start while recording succeeded")
			}
			time.Sleep(700 * time.Millisecond)
			el := r.Elapsed()
			if el < 300*time.Millisecond {
				t.Fatalf("elapsed %v after 700 ms", el)
			}
			if l := r.Level(); l.PeakDBFS != SilenceDBFS || l.NoInput {
				t.Fatalf("level %+v: want silence, no-input not yet set", l)
			}
			info, err := r.Stop()
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != "wav" || info.Channels != 1 || info.BitsPerSample != 16 || info.SampleRate != c.rate {
				t.Fatalf("info %+v", info)
			}
			if info.Duration < el || info.Duration > el+300*time.Millisecond {
				t.Fatalf("file lasts %v, recorder had reported %v", info.Duration, el)
			}
			st, _ := os.Stat(path)
			if st.Mode().Perm() != 0o600 {
				t.Fatalf("take file mode %v, want 0600", st.Mode().Perm())
			}
			if _, err := r.Stop(); err == nil {
				t.Fatal("Stop with no take succeeded")
			}
		})
	}
}

func TestRecorderNoInputAfterThreeSeconds(t *testing.T) {
	useNullBackend(t)
	r, err := NewRecorder(RecorderOptions{SampleRate: 8000})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Start(filepath.Join(t.TempDir(), "take.wav")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(6 * time.Second)
	for !r.Level().NoInput && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !r.Level().NoInput || r.Elapsed() < 3*time.Second {
		t.Fatalf("no-input %v after %v of digital silence", r.Level().NoInput, r.Elapsed())
	}
	if _, err := r.Stop(); err != nil {
		t.Fatal(err)
	}
}

// TestRecorderFaults ends takes with a full disk and with the device
// stopping under the recorder, and checks both arrive on Err with a file
// that is already finalized.
func TestRecorderFaults(t *testing.T) {
	useNullBackend(t)
	cases := []struct {
		name   string
		inject func(r *Recorder)
		is     error
		want   string
	}{
		{
			name: "disk full",
			inject: func(r *Recorder) {
				r.create = func(path string) (wav.File, error) {
					f, err := createFile(path)
					if err != nil {
						return nil, err
					}
					return &fullDisk{File: f.(*os.File), room: 44 + 8000}, nil // half a second
				}
			},
			is:   syscall.ENOSPC,
			want: "no space left on device",
		},
		{
			name:   "device stops",
			inject: func(r *Recorder) {},
			is:     ErrDeviceStopped,
			want:   "capture device stopped",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewRecorder(RecorderOptions{SampleRate: 8000})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			c.inject(r)
			path := filepath.Join(t.TempDir(), "take.wav")
			if err := r.Start(path); err != nil {
				t.Fatal(err)
			}
			if c.is == ErrDeviceStopped {
				time.Sleep(600 * time.Millisecond)
				r.mu.Lock()
				dev := r.take.dev
				r.mu.Unlock()
				// What the backend does when the microphone goes away.
				if err := dev.Stop(); err != nil {
					t.Fatal(err)
				}
			}
			var ferr error
			select {
			case ferr = <-r.Err():
			case <-time.After(5 * time.Second):
				t.Fatal("fault not reported on Err")
			}
			if !errors.Is(ferr, c.is) || !strings.Contains(ferr.Error(), c.want) {
				t.Fatalf("Err gave %v, want %q", ferr, c.want)
			}
			// The file is final before Stop is even called.
			info, err := Probe(path)
			if err != nil {
				t.Fatalf("file after fault: %v", err)
			}
			if info.Duration < 400*time.Millisecond {
				t.Fatalf("file holds %v, want what was captured before the fault", info.Duration)
			}
			if repaired, _ := Repair(path); repaired {
				t.Fatal("file needed repair after the fault")
			}
			if _, err := r.Stop(); !errors.Is(err, c.is) {
				t.Fatalf("Stop after fault = %v, want the fault", err)
			}
		})
	}
}

func TestRecordingIntoAnExistingFileMakesItPrivate(t *testing.T) {
	useNullBackend(t)
	path := filepath.Join(t.TempDir(), "take.wav")
	if err := os.WriteFile(path, []byte("an older, public file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	r, err := NewRecorder(RecorderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Start(path); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Stop(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("recording into an existing 0644 file left it %o, want 0600", fi.Mode().Perm())
	}
}

func TestProbeAndRepairAnOpenFile(t *testing.T) {
	path := writeMono16(t, "crashed.wav", 8000, tone(8000, 8000, 440, 0.5))
	// A killed recorder's header: sizes never written.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteAt(make([]byte, 4), 4)
	f.WriteAt(make([]byte, 4), 40)
	if info, err := ProbeFile(f); err != nil || info.Duration != 0 {
		t.Fatalf("probe before repair: %+v, %v", info, err)
	}
	if repaired, err := RepairFile(f); err != nil || !repaired {
		t.Fatalf("RepairFile = %v, %v", repaired, err)
	}
	info, err := ProbeFile(f)
	if err != nil || info.Duration != time.Second || info.Format != "wav" {
		t.Fatalf("probe after repair: %+v, %v", info, err)
	}
	// The caller's file stays open.
	if _, err := f.Stat(); err != nil {
		t.Fatalf("ProbeFile closed the caller's file: %v", err)
	}
}
