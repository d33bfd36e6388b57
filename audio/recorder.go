package audio

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gen2brain/malgo"

	"retake/audio/wav"
)

// RecorderOptions choose the input and its rate.
type RecorderOptions struct {
	// Device is a device name (exact, or a unique part of it); "" means
	// the system default.
	Device string
	// SampleRate is 0 for the device's native rate (48000 when it
	// reports none), or a rate miniaudio should convert to.
	SampleRate int
	// Limit, when not 0, is the most audio a take holds: the device
	// delivers in blocks and a caller stops when it sees the time is up,
	// so without it a take asked for 0.5 s may hold 0.51.
	Limit time.Duration
}

// defaultRate is used when a device has no native rate of its own.
const defaultRate = 48000

// Recorder captures mono 16-bit PCM from one input into WAV files, one
// take at a time.
type Recorder struct {
	opts  RecorderOptions
	ctx   *malgo.AllocatedContext
	devID *malgo.DeviceID
	errc  chan error

	// create opens the destination file; tests swap it to inject faults.
	create func(path string) (wav.File, error)
	timing writerTiming

	mu   sync.Mutex
	take *take
}

// take is one recording in progress.
type take struct {
	path     string
	dev      *malgo.Device
	cap      *capture
	stop     chan struct{}
	lost     chan struct{}
	lostOnce sync.Once
	stopping atomic.Bool
	done     chan struct{}
	err      error // set by the writer goroutine before done closes

	// devMu orders the writer's fault-path Stop against Recorder.Stop's
	// Uninit, which frees the device.
	devMu sync.Mutex
	freed bool
}

// NewRecorder opens the audio backend and resolves the input device. On
// a machine with no input it returns an error wrapping ErrNoCaptureDevice.
func NewRecorder(opts RecorderOptions) (*Recorder, error) {
	ctx, err := newContext()
	if err != nil {
		return nil, err
	}
	id, err := findDevice(ctx, malgo.Capture, opts.Device, ErrNoCaptureDevice)
	if err != nil {
		freeContext(ctx)
		return nil, err
	}
	return &Recorder{
		opts:   opts,
		ctx:    ctx,
		devID:  id,
		errc:   make(chan error, 1),
		create: createFile,
		timing: defaultTiming,
	}, nil
}

// createFile makes a private file for a take: recordings are personal.
// The mode given to OpenFile only applies to a new file, so a file that
// already existed (0644, say) is made private too.
func createFile(path string) (wav.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("make %s private: %w", path, err)
	}
	return f, nil
}

// Start begins a take written to path. It fails if a take is running.
func (r *Recorder) Start(path string) error { return r.StartTapped(path, nil) }

// StartTapped is Start with a tap that receives the take's samples as
// they are written (see Tap); a nil tap is plain Start. All blocks have
// reached the tap by the time Stop returns.
func (r *Recorder) StartTapped(path string, tap Tap) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.take != nil {
		return errors.New("start recording: a take is already running")
	}
	cfg := malgo.DefaultDeviceConfig(malgo.Capture)
	cfg.Capture.Format = malgo.FormatS16
	cfg.Capture.Channels = 1
	cfg.SampleRate = uint32(max(r.opts.SampleRate, 0))
	if r.devID != nil {
		cfg.Capture.DeviceID = r.devID.Pointer()
	}
	t := &take{path: path, stop: make(chan struct{}), lost: make(chan struct{}), done: make(chan struct{})}
	// The callbacks exist before the capture does (its size depends on
	// the rate the device settles on), so they read it through a pointer
	// that is set before the device starts.
	var capPtr atomic.Pointer[capture]
	dev, err := malgo.InitDevice(r.ctx.Context, cfg, malgo.DeviceCallbacks{
		Data: func(out, in []byte, n uint32) {
			if c := capPtr.Load(); c != nil {
				c.onData(out, in, n)
			}
		},
		Stop: func() {
			if !t.stopping.Load() {
				t.lostOnce.Do(func() { close(t.lost) })
			}
		},
	})
	if err != nil {
		return fmt.Errorf("open capture device: %w: %v", ErrNoCaptureDevice, err)
	}
	rate := int(dev.SampleRate())
	if rate == 0 {
		rate = defaultRate
	}
	f, err := r.create(path)
	if err != nil {
		dev.Uninit()
		return fmt.Errorf("create take file: %w", err)
	}
	w, err := wav.NewWriter(f, rate, 1)
	if err != nil {
		dev.Uninit()
		_ = f.Close()
		return fmt.Errorf("start take %s: %w", path, err)
	}
	t.dev = dev
	t.cap = newCapture(rate)
	t.cap.limit = int64(r.opts.Limit) * int64(rate) / int64(time.Second)
	if tap != nil {
		tap.Begin(rate)
		t.cap.tap = tap
	}
	capPtr.Store(t.cap)
	if err := dev.Start(); err != nil {
		t.stopping.Store(true)
		dev.Uninit()
		_ = w.Close()
		return fmt.Errorf("start capture device: %w", err)
	}
	r.take = t
	go r.write(t, w)
	return nil
}

// write runs the writer for take t. A fault ends the take: the device is
// stopped, the file is already finalized by capture.run, and the error
// goes to Err without blocking.
func (r *Recorder) write(t *take, w *wav.Writer) {
	err := t.cap.run(w, t.stop, t.lost, r.timing)
	if err != nil {
		t.stopping.Store(true)
		t.devMu.Lock()
		if !t.freed {
			_ = t.dev.Stop()
		}
		t.devMu.Unlock()
		err = fmt.Errorf("recording %s ended early: %w", t.path, err)
		select {
		case r.errc <- err:
		default:
		}
	}
	t.err = err
	close(t.done)
}

// Stop ends the current take, finalizes the file and returns its Info.
// If the take had already ended on a fault, Stop returns that fault too
// (it was also sent on Err).
func (r *Recorder) Stop() (Info, error) {
	r.mu.Lock()
	t := r.take
	r.take = nil
	r.mu.Unlock()
	if t == nil {
		return Info{}, errors.New("stop recording: no take is running")
	}
	t.stopping.Store(true)
	// Uninit stops the device and waits for any callback in flight, so
	// the ring receives nothing after this point.
	t.devMu.Lock()
	t.dev.Uninit()
	t.freed = true
	t.devMu.Unlock()
	close(t.stop)
	<-t.done
	info, perr := Probe(t.path)
	if t.err != nil {
		return info, t.err
	}
	if perr != nil {
		return info, fmt.Errorf("check finished take: %w", perr)
	}
	if d := t.cap.dropped.Load(); d > 0 {
		return info, fmt.Errorf("take %s lost %d frames: the disk could not keep up", t.path, d)
	}
	return info, nil
}

// Level is the live input level of the current take (silence when idle).
func (r *Recorder) Level() Level {
	r.mu.Lock()
	t := r.take
	r.mu.Unlock()
	if t == nil {
		return Level{PeakDBFS: SilenceDBFS, RMSDBFS: SilenceDBFS}
	}
	return t.cap.meter.level()
}

// Elapsed is the length of audio captured so far in the current take.
func (r *Recorder) Elapsed() time.Duration {
	r.mu.Lock()
	t := r.take
	r.mu.Unlock()
	if t == nil {
		return 0
	}
	return t.cap.elapsed()
}

// Err delivers a fault that ended a take early (the device went away,
// the disk filled up). By the time it arrives the file is finalized with
// everything captured before the fault; call Stop to release the take.
func (r *Recorder) Err() <-chan error { return r.errc }

// Close stops any running take and releases the backend.
func (r *Recorder) Close() error {
	var err error
	r.mu.Lock()
	running := r.take != nil
	r.mu.Unlock()
	if running {
		_, err = r.Stop()
	}
	freeContext(r.ctx)
	r.ctx = nil
	return err
}
