package audio

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gen2brain/malgo"

	"retake/audio/wav"
)

// Player plays one WAV or MP3 file. The device is opened at the file's
// own rate, channel count and sample format, and miniaudio converts to
// whatever the hardware wants.
type Player struct {
	src       source
	ctx       *malgo.AllocatedContext
	dev       *malgo.Device
	ring      *ring[byte]
	frameSize int
	silence   byte // 8-bit WAV is unsigned: its silence is 128
	rate      int
	total     int64

	base   atomic.Int64 // frame the current run of playback started at
	played atomic.Int64 // frames the device consumed since base
	eof    atomic.Bool  // the feeder has queued the last frame
	ended  chan struct{}

	mu      sync.Mutex // guards src, ring resets, playing and onEnd
	playing bool
	onEnd   func()
	chunk   []byte
	quit    chan struct{}
	wg      sync.WaitGroup
}

// playerBufferSeconds is how much decoded audio waits ahead of the device.
const playerBufferSeconds = 0.5

// feedInterval is how often the feeder tops the buffer up.
const feedInterval = 20 * time.Millisecond

// deviceFormat maps a decoded layout to miniaudio's sample format.
func deviceFormat(f wav.Format) (malgo.FormatType, error) {
	switch {
	case f.Float && f.BitsPerSample == 32:
		return malgo.FormatF32, nil
	case f.BitsPerSample == 8:
		return malgo.FormatU8, nil
	case f.BitsPerSample == 16:
		return malgo.FormatS16, nil
	case f.BitsPerSample == 24:
		return malgo.FormatS24, nil
	case f.BitsPerSample == 32:
		return malgo.FormatS32, nil
	}
	return malgo.FormatUnknown, fmt.Errorf("no device format for %d-bit samples", f.BitsPerSample)
}

// OpenPlayer opens path for playback on the named device ("" for the
// default). On a machine with no output it returns an error wrapping
// ErrNoPlaybackDevice.
func OpenPlayer(path string, device string) (*Player, error) {
	src, err := openSource(path)
	if err != nil {
		return nil, err
	}
	p, err := newPlayer(src, device)
	if err != nil {
		src.Close()
		return nil, fmt.Errorf("open %s for playback: %w", path, err)
	}
	return p, nil
}

func newPlayer(src source, device string) (*Player, error) {
	f := src.format()
	mf, err := deviceFormat(f)
	if err != nil {
		return nil, err
	}
	ctx, err := newContext()
	if err != nil {
		return nil, err
	}
	id, err := findDevice(ctx, malgo.Playback, device, ErrNoPlaybackDevice)
	if err != nil {
		freeContext(ctx)
		return nil, err
	}
	p := &Player{
		src:       src,
		ctx:       ctx,
		frameSize: f.FrameSize(),
		rate:      f.SampleRate,
		total:     src.info().Frames,
		ended:     make(chan struct{}, 1),
		quit:      make(chan struct{}),
	}
	if f.BitsPerSample == 8 {
		p.silence = 128
	}
	p.ring = newRing[byte](int(float64(f.SampleRate)*playerBufferSeconds) * p.frameSize)
	p.chunk = make([]byte, 8192/p.frameSize*p.frameSize+p.frameSize)
	cfg := malgo.DefaultDeviceConfig(malgo.Playback)
	cfg.Playback.Format = mf
	cfg.Playback.Channels = uint32(f.Channels)
	cfg.SampleRate = uint32(f.SampleRate)
	if id != nil {
		cfg.Playback.DeviceID = id.Pointer()
	}
	dev, err := malgo.InitDevice(ctx.Context, cfg, malgo.DeviceCallbacks{Data: p.onData})
	if err != nil {
		freeContext(ctx)
		return nil, fmt.Errorf("open playback device: %w: %v", ErrNoPlaybackDevice, err)
	}
	p.dev = dev
	p.mu.Lock()
	err = p.fillLocked()
	p.mu.Unlock()
	if err != nil {
		dev.Uninit()
		freeContext(ctx)
		return nil, err
	}
	p.wg.Add(1)
	go p.feed()
	return p, nil
}

// onData is the playback callback: copy queued frames out, pad with
// silence, and flag the end. No allocation, lock or blocking send.
func (p *Player) onData(out, _ []byte, _ uint32) {
	n := p.ring.Read(out[:len(out)/p.frameSize*p.frameSize])
	for i := n; i < len(out); i++ {
		out[i] = p.silence
	}
	p.played.Add(int64(n / p.frameSize))
	if n < len(out) && p.eof.Load() && p.ring.Len() == 0 {
		select {
		case p.ended <- struct{}{}:
		default:
		}
	}
}

// fillLocked tops up the ring from the source. Caller holds p.mu.
func (p *Player) fillLocked() error {
	for !p.eof.Load() {
		free := p.ring.Free() / p.frameSize * p.frameSize
		if free == 0 {
			return nil
		}
		n, err := p.src.Read(p.chunk[:min(free, len(p.chunk))])
		p.ring.Write(p.chunk[:n])
		if n == 0 || err != nil {
			p.eof.Store(true)
			if err != nil && !isEOF(err) {
				return fmt.Errorf("decode for playback: %w", err)
			}
		}
	}
	return nil
}

// feed keeps the ring full and turns the end of the stream into a pause
// and an OnEnd call, outside the device thread.
func (p *Player) feed() {
	defer p.wg.Done()
	t := time.NewTicker(feedInterval)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-t.C:
			p.mu.Lock()
			_ = p.fillLocked() // a decode error ends the stream early
			p.mu.Unlock()
		case <-p.ended:
			p.mu.Lock()
			if !p.playing || !p.eof.Load() || p.ring.Len() != 0 {
				p.mu.Unlock()
				continue
			}
			_ = p.dev.Stop()
			p.playing = false
			cb := p.onEnd
			p.mu.Unlock()
			if cb != nil {
				// Its own goroutine, so the callback may call Close,
				// which waits for this feeder to exit.
				go cb()
			}
		}
	}
}

// Play starts or resumes playback; at the end of the file it starts over.
func (p *Player) Play() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.playing {
		return nil
	}
	if p.eof.Load() && p.ring.Len() == 0 {
		if err := p.seekLocked(0); err != nil {
			return err
		}
	}
	if err := p.dev.Start(); err != nil {
		return fmt.Errorf("start playback: %w", err)
	}
	p.playing = true
	return nil
}

// Pause stops playback, keeping the position.
func (p *Player) Pause() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.playing {
		return nil
	}
	p.playing = false
	if err := p.dev.Stop(); err != nil {
		return fmt.Errorf("pause playback: %w", err)
	}
	return nil
}

// Seek moves to a time from the start, clamped to the file, keeping the
// play or pause state.
func (p *Player) Seek(d time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	frame := int64(d.Seconds() * float64(p.rate))
	return p.seekLocked(max(0, min(frame, p.total)))
}

func (p *Player) seekLocked(frame int64) error {
	was := p.playing
	if was {
		// Stopping waits for the callback, so the ring can be reset.
		if err := p.dev.Stop(); err != nil {
			return fmt.Errorf("seek: %w", err)
		}
	}
	p.ring.Reset()
	select { // an end signal from before the seek is stale
	case <-p.ended:
	default:
	}
	if err := p.src.SeekFrame(frame); err != nil {
		return fmt.Errorf("seek: %w", err)
	}
	p.base.Store(frame)
	p.played.Store(0)
	p.eof.Store(frame >= p.total)
	if err := p.fillLocked(); err != nil {
		return err
	}
	if was {
		if err := p.dev.Start(); err != nil {
			p.playing = false
			return fmt.Errorf("seek: %w", err)
		}
	}
	return nil
}

// Position is how far playback has got, as heard by the device.
func (p *Player) Position() time.Duration {
	f := min(p.base.Load()+p.played.Load(), p.total)
	return framesToDuration(f, p.rate)
}

// Duration is the length of the file.
func (p *Player) Duration() time.Duration { return framesToDuration(p.total, p.rate) }

// Playing reports whether audio is being played right now.
func (p *Player) Playing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.playing
}

// OnEnd sets a function called, on a goroutine of its own, when playback
// reaches the end of the file. It may call any Player method.
func (p *Player) OnEnd(f func()) {
	p.mu.Lock()
	p.onEnd = f
	p.mu.Unlock()
}

// Close stops playback and releases the device and the file.
func (p *Player) Close() error {
	select {
	case <-p.quit:
		return errors.New("player already closed")
	default:
	}
	close(p.quit)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.playing = false
	p.dev.Uninit()
	freeContext(p.ctx)
	return p.src.Close()
}
