package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/theme"
)

// micTestLength is how long the microphone test records: a sentence.
const micTestLength = 3 * time.Second

// micTest is one run of the microphone test: recording, then playing
// the recording back.
type micTest struct {
	dir     string
	rec     Recorder
	player  Player
	stop    chan struct{}
	cancel  func() bool
	peak    float64
	rms     float64
	clipped bool
	silent  bool
}

// ToggleMicTest starts the microphone test, or stops the one running.
func (s *Settings) ToggleMicTest() {
	if s.mic != nil {
		s.StopMicTest()
		s.MicStatus.SetText("Test stopped.")
		return
	}
	if s.a.Practice.Recording() {
		s.a.ShowError("A rehearsal is being recorded", "Stop it in Practice first", fmt.Errorf("the microphone is in use"))
		return
	}
	if s.a.deps.NewRecorder == nil {
		s.MicStatus.SetText("No audio backend: the microphone cannot be tested on this run.")
		return
	}
	dir, err := os.MkdirTemp("", "retake-mictest-")
	if err != nil {
		s.MicStatus.SetText("Could not make a place for the test recording: " + err.Error())
		return
	}
	rec, err := s.a.deps.NewRecorder(s.a.InputDevice())
	if err == nil {
		if err = rec.Start(filepath.Join(dir, "test.wav"), nil); err != nil {
			rec.Close()
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		s.MicStatus.SetText(fmt.Sprintf("No microphone: %v. Plug one in or pick another above.", err))
		return
	}
	m := &micTest{dir: dir, rec: rec, stop: make(chan struct{}), peak: -120, rms: -120, silent: true}
	s.mic = m
	s.TestMic.SetText("Stop the test")
	s.TestMic.SetIcon(theme.MediaStopIcon())
	s.MicStatus.SetText("Recording 3 seconds: say a sentence as you would in the interview…")
	s.a.every(m.stop, func() { s.micLevel(m) })
	m.cancel = s.a.deps.AfterFunc(micTestLength, func() { s.a.deps.DoAsync(func() { s.micRecorded(m) }) })
}

// micLevel shows the level while the test records and keeps its extremes.
func (s *Settings) micLevel(m *micTest) {
	if s.mic != m || m.rec == nil {
		return
	}
	l := m.rec.Level()
	s.MicMeter.SetLevel(l)
	m.peak, m.rms = max(m.peak, l.PeakDBFS), max(m.rms, l.RMSDBFS)
	m.clipped = m.clipped || l.Clipping
	m.silent = m.silent && (l.NoInput || l.PeakDBFS <= silenceFloor)
}

// micRecorded ends the recording, says how the level was and plays the
// recording back.
func (s *Settings) micRecorded(m *micTest) {
	if s.mic != m || m.rec == nil {
		return
	}
	s.micLevel(m)
	rec := m.rec
	m.rec = nil
	close(m.stop)
	m.stop = nil
	run(s.a, Failure{},
		func() (struct{}, error) {
			_, err := rec.Stop()
			rec.Close()
			return struct{}{}, err
		},
		func(struct{}) { s.micPlay(m) },
		func(err error) {
			s.finishMic(m, "The test recording failed: "+err.Error())
		})
}

// micVerdict says what the test's levels mean.
func micVerdict(m *micTest) string {
	switch {
	case m.silent:
		return "Only silence came in: check that the microphone is plugged in, not muted, and chosen above."
	case m.clipped:
		return fmt.Sprintf("Peak %.0f dB: it clipped, so loud parts will distort. Move back a little or turn the input down.", m.peak)
	case m.peak < -30:
		return fmt.Sprintf("Peak %.0f dB: quiet. Move closer or turn the input up.", m.peak)
	}
	return fmt.Sprintf("Peak %.0f dB, loudness %.0f dB: a good level.", m.peak, m.rms)
}

func (s *Settings) micPlay(m *micTest) {
	if s.mic != m {
		return
	}
	verdict := micVerdict(m)
	if s.a.deps.OpenPlayer == nil {
		s.finishMic(m, verdict+" (No playback device to play it back.)")
		return
	}
	p, err := s.a.deps.OpenPlayer(filepath.Join(m.dir, "test.wav"), s.a.OutputDevice())
	if err == nil {
		if err = p.Play(); err != nil {
			p.Close()
		}
	}
	if err != nil {
		s.finishMic(m, verdict+" Could not play it back: "+err.Error())
		return
	}
	m.player = p
	s.MicStatus.SetText(verdict + " Playing it back…")
	m.stop = make(chan struct{})
	s.a.every(m.stop, func() {
		if s.mic == m && m.player != nil && !m.player.Playing() {
			s.finishMic(m, verdict+" That was the playback.")
		}
	})
}

// finishMic ends a test, leaving msg as the status.
func (s *Settings) finishMic(m *micTest, msg string) {
	if s.mic == m {
		s.StopMicTest()
	}
	s.MicStatus.SetText(msg)
}

// MicTesting reports whether the microphone test is running.
func (s *Settings) MicTesting() bool { return s.mic != nil }

// StopMicTest stops a running microphone test and removes its recording.
func (s *Settings) StopMicTest() {
	m := s.mic
	if m == nil {
		return
	}
	s.mic = nil
	if m.cancel != nil {
		m.cancel()
	}
	if m.stop != nil {
		close(m.stop)
	}
	if m.rec != nil {
		_, _ = m.rec.Stop()
		m.rec.Close()
	}
	if m.player != nil {
		_ = m.player.Pause()
		m.player.Close()
	}
	os.RemoveAll(m.dir)
	s.MicMeter.Reset()
	s.TestMic.SetText("Test the microphone (3 s)")
	s.TestMic.SetIcon(theme.MediaRecordIcon())
}
