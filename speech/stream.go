package speech

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Stream is a transcription that runs while a take is being recorded,
// so the draft is ready moments after the take ends. Its life: a Start
// function makes it, Write hands it each block as it is recorded, and
// then exactly one of Finish (the take is complete) or Cancel (throw it
// away) ends it. Cancel after Finish is harmless, and so is a Write after
// either: it is ignored.
type Stream interface {
	// Write queues the next block of mono 16-bit samples. It copies the
	// block and returns at once; it never waits for the engine.
	Write(block []int16)
	// Finish says the audio is complete and waits for the whole
	// transcript. Cancelling ctx stops the engine and returns the
	// context's error; the engine's processes and temporary files are
	// gone when Finish returns, whatever happened.
	Finish(ctx context.Context) (Result, error)
	// Cancel stops the engine and discards the audio.
	Cancel()
}

// Streamer is an Engine that can follow audio as it is recorded.
type Streamer interface {
	Engine
	// StartStream starts a Stream for mono 16-bit samples at
	// sampleRate.
	StartStream(sampleRate int) (Stream, error)
}

// StartStream starts a Stream on e for mono 16-bit samples at
// sampleRate. An engine that reads a stream itself (PocketSphinx) gets
// the audio as it arrives; any other engine gets the take in segments
// cut at pauses, each transcribed while the next is being said.
func StartStream(e Engine, sampleRate int) (Stream, error) {
	if sampleRate < 8000 || sampleRate > 384000 {
		return nil, fmt.Errorf("%w: sample rate %d Hz is out of range", ErrAudio, sampleRate)
	}
	if s, ok := e.(Streamer); ok {
		return s.StartStream(sampleRate)
	}
	return startSegmented(e, sampleRate)
}

// maxBacklog is how far, in seconds of audio, an engine may fall behind
// a take before the stream gives up on it; the caller then transcribes
// the finished file instead.
const maxBacklog = 120

// feeder hands samples from Write to a writer in its own goroutine, so
// the recorder's writer goroutine never waits for an engine.
type feeder struct {
	w        io.WriteCloser
	maxQueue int

	mu     sync.Mutex
	queue  []byte
	spare  []byte
	closed bool
	err    error

	wake    chan struct{}
	done    chan struct{}
	written atomic.Int64 // bytes that reached w
}

func newFeeder(w io.WriteCloser, rate int) *feeder {
	f := &feeder{w: w, maxQueue: rate * 2 * maxBacklog, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go f.run()
	return f
}

// write queues a block as little-endian bytes.
func (f *feeder) write(block []int16) {
	f.mu.Lock()
	if f.closed || f.err != nil {
		f.mu.Unlock()
		return
	}
	if len(f.queue)+2*len(block) > f.maxQueue {
		f.err = fmt.Errorf("%w: the engine fell more than %d s behind the recording", ErrFailed, maxBacklog)
		f.queue = f.queue[:0]
		f.mu.Unlock()
		f.poke()
		return
	}
	for _, s := range block {
		f.queue = binary.LittleEndian.AppendUint16(f.queue, uint16(s))
	}
	f.mu.Unlock()
	f.poke()
}

func (f *feeder) poke() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// close says no more audio will come; the goroutine writes what is
// queued and closes the writer.
func (f *feeder) close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.poke()
}

// wait waits until the queue is written and the writer closed, and
// returns the first failure.
func (f *feeder) wait() error {
	<-f.done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *feeder) run() {
	defer close(f.done)
	defer f.w.Close()
	for range f.wake {
		for {
			f.mu.Lock()
			if f.err != nil {
				f.mu.Unlock()
				return
			}
			if len(f.queue) == 0 {
				closed := f.closed
				f.mu.Unlock()
				if closed {
					return
				}
				break
			}
			// Swap buffers, so Write fills one while the other is written.
			buf := f.queue
			f.queue, f.spare = f.spare[:0], nil
			f.mu.Unlock()
			_, err := f.w.Write(buf)
			f.mu.Lock()
			f.spare = buf[:0]
			if err != nil && f.err == nil {
				f.err = fmt.Errorf("%w: the engine stopped reading the audio: %v", ErrFailed, err)
			}
			f.mu.Unlock()
			f.written.Add(int64(len(buf)))
		}
	}
}

// sphinxStream is PocketSphinx reading a take as it is recorded: the
// samples go through sox (from the capture rate to 16 kHz) into the
// recognizer, the same path a file takes.
type sphinxStream struct {
	s      *Sphinx
	j      *job
	feed   *feeder
	dec    *sphinxDecoder
	sox    *proc      // nil when the capture is already at 16 kHz
	pumped chan error // the sox-to-recognizer copy's failure, when sox runs
	rate   int

	ended atomic.Bool
}

// StartStream implements Streamer.
func (s *Sphinx) StartStream(sampleRate int) (Stream, error) {
	path, modern, err := s.check()
	if err != nil {
		return nil, err
	}
	j := newJob(s.Name())
	st := &sphinxStream{s: s, j: j, rate: sampleRate, dec: newSphinxDecoder(s, j, path, modern)}
	// The first recognizer starts now, so its model is loaded before
	// the person starts talking.
	if err := st.dec.startChunk(); err != nil {
		j.close()
		return nil, err
	}
	if sampleRate == engineRate {
		st.feed = newFeeder(st.dec, sampleRate)
		return st, nil
	}
	sox, _ := soxPath()
	conv := soxCommand(sox, rawInput(sampleRate), rawEngineOut)
	soxIn, err1 := conv.StdinPipe()
	soxOut, err2 := conv.StdoutPipe()
	if err1 != nil || err2 != nil {
		j.close()
		return nil, fmt.Errorf("%w: pipes for sox: %v %v", ErrFailed, err1, err2)
	}
	if st.sox, err = j.start("sox", conv, nil); err != nil {
		j.close()
		return nil, err
	}
	st.pumped = make(chan error, 1)
	go func() {
		readErr, writeErr := pump(soxOut, st.dec, func(int64) {})
		st.dec.Close()
		soxOut.Close()
		st.pumped <- errorsJoin(readErr, writeErr)
	}()
	st.feed = newFeeder(soxIn, sampleRate)
	return st, nil
}

func (st *sphinxStream) Write(block []int16) {
	if !st.ended.Load() {
		st.feed.write(block)
	}
}

// Finish implements Stream. The recognizer has the time it would take
// on the whole take as a file to catch up and finish.
func (st *sphinxStream) Finish(ctx context.Context) (Result, error) {
	if st.ended.Swap(true) {
		return Result{}, fmt.Errorf("%w: the stream has already ended", ErrFailed)
	}
	defer st.j.close()
	audio := bytesToDuration(st.feed.written.Load() * engineRate / int64(st.rate))
	st.j.watch(ctx, limitFor(st.s.Timeout, audio, time.Minute, 3))
	st.feed.close()
	feedErr := st.feed.wait()
	var soxErr, pumpErr error
	if st.sox != nil {
		pumpErr = <-st.pumped
		soxErr = st.sox.wait()
	}
	words, decErr := st.dec.words()
	switch {
	case st.j.stopped() != nil:
		return Result{}, st.j.stopped()
	case decErr != nil:
		return Result{}, decErr
	case feedErr != nil:
		return Result{}, feedErr
	case soxErr != nil || pumpErr != nil:
		return Result{}, fmt.Errorf("%w: converting the recording failed: %v", ErrAudio, errorsJoin(soxErr, pumpErr))
	}
	return st.s.result(words), nil
}

// Cancel implements Stream.
func (st *sphinxStream) Cancel() {
	st.ended.Store(true)
	st.j.abort(fmt.Errorf("transcription cancelled: %w", context.Canceled))
	st.feed.close()
	st.feed.wait()
	st.j.close()
}
