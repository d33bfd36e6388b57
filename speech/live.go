package speech

import (
	"context"
	"fmt"
	"sync"

	"retake/audio"
)

// Live follows a take as the recorder writes it, for the app's record
// button: pass it to audio.Recorder.StartTapped, and after Stop call
// Finish for the draft. If the engine could not follow the take (it is
// missing, crashed or fell behind), Finish says so, and the caller can
// still run the engine's Transcribe on the finished file.
type Live struct {
	engine Engine

	mu     sync.Mutex
	stream Stream
	err    error
	ended  bool
}

var _ audio.Tap = (*Live)(nil)

// NewLive makes a tap that streams a take into e.
func NewLive(e Engine) *Live { return &Live{engine: e} }

// Begin implements audio.Tap: it starts the engine at the take's rate.
// A failure is kept for Finish; the recording goes on regardless.
func (l *Live) Begin(sampleRate int) {
	s, err := StartStream(l.engine, sampleRate)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ended {
		if s != nil {
			s.Cancel()
		}
		return
	}
	l.stream, l.err = s, err
}

// Samples implements audio.Tap.
func (l *Live) Samples(block []int16) {
	l.mu.Lock()
	s := l.stream
	l.mu.Unlock()
	if s != nil {
		s.Write(block)
	}
}

// Finish waits for the whole draft once the recorder has stopped.
func (l *Live) Finish(ctx context.Context) (Result, error) {
	l.mu.Lock()
	s, err, ended := l.stream, l.err, l.ended
	l.ended = true
	l.mu.Unlock()
	switch {
	case ended:
		return Result{}, fmt.Errorf("%w: the live transcription has already ended", ErrFailed)
	case err != nil:
		return Result{}, err
	case s == nil:
		return Result{}, fmt.Errorf("%w: the recording never started", ErrAudio)
	}
	return s.Finish(ctx)
}

// Cancel stops the engine and discards the take's audio; safe at any
// time and more than once.
func (l *Live) Cancel() {
	l.mu.Lock()
	s := l.stream
	l.ended = true
	l.mu.Unlock()
	if s != nil {
		s.Cancel()
	}
}
