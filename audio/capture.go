package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"retake/audio/wav"
)

// ErrDeviceStopped is reported when the capture device stops on its own
// mid-take (unplugged, taken by another program, driver reset).
var ErrDeviceStopped = errors.New("capture device stopped during the take")

// capture is the device-independent half of a recording: the callback
// side fills a ring and a meter, the writer side drains the ring to a
// WAV writer. Tests drive onData with synthetic buffers.
type capture struct {
	ring    *ring[int16]
	meter   *meter
	scratch []int16
	rate    int

	frames  atomic.Int64 // frames handed over by the device
	dropped atomic.Int64 // frames lost because the ring was full

	// tap, when set, sees every block the writer puts in the file.
	tap Tap
	// limit is how many frames the take holds at most (0: no limit);
	// what the device delivers after it is not written.
	limit int64
}

// ringSeconds is how much audio the ring absorbs while the writer is
// held up (a slow disk, a sync). Overruns beyond it are counted as drops.
const ringSeconds = 4

// scratchSamples bounds the conversion buffer; larger callbacks are
// converted in pieces.
const scratchSamples = 4096

func newCapture(rate int) *capture {
	return &capture{
		ring:    newRing[int16](rate * ringSeconds),
		meter:   newMeter(rate),
		scratch: make([]int16, scratchSamples),
		rate:    rate,
	}
}

// onData is the malgo data callback for a mono signed 16-bit capture
// device. It converts, meters and queues the samples; it must not
// allocate, lock or block (TestCaptureCallbackAllocs holds it to that).
func (c *capture) onData(_, in []byte, frameCount uint32) {
	n := min(int(frameCount), len(in)/2)
	for done := 0; done < n; {
		k := min(n-done, len(c.scratch))
		s := c.scratch[:k]
		b := in[2*done:]
		for i := range s {
			s[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
		}
		c.meter.add(s)
		if w := c.ring.Write(s); w < k {
			c.dropped.Add(int64(k - w))
		}
		done += k
	}
	c.frames.Add(int64(n))
}

// elapsed is the amount of audio the device has delivered.
func (c *capture) elapsed() time.Duration {
	return time.Duration(c.frames.Load()) * time.Second / time.Duration(c.rate)
}

// writerTiming sets how often the writer drains the ring and how often
// it rewrites the header and syncs.
type writerTiming struct {
	poll, flush time.Duration
}

var defaultTiming = writerTiming{poll: 10 * time.Millisecond, flush: time.Second}

// run drains the ring into w until stop is closed (a normal end), lost is
// closed (the device went away) or a write fails. Whatever happens, the
// file is finalized with everything that reached it before run returns.
func (c *capture) run(w *wav.Writer, stop, lost <-chan struct{}, t writerTiming) error {
	buf := make([]int16, 8192)
	tick := time.NewTicker(t.poll)
	defer tick.Stop()
	lastFlush := time.Now()
	drain := func() error { return c.drain(w, buf) }
	finish := func(cause error) error {
		if cerr := w.Close(); cerr != nil {
			if cause == nil {
				return fmt.Errorf("finalize recording: %w", cerr)
			}
			return fmt.Errorf("%w (and finalizing failed: %v)", cause, cerr)
		}
		return cause
	}
	for {
		select {
		case <-stop:
			return finish(drain())
		case <-lost:
			if err := drain(); err != nil {
				return finish(err)
			}
			return finish(ErrDeviceStopped)
		case <-tick.C:
			if err := drain(); err != nil {
				return finish(err)
			}
			if time.Since(lastFlush) >= t.flush {
				if err := w.Flush(); err != nil {
					return finish(err)
				}
				lastFlush = time.Now()
			}
		}
	}
}

// drain moves everything queued in the ring to w through buf, handing
// what reached the file to the tap.
func (c *capture) drain(w *wav.Writer, buf []int16) error {
	for {
		n := c.ring.Read(buf)
		if n == 0 {
			return nil
		}
		if c.limit > 0 {
			n = int(min(int64(n), max(c.limit-w.Frames(), 0)))
			if n == 0 {
				continue // past the limit: read and let go
			}
		}
		before := w.Frames()
		err := w.WriteSamples(buf[:n])
		if c.tap != nil {
			// On a failed write, the part that reached the file still
			// goes to the tap, so the two never differ.
			if k := int(w.Frames() - before); k > 0 {
				c.tap.Samples(buf[:k])
			}
		}
		if err != nil {
			return err
		}
	}
}
