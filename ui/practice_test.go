package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
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
	if !strings.HasPrefix(p.NowTitle.Text, "Now: Situation") || p.Prompt.Text() != h.ui.rubric("mistake").Sections[0].Prompt {
		t.Errorf("prompt panel says %q / %q", p.NowTitle.Text, p.Prompt.Text())
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
	if !strings.HasPrefix(p.NowTitle.Text, "Now: The mistake") || !strings.Contains(p.NextHint.Text, "Root cause") {
		t.Errorf("prompt panel after next: %q, %q", p.NowTitle.Text, p.NextHint.Text)
	}
	if !strings.HasPrefix(p.Overall.Text, "0:18 elapsed · 1:57 left") {
		t.Errorf("overall = %q", p.Overall.Text)
	}

	// The N key moves on as well, when no text field has focus.
	h.press(fyne.KeyN)
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
	// Practice is ready for the next take and sums up this one.
	if h.ui.Current() != ViewPractice {
		t.Errorf("after stop the view is %q, want Practice ready for the next take", h.ui.Current())
	}
	if p.Bar.State(0) != Pending || p.Bar.TimeText(0) != "13.5 s" || !strings.HasPrefix(p.Overall.Text, "0:00 elapsed") {
		t.Errorf("timer not reset: %v %q %q", p.Bar.State(0), p.Bar.TimeText(0), p.Overall.Text)
	}
	if !strings.Contains(p.Saved.Text, "Saved a 0:20 take") || !strings.Contains(p.Saved.Text, "Situation 0:15 · The mistake 0:03 · Root cause 0:02") {
		t.Errorf("summary = %q", p.Saved.Text)
	}
	if p.NextSection.Disabled() == false {
		t.Error("next section stays enabled after stop")
	}
	if p.OpenSaved.Hidden {
		t.Fatal("no way to open the saved take")
	}
	test.Tap(p.OpenSaved)
	h.settle()
	if h.ui.Current() != ViewReview || h.ui.ReviewTakeID() != "t01" || h.win.Title() != "Retake — Review" {
		t.Errorf("open saved: view %q, take %q", h.ui.Current(), h.ui.ReviewTakeID())
	}
}

func TestNoMicrophoneIsSaidAtOnceAndTheTimerStillRuns(t *testing.T) {
	h := newHarness(t, func(d *Deps) {
		d.NewRecorder = func(string) (Recorder, error) { return nil, errors.New("no capture device") }
	})
	p := h.ui.Practice
	// Before R is pressed, Practice already says there is no microphone.
	if !strings.Contains(p.Status.Text, "No microphone: no capture device") {
		t.Errorf("status on opening = %q", p.Status.Text)
	}
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
	if !strings.Contains(p.Saved.Text, "without audio") {
		t.Errorf("summary = %q", p.Saved.Text)
	}
	test.Tap(p.OpenSaved)
	h.settle()
	if r := h.ui.Review; !strings.Contains(r.Info.Text, "no audio") {
		t.Errorf("review info = %q", r.Info.Text)
	}
}

func TestLevelMeterShowsPeakRMSAndClipping(t *testing.T) {
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
	h.rec.setLevel(Level{PeakDBFS: -12, RMSDBFS: -30})
	p.refresh()
	if p.Status.Text != "" {
		t.Errorf("warning stays once sound arrives: %q", p.Status.Text)
	}
	if p.Meter.Fraction() != float32(48.0/60) || p.Meter.RMSFraction() != 0.5 || p.Meter.Clipping() {
		t.Errorf("meter peak %v rms %v clipping %v", p.Meter.Fraction(), p.Meter.RMSFraction(), p.Meter.Clipping())
	}
	if !strings.Contains(p.Meter.Text(), "peak -12 · loudness -30 dB") {
		t.Errorf("meter reads %q", p.Meter.Text())
	}
	h.rec.setLevel(Level{PeakDBFS: 0, RMSDBFS: -3, Clipping: true})
	p.refresh()
	h.rec.setLevel(Level{PeakDBFS: -10, RMSDBFS: -20})
	h.clock.Advance(0.5)
	p.refresh()
	// The clipping light stays on a moment after the clip, so it is seen.
	if !p.Meter.Clipping() || !strings.Contains(p.Meter.Text(), "CLIPPING") {
		t.Errorf("clipping light off half a second after a clip: %q", p.Meter.Text())
	}
	h.clock.Advance(2)
	p.refresh()
	if p.Meter.Clipping() {
		t.Error("clipping light still on two seconds later")
	}
	test.Tap(p.Record)
	if p.Meter.Fraction() != 0 {
		t.Error("meter not reset after stop")
	}
	h.settle()
}

func TestTimerSaysHowFarOver(t *testing.T) {
	tests := []struct {
		elapsed, total float64
		want           string
	}{
		{10, 135, "0:10 elapsed · 2:05 left"},
		{135, 135, "2:15 elapsed · 0:00 left"},
		{146, 135, "2:26 elapsed · +0:11 over"},
	}
	for _, tt := range tests {
		if got := overall(tt.elapsed, tt.total); got != tt.want {
			t.Errorf("overall(%v, %v) = %q, want %q", tt.elapsed, tt.total, got, tt.want)
		}
	}
	h := newHarness(t, nil)
	p := h.ui.Practice
	test.Tap(p.Record)
	h.clock.Advance(146)
	p.refresh()
	if p.Overall.Text != "2:26 elapsed · +0:11 over" {
		t.Errorf("overall while over = %q", p.Overall.Text)
	}
	test.Tap(p.Record)
	h.settle()
}

func TestShortTakeGoesToTrashAndCanBeKept(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	test.Tap(p.Record)
	h.clock.Advance(1)
	test.Tap(p.Record)
	h.settle()
	if takes, _ := h.lib.List(); len(takes) != 0 {
		t.Errorf("a one-second take was kept in History: %d takes", len(takes))
	}
	if trash, _ := h.lib.Trash(); len(trash) != 1 {
		t.Fatalf("the short take is not in the trash: %d trashed", len(trash))
	}
	if !strings.Contains(p.Saved.Text, "too short to keep") || p.RestoreSaved.Hidden {
		t.Fatalf("summary %q, restore hidden %v", p.Saved.Text, p.RestoreSaved.Hidden)
	}
	test.Tap(p.RestoreSaved)
	h.settle()
	if takes, _ := h.lib.List(); len(takes) != 1 {
		t.Errorf("keeping it did not restore it: %d takes", len(takes))
	}
	if p.OpenSaved.Hidden || !p.RestoreSaved.Hidden {
		t.Error("after keeping it, open is not offered")
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

// rubricOf builds a rubric of n sections for the tests, with weights
// that add up to one.
func testRubric(id string, n int) *scoring.Rubric {
	r := &scoring.Rubric{ID: id, Title: fmt.Sprintf("A %d-part answer", n)}
	for i := range n {
		r.Sections = append(r.Sections, scoring.SectionSpec{ID: fmt.Sprintf("part-%d", i+1), Title: fmt.Sprintf("Part %d", i+1),
			Weight: 1 / float64(n), Prompt: fmt.Sprintf("Say part %d of the story.", i+1)})
	}
	return r
}

// withRubrics makes the bank two questions graded on rubrics of three
// and six sections, with an analyzer that reports those sections.
func withRubrics(d *Deps) {
	rubrics := map[string]*scoring.Rubric{"three": testRubric("three", 3), "six": testRubric("six", 6)}
	d.Questions = []Question{{ID: "q3", Rubric: "three", Text: "Tell me about three things."}, {ID: "q6", Rubric: "six", Text: "Tell me about six things."}}
	d.LoadRubric = func(id string) (*scoring.Rubric, error) {
		if r, ok := rubrics[id]; ok {
			return r, nil
		}
		return nil, fmt.Errorf("no rubric %q", id)
	}
	d.Analyze = func(in scoring.Input) scoring.Report {
		r := rubrics[in.Rubric]
		rep := scoring.Report{Rubric: in.Rubric, Score: 60, Words: 40, TargetS: 135}
		for i, s := range r.Sections {
			rep.Sections = append(rep.Sections, scoring.SectionResult{ID: s.ID, Title: s.Title, Weight: s.Weight, Score: 60,
				Seconds: float64(10 + i), PlannedS: 135 * s.Weight, MarkS: -1, ToldS: -1})
		}
		return rep
	}
}

func TestPracticeFollowsEachQuestionsRubric(t *testing.T) {
	h := newHarness(t, withRubrics)
	p := h.ui.Practice
	for _, tt := range []struct {
		question string
		sections int
	}{{"q3", 3}, {"q6", 6}} {
		p.ShowQuestion(tt.question)
		if p.Bar.Sections() != tt.sections || len(p.clock.Plan) != tt.sections || len(p.Upcoming.Objects) != tt.sections {
			t.Fatalf("%s: bar %d, plan %d, outline %d sections; want %d", tt.question, p.Bar.Sections(), len(p.clock.Plan), len(p.Upcoming.Objects), tt.sections)
		}
		if !strings.Contains(p.RubricInfo.Text, fmt.Sprintf("%d sections", tt.sections)) {
			t.Errorf("rubric line %q", p.RubricInfo.Text)
		}
		test.Tap(p.Record)
		// One mark fewer than sections: presses past the last are ignored.
		for range tt.sections + 2 {
			h.clock.Advance(3)
			h.press(fyne.KeySpace)
		}
		if !strings.HasPrefix(p.NowTitle.Text, fmt.Sprintf("Now: Part %d", tt.sections)) {
			t.Errorf("%s: after the last mark the prompt says %q", tt.question, p.NowTitle.Text)
		}
		h.clock.Advance(3)
		test.Tap(p.Record)
		h.settle()
		saved, err := h.lib.Get(p.saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(saved.Marks) != tt.sections-1 {
			t.Errorf("%s: %d marks stored, want %d", tt.question, len(saved.Marks), tt.sections-1)
		}
		// Review and its card follow the take's rubric too.
		h.ui.OpenTake(saved, true)
		r := h.ui.Review
		r.Editor.Edit()
		test.Type(r.Editor.Entry, "I did the parts.")
		h.idle()
		if r.Report() == nil || len(r.Report().Sections) != tt.sections || r.Player.Bar.Sections() != tt.sections || len(r.Card.Timing.Rows) != tt.sections {
			t.Errorf("%s: review shows %d bar sections, %d timing rows", tt.question, r.Player.Bar.Sections(), len(r.Card.Timing.Rows))
		}
		if got := len(r.Player.Sections()); got != tt.sections {
			t.Errorf("%s: waveform shows %d sections from %d marks", tt.question, got, len(saved.Marks))
		}
		h.ui.Show(ViewPractice)
	}
	h.ui.Show(ViewHistory)
	h.settle()
	hi := h.ui.History
	if len(hi.Sections.Rows) != 1 || !strings.Contains(hi.SectionsNote.Text, "graded on") {
		t.Errorf("mixed rubrics: %d rows, note %q", len(hi.Sections.Rows), hi.SectionsNote.Text)
	}
	if got := len(hi.SectionsLegend.Items); got != 6 {
		t.Errorf("legend names %d sections of the newest take's rubric, want 6", got)
	}
}

func TestPracticeShowsTheLastTakeOfTheQuestion(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	if !strings.Contains(p.Last.Text, "No earlier take") || len(p.LastChart.Rows) != 0 {
		t.Errorf("without takes: %q, %d rows", p.Last.Text, len(p.LastChart.Rows))
	}
	q := p.CurrentQuestion()
	h.lib.add(Take{ID: "old", QuestionID: q.ID, Question: q.Text, Created: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC),
		Duration: 100 * time.Second, Score: 50, SectionSeconds: []float64{20, 15, 25, 20, 20}})
	h.ui.History.Reload()
	h.settle()
	if !strings.Contains(p.Last.Text, "Your last take of this question") || len(p.LastChart.Rows) != 5 {
		t.Fatalf("last take: %q, %d rows", p.Last.Text, len(p.LastChart.Rows))
	}
	if got := p.LastChart.Rows[0].Text; got != "0:20 of 0:14" {
		t.Errorf("situation row %q", got)
	}
	if !strings.HasPrefix(p.LastLegend.Text(), "planned, Situation") {
		t.Errorf("legend %q", p.LastLegend.Text())
	}
	test.Tap(p.NextQuestion)
	if len(p.LastChart.Rows) != 0 {
		t.Error("another question shows this question's last take")
	}
}

func TestTimerBarMarkup(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.rubric("mistake")
	bar := NewTimerBar(r.Sections, r.Plan(0))
	// Situation overran, the mistake is done on time, root cause is live.
	bar.Update(2, []float64{16, 19, 7, 0, 0})
	w := test.NewTempWindow(t, bar)
	w.Resize(fyne.NewSize(900, 80))
	test.AssertRendersToMarkup(t, "timerbar.xml", w.Canvas())
}

func TestTimerBarKeepsTitlesAndTimesWhole(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.rubric("mistake")
	bar := NewTimerBar(r.Sections, r.Plan(0))
	bar.Update(1, []float64{18.4, 3, 0, 0, 0})
	// The smallest window leaves the bar about 770 wide.
	w := test.NewTempWindow(t, bar)
	w.Resize(fyne.NewSize(780, 80))
	for i, seg := range bar.segs {
		title, tm := bar.titles[i], bar.times[i]
		if title.Shown() != title.Text || seg.Size().Width < title.Need() {
			t.Errorf("segment %d is %.0f wide and shows %q of %q", i, seg.Size().Width, title.Shown(), title.Text)
		}
		if tm.Shown() != tm.Text || tm.Text == "" {
			t.Errorf("segment %d time %q shown as %q", i, tm.Text, tm.Shown())
		}
	}
	tapped := -1
	bar.OnTapped = func(i int) { tapped = i }
	seg := bar.segs[3]
	test.TapAt(bar, fyne.NewPos(seg.Position().X+5, 10))
	if tapped != 3 {
		t.Errorf("tap on the fourth segment reported %d", tapped)
	}
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

// TestWhatToCoverReachableInASmallWindow: in an 800x600 window the list
// of sections to cover is taller than its card; it scrolls, and the last
// section can be brought into view.
func TestWhatToCoverReachableInASmallWindow(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	h.win.Resize(fyne.NewSize(800, 600))
	var scroll *container.Scroll
	var find func(o fyne.CanvasObject) bool
	find = func(o fyne.CanvasObject) bool {
		if o == p.Upcoming {
			return true
		}
		c, ok := o.(*fyne.Container)
		if s, isScroll := o.(*container.Scroll); isScroll {
			if find(s.Content) {
				if scroll == nil {
					scroll = s
				}
				return true
			}
			return false
		}
		if card, isCard := o.(*widget.Card); isCard {
			return find(card.Content)
		}
		if !ok {
			return false
		}
		for _, k := range c.Objects {
			if find(k) {
				return true
			}
		}
		return false
	}
	if !find(p.Content) || scroll == nil {
		t.Fatal("the list of what to cover is not inside a scroll")
	}
	last := p.Upcoming.Objects[len(p.Upcoming.Objects)-1]
	// Should the theme's sizes ever fit the list at 800x600, a shorter
	// window still makes it overflow: the test never passes unscrolled.
	for height := float32(550); scroll.Content.MinSize().Height <= scroll.Size().Height; height -= 50 {
		if height < 300 {
			t.Fatalf("the list (%v) fits its card (%v) even in a window 800x300", scroll.Content.MinSize(), scroll.Size())
		}
		h.win.Resize(fyne.NewSize(800, height))
	}
	scroll.ScrollToBottom()
	bottom := last.Position().Y + last.Size().Height + p.Upcoming.Position().Y
	if seen := scroll.Offset.Y + scroll.Size().Height; bottom > seen+1 {
		t.Errorf("the last section ends at %.0f, the scrolled view at %.0f", bottom, seen)
	}
}
