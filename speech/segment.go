package speech

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"

	"retake/audio/wav"
)

// Segmenting for engines that only read whole files (whisper-cli, a
// user's command): the take is cut at pauses into files that are
// transcribed one after another while the person goes on speaking, and
// the words are shifted back to the take's clock.
const (
	segWindow     = 0.01 // seconds per level window
	segMinLen     = 4.0  // a segment is cut at a pause only after this long
	segMaxLen     = 20.0 // and always before this long
	segPause      = 0.5  // the silence that counts as a pause
	segSearch     = 2.0  // a forced cut looks this far back for the quietest spot
	segFloorDB    = -55  // quieter than this is silence, however quiet the take
	segRangeDB    = 35   // and so is anything this far below the loudest window
	segSilenceRMS = 1e-9
)

// segmented is a Stream over an engine without one of its own.
type segmented struct {
	e    Engine
	rate int
	dir  string

	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	pending []int16   // samples not yet cut into a segment
	start   int64     // take sample index of pending[0]
	levels  []float64 // dBFS of each whole window of pending
	loudest float64
	ended   bool

	work  chan segment
	done  chan struct{}
	res   []Word
	timed bool
	punct bool
	model string
	err   error
	n     int
}

// segment is one cut of the take.
type segment struct {
	samples []int16
	offset  float64 // seconds into the take
}

func startSegmented(e Engine, rate int) (Stream, error) {
	if ok, reason, fix := e.Available(); !ok {
		return nil, &UnavailableError{Reason: reason, Fix: fix}
	}
	dir, err := os.MkdirTemp("", "retake-segments-")
	if err != nil {
		return nil, fmt.Errorf("%w: temporary folder: %v", ErrFailed, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &segmented{e: e, rate: rate, dir: dir, ctx: ctx, cancel: cancel, loudest: math.Inf(-1),
		work: make(chan segment, 1024), done: make(chan struct{})}
	go s.transcribe()
	return s, nil
}

// Write implements Stream: it measures the block and cuts a segment at
// the first pause once the segment is long enough.
func (s *segmented) Write(block []int16) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return
	}
	s.pending = append(s.pending, block...)
	win := int(float64(s.rate) * segWindow)
	// Measure every new whole window.
	for (len(s.levels)+1)*win <= len(s.pending) {
		w := s.pending[len(s.levels)*win : (len(s.levels)+1)*win]
		var sum float64
		for _, v := range w {
			f := float64(v) / 32768
			sum += f * f
		}
		db := 10 * math.Log10(max(sum/float64(win), segSilenceRMS))
		s.levels = append(s.levels, db)
		s.loudest = max(s.loudest, db)
		if cut := s.cutPoint(); cut > 0 {
			s.cutLocked(cut)
		}
	}
}

// cutPoint is the window at which to end the current segment, or 0 to
// go on: the middle of the first pause once the segment is long enough,
// or the quietest recent window once it is too long.
func (s *segmented) cutPoint() int {
	n := len(s.levels)
	if float64(n)*segWindow < segMinLen {
		return 0
	}
	quiet := func(db float64) bool { return db < max(segFloorDB, s.loudest-segRangeDB) }
	need := int(segPause / segWindow)
	run := 0
	for i := n - 1; i >= 0 && quiet(s.levels[i]); i-- {
		run++
	}
	if run >= need && float64(n-run)*segWindow >= segMinLen {
		return n - run/2
	}
	if float64(n)*segWindow >= segMaxLen {
		back := int(segSearch / segWindow)
		best := n - 1
		for i := n - 1; i >= n-back; i-- {
			if s.levels[i] < s.levels[best] {
				best = i
			}
		}
		return best + 1
	}
	return 0
}

// cutLocked queues the first cut windows of pending (all of it when
// cut covers more) as a segment for the engine.
func (s *segmented) cutLocked(cut int) {
	win := int(float64(s.rate) * segWindow)
	k := min(cut*win, len(s.pending))
	seg := segment{samples: append([]int16(nil), s.pending[:k]...), offset: float64(s.start) / float64(s.rate)}
	select {
	case s.work <- seg:
	default:
		s.fail(fmt.Errorf("%w: %s fell too far behind the recording", ErrFailed, s.e.Name()))
	}
	s.pending = append(s.pending[:0], s.pending[k:]...)
	s.start += int64(k)
	s.levels = append(s.levels[:0], s.levels[min(cut, len(s.levels)):]...)
}

func writeSegment(path string, rate int, samples []int16) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	w, err := wav.NewWriter(f, rate, 1)
	if err != nil {
		f.Close()
		return err
	}
	if err := w.WriteSamples(samples); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// fail keeps the first error; the stream then only waits to be ended.
func (s *segmented) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// transcribe runs the engine on each segment in order, each written to
// a file of its own that is removed once heard.
func (s *segmented) transcribe() {
	defer close(s.done)
	s.timed = true
	for seg := range s.work {
		s.mu.Lock()
		failed := s.err != nil
		s.n++
		path := filepath.Join(s.dir, fmt.Sprintf("segment-%04d.wav", s.n))
		s.mu.Unlock()
		if failed || s.ctx.Err() != nil {
			continue
		}
		var r Result
		err := writeSegment(path, s.rate, seg.samples)
		if err != nil {
			err = fmt.Errorf("%w: writing a segment: %v", ErrFailed, err)
		} else {
			r, err = s.e.Transcribe(s.ctx, path, nil)
		}
		os.Remove(path)
		s.mu.Lock()
		if err != nil {
			s.fail(fmt.Errorf("segment at %.1f s: %w", seg.offset, err))
		} else {
			for _, w := range r.Words {
				w.Start += seg.offset
				w.End += seg.offset
				s.res = append(s.res, w)
			}
			s.timed = s.timed && r.Timed
			s.punct = s.punct || r.Punctuated
			s.model = r.Model
		}
		s.mu.Unlock()
	}
}

// Finish implements Stream.
func (s *segmented) Finish(ctx context.Context) (Result, error) {
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return Result{}, fmt.Errorf("%w: the stream has already ended", ErrFailed)
	}
	s.ended = true
	if len(s.pending) > 0 {
		s.cutLocked(len(s.pending))
	}
	close(s.work)
	s.mu.Unlock()
	defer os.RemoveAll(s.dir)
	select {
	case <-s.done:
	case <-ctx.Done():
		s.cancel()
		<-s.done
		return Result{}, fmt.Errorf("transcription cancelled: %w", ctx.Err())
	}
	s.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return Result{}, s.err
	}
	return Result{Engine: s.e.Name(), Model: s.model, HearsFillers: s.e.HearsFillers(), Timed: s.timed,
		Punctuated: s.punct, Words: keepOrder(s.res)}, nil
}

// Cancel implements Stream.
func (s *segmented) Cancel() {
	s.mu.Lock()
	wasEnded := s.ended
	s.ended = true
	s.mu.Unlock()
	s.cancel()
	if !wasEnded {
		close(s.work)
	}
	<-s.done
	os.RemoveAll(s.dir)
}
