package ui

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestRecordAndNextSectionMoveTimerAndStoreMarks(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice

	test.Tap(p.Record)
	if h.rec.path == "" {
		t.Fatal("recorder was not started on the take's audio path")
	}
	h.clock.Advance(5)
	p.refresh()
	if got := p.Bar.TimeText(0); got != "5.0/13.5 s" {
		t.Errorf("situation segment = %q, want 5.0/13.5 s", got)
	}
	if p.Bar.State(0) != Current || p.Bar.State(1) != Pending {
		t.Errorf("states = %v %v, want current, pending", p.Bar.State(0), p.Bar.State(1))
	}
	h.clock.Advance(10)
	p.refresh()
	if p.Bar.State(0) != Over {
		t.Errorf("situation at 15 s of 13.5 s is %v, want Over", p.Bar.State(0))
	}

	test.Tap(p.NextSection)
	h.clock.Advance(3)
	p.refresh()
	if got := p.Bar.TimeText(1); got != "3.0/20.3 s" {
		t.Errorf("mistake segment = %q", got)
	}
	if p.Bar.State(0) != Over || p.Bar.State(1) != Current {
		t.Errorf("after next: %v %v", p.Bar.State(0), p.Bar.State(1))
	}
	if !strings.HasPrefix(p.Overall.Text, "0:18 elapsed · 1:57 left") {
		t.Errorf("overall = %q", p.Overall.Text)
	}

	// The N key moves on as well, when no text field has focus.
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyN})
	h.clock.Advance(2)
	test.Tap(p.Record)
	h.settle()

	saved, err := h.lib.Get("t01")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{15, 18}
	if len(saved.Marks) != len(want) || saved.Marks[0] != want[0] || saved.Marks[1] != want[1] {
		t.Errorf("stored marks = %v, want %v", saved.Marks, want)
	}
	if saved.Duration.Seconds() != 20 {
		t.Errorf("stored duration = %v, want 20s", saved.Duration)
	}
	if !h.rec.stopped || !h.rec.closed {
		t.Error("recorder not stopped and closed")
	}
	if h.ui.Current() != ViewReview || h.win.Title() != "Retake — Review" {
		t.Errorf("after stop the view is %q (title %q), want Review", h.ui.Current(), h.win.Title())
	}
	if p.NextSection.Disabled() == false {
		t.Error("next section stays enabled after stop")
	}
}

func TestNoMicrophoneStillRunsTheTimer(t *testing.T) {
	h := newHarness(t, func(d *Deps) {
		d.NewRecorder = func(string) (Recorder, error) { return nil, errors.New("no capture device") }
	})
	p := h.ui.Practice
	test.Tap(p.Record)
	if !strings.Contains(p.Status.Text, "Recording is off: no capture device") || !strings.Contains(p.Status.Text, "silent rehearsal") {
		t.Errorf("status = %q", p.Status.Text)
	}
	h.clock.Advance(20)
	p.Next()
	h.clock.Advance(4)
	p.refresh()
	if p.Bar.State(0) != Over || p.Bar.TimeText(1) != "4.0/20.3 s" {
		t.Errorf("timer did not run: %v %q", p.Bar.State(0), p.Bar.TimeText(1))
	}
	test.Tap(p.Record)
	h.settle()
	// The rehearsal is kept as a take without audio, with its timing, so
	// a transcript typed for it is not lost.
	takes, _ := h.lib.List()
	if len(takes) != 1 {
		t.Fatalf("a silent rehearsal stored %d takes, want 1", len(takes))
	}
	if got := takes[0]; len(got.Marks) != 1 || got.Marks[0] != 20 || got.Duration != 24*time.Second {
		t.Errorf("silent take kept marks %v and duration %v, want [20] and 24s", got.Marks, got.Duration)
	}
	if r := h.ui.Review; !strings.Contains(r.Info.Text, "no audio") {
		t.Errorf("review info = %q", r.Info.Text)
	}
}

func TestLevelMeterWarnsOnSilenceAndShowsClipping(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	test.Tap(p.Record)
	h.rec.setLevel(Level{PeakDBFS: -90, RMSDBFS: -95, NoInput: true})
	for range 3 {
		p.refresh()
		h.clock.Advance(1)
	}
	p.refresh()
	if !strings.Contains(p.Status.Text, "only silence") {
		t.Errorf("no silence warning: %q", p.Status.Text)
	}
	h.rec.setLevel(Level{PeakDBFS: 0, RMSDBFS: -3, Clipping: true})
	p.refresh()
	if p.Status.Text != "" {
		t.Errorf("warning stays once sound arrives: %q", p.Status.Text)
	}
	if p.Meter.Fraction() != 1 || !p.Meter.level.Clipping {
		t.Errorf("meter = %v clipping %v", p.Meter.Fraction(), p.Meter.level.Clipping)
	}
	test.Tap(p.Record)
	if p.Meter.Fraction() != 0 {
		t.Error("meter not reset after stop")
	}
}

func TestQuestionBankNavigation(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	first := p.Question.Text
	test.Tap(p.NextQuestion)
	if p.Question.Text == first {
		t.Fatal("next question shows the same text")
	}
	test.Tap(p.PrevQuestion)
	test.Tap(p.PrevQuestion)
	if p.qIndex != len(h.ui.questions)-1 {
		t.Errorf("previous from the first wraps to %d", p.qIndex)
	}
}

func TestTimerBarMarkup(t *testing.T) {
	h := newHarness(t, nil)
	bar := NewTimerBar(h.ui.rubric.Sections, h.ui.rubric.Plan(0))
	// Situation overran, the mistake is done on time, root cause is live.
	bar.Update(2, []float64{16, 19, 7, 0, 0})
	w := test.NewTempWindow(t, bar)
	w.Resize(fyne.NewSize(900, 110))
	test.AssertRendersToMarkup(t, "timerbar.xml", w.Canvas())
}

func TestRecorderFailureStopsTheTakeWithADialog(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	test.Tap(p.Record)
	h.clock.Advance(7)
	h.rec.errc <- errors.New("write audio: no space left on device")
	p.refresh()
	h.settle()
	if p.clock.Running() || !h.rec.stopped {
		t.Error("take still running after the recorder failed")
	}
	if !h.errorShown() {
		t.Error("no dialog for the failure")
	}
	if saved, _ := h.lib.Get("t01"); saved.Duration != 7*time.Second {
		t.Errorf("saved duration %v, want the 7 s recorded", saved.Duration)
	}
}

func TestStopSavesOffTheUIThread(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	test.Tap(p.Record)
	h.clock.Advance(3)
	test.Tap(p.Record)
	// Saving is under way in the background: Record is off and R does
	// nothing until the take is stored.
	if !p.Record.Disabled() {
		t.Fatal("Record is enabled while the take is being saved")
	}
	p.ToggleRecord()
	if p.clock.Running() {
		t.Fatal("a new rehearsal started while the last one was being saved")
	}
	h.settle()
	if p.Record.Disabled() || p.Record.Text != "Record (R)" {
		t.Errorf("after saving Record is %q, disabled %v", p.Record.Text, p.Record.Disabled())
	}
	if saved, err := h.lib.Get("t01"); err != nil || saved.Duration == 0 {
		t.Errorf("take not stored: %v %v", saved, err)
	}
}

func TestSectionMarksAreJournaledAsPressedOffTheUIThread(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	gate := make(chan struct{})
	h.lib.markGate = gate // the journal "disk" is slow until the gate opens

	test.Tap(p.Record)
	for _, step := range []float64{4, 5, 6} { // marks at 4, 9 and 15 s
		h.clock.Advance(step)
		done := make(chan struct{})
		go func() { p.Next(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("Next waited for the journal write: it must not run on the UI thread")
		}
	}
	if got := p.clock.Marks(); len(got) != 3 {
		t.Fatalf("clock marks %v, want 3", got)
	}
	close(gate)
	h.lib.mu.Lock()
	h.lib.markGate = nil
	h.lib.mu.Unlock()
	h.settle()
	got := append([]string(nil), h.lib.journal["t01"]...)
	sort.Strings(got)
	if want := []string{"1@4", "2@9", "3@15"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("journaled marks %v, want %v", got, want)
	}
	test.Tap(p.Record)
	h.settle()
}
