package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// silenceWarnAfter is how long the input may stay silent while
// recording before the app warns: long enough for a breath, short
// enough that a dead microphone is noticed before the answer is over.
const silenceWarnAfter = 2 * time.Second

// silenceFloor is the peak level below which input counts as silence.
const silenceFloor = -70.0

// Practice is the rehearsal view: a question, the sectioned timer, the
// record and next-section buttons and the level meter.
type Practice struct {
	a *App

	Question     *widget.Label
	PrevQuestion *widget.Button
	NextQuestion *widget.Button
	Target       *widget.Label
	Bar          *TimerBar
	// Prompt is the full prompt of the section being spoken.
	Prompt      *widget.Label
	Overall     *widget.Label
	Record      *widget.Button
	NextSection *widget.Button
	Meter       *LevelMeter
	// Status says why recording is off or that the microphone is silent.
	Status  *widget.Label
	Content fyne.CanvasObject

	// OnFinished receives the take when a rehearsal stops.
	OnFinished func(Take)

	clock       SectionClock
	qIndex      int
	rec         Recorder
	take        Take
	stopTicker  chan struct{}
	silentSince time.Time
	recordOff   string
	saving      sync.WaitGroup
}

func newPractice(a *App) *Practice {
	p := &Practice{a: a}
	p.Question = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	p.PrevQuestion = &widget.Button{Icon: theme.NavigateBackIcon(), OnTapped: func() { p.showQuestion(p.qIndex - 1) }}
	p.NextQuestion = &widget.Button{Icon: theme.NavigateNextIcon(), OnTapped: func() { p.showQuestion(p.qIndex + 1) }}
	p.Target = &widget.Label{}
	plan := a.rubric.Plan(a.Target())
	p.clock.Plan = plan
	p.Bar = NewTimerBar(a.rubric.Sections, plan)
	p.Prompt = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.Overall = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	p.Record = &widget.Button{Text: "Record (R)", Icon: theme.MediaRecordIcon(), Importance: widget.HighImportance, OnTapped: p.ToggleRecord}
	p.NextSection = &widget.Button{Text: "Next section (Space)", Icon: theme.MediaSkipNextIcon(), OnTapped: p.Next}
	p.NextSection.Disable()
	p.Meter = NewLevelMeter()
	p.Status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	p.showQuestion(0)
	p.refresh()

	card := widget.NewCard("", "Question", container.NewBorder(nil, nil, p.PrevQuestion, p.NextQuestion, p.Question))
	controls := container.NewHBox(p.Record, p.NextSection, p.Overall)
	p.Content = container.NewVBox(card, p.Target, p.Bar, p.Prompt, controls,
		container.NewBorder(nil, nil, widget.NewLabel("Input"), nil, p.Meter), p.Status)
	return p
}

// QuestionText is the question being rehearsed.
func (p *Practice) QuestionText() string { return p.a.questions[p.qIndex].Text }

// CurrentQuestion is the question bank entry being rehearsed.
func (p *Practice) CurrentQuestion() Question { return p.a.questions[p.qIndex] }

func (p *Practice) showQuestion(i int) {
	n := len(p.a.questions)
	p.qIndex = (i%n + n) % n
	p.Question.SetText(p.a.questions[p.qIndex].Text)
}

// ApplyTarget re-plans the sections for the target length in settings.
func (p *Practice) ApplyTarget() {
	if p.clock.Running() {
		return
	}
	p.clock.Plan = p.a.rubric.Plan(p.a.Target())
	p.Bar.SetPlan(p.clock.Plan)
	p.refresh()
}

// ToggleRecord starts a rehearsal, or stops the one in progress.
func (p *Practice) ToggleRecord() {
	if p.Record.Disabled() {
		return // the last take is still being saved
	}
	if p.clock.Running() {
		p.stop()
	} else {
		p.start()
	}
}

// Next marks the move to the next section.
func (p *Practice) Next() {
	if p.clock.Next(p.a.deps.Now()) {
		p.journalMark()
		p.refresh()
	}
}

// journalMark hands the mark just pressed to the library's marks journal
// in the background (it syncs the disk), so a crash mid-take keeps it.
// A mark that cannot be journaled is still stored when the take stops;
// only a crash before then would lose it, so it is not worth a dialog.
func (p *Practice) journalMark() {
	if p.rec == nil || p.take.ID == "" {
		return // a silent rehearsal has no take until it stops
	}
	marks := p.clock.Marks()
	lib, id, n := p.a.deps.Library, p.take.ID, len(marks)
	at := time.Duration(marks[n-1] * float64(time.Second))
	p.saving.Add(1)
	go func() {
		defer p.saving.Done()
		_ = lib.MarkSection(id, n, at)
	}()
}

func (p *Practice) start() {
	p.ApplyTarget()
	p.take = Take{Question: p.QuestionText()}
	p.recordOff = ""
	if err := p.openRecording(); err != nil {
		p.recordOff = fmt.Sprintf("Recording is off: %v. The timer still runs for a silent rehearsal; pick a microphone in Settings to record.", err)
	}
	p.Status.SetText(p.recordOff)
	p.silentSince = time.Time{}
	p.clock.Start(p.a.deps.Now())
	p.Record.SetText("Stop (R)")
	p.Record.SetIcon(theme.MediaStopIcon())
	p.Record.Importance = widget.DangerImportance
	p.Record.Refresh()
	p.NextSection.Enable()
	p.PrevQuestion.Disable()
	p.NextQuestion.Disable()
	p.stopTicker = make(chan struct{})
	p.a.every(p.stopTicker, p.refresh)
	p.refresh()
}

// openRecording opens the microphone and a new take to record into.
func (p *Practice) openRecording() error {
	if p.a.deps.NewRecorder == nil {
		return fmt.Errorf("no audio backend")
	}
	if p.a.deps.Library == nil {
		return fmt.Errorf("no take library")
	}
	rec, err := p.a.deps.NewRecorder(p.a.InputDevice())
	if err != nil {
		return err
	}
	t, err := p.a.deps.Library.Create(p.a.questions[p.qIndex])
	if err != nil {
		rec.Close()
		return fmt.Errorf("create take: %w", err)
	}
	if err := rec.Start(t.AudioPath); err != nil {
		rec.Close()
		// The take holds nothing yet; trash it so history stays clean.
		_ = p.a.deps.Library.Delete(t.ID)
		return err
	}
	p.rec, p.take = rec, t
	return nil
}

func (p *Practice) stop() {
	now := p.a.deps.Now()
	p.clock.Stop(now)
	close(p.stopTicker)
	marks := p.clock.Marks()
	elapsed := time.Duration(p.clock.Elapsed(now) * float64(time.Second))
	take := p.take
	take.Marks, take.Duration = marks, elapsed
	rec, q := p.rec, p.a.questions[p.qIndex]
	p.rec = nil
	// Finalizing the WAV and writing the take sync the disk; that runs
	// off the UI thread, and Record stays off until it is done so a new
	// take cannot race the old one.
	p.Record.SetText("Saving…")
	p.Record.Disable()
	p.NextSection.Disable()
	p.Meter.Reset()
	p.refresh()
	p.saving.Add(1)
	go func() {
		defer p.saving.Done()
		saved, fail := p.saveTake(rec, q, take, elapsed, marks)
		p.a.deps.DoAsync(func() {
			if fail != nil {
				p.a.ShowError(fail.what, fail.todo, fail.err)
			}
			p.Record.SetText("Record (R)")
			p.Record.SetIcon(theme.MediaRecordIcon())
			p.Record.Importance = widget.HighImportance
			p.Record.Enable()
			p.Record.Refresh()
			p.PrevQuestion.Enable()
			p.NextQuestion.Enable()
			if p.OnFinished != nil {
				p.OnFinished(saved)
			}
		})
	}()
}

// saveFailure is what went wrong while saving a take, worded for a dialog.
type saveFailure struct {
	what, todo string
	err        error
}

// saveTake finishes a rehearsal in the background: it stops the recorder
// and stores the take, or keeps a silent rehearsal as a take without
// audio so the transcript typed for it is not lost. It returns the take
// as saved (or as timed, when saving failed) and the first failure.
func (p *Practice) saveTake(rec Recorder, q Question, take Take, elapsed time.Duration, marks []float64) (Take, *saveFailure) {
	lib := p.a.deps.Library
	var fail *saveFailure
	if rec != nil {
		d, err := rec.Stop()
		rec.Close()
		if err != nil {
			fail = &saveFailure{"The recording did not finish cleanly", "The audio up to the last second is kept; check the microphone in Settings", err}
		}
		if d > 0 {
			take.Duration = d
		}
		saved, err := lib.Finish(take.ID, take.Duration, marks)
		if err != nil {
			return take, &saveFailure{"Could not save the take", "Check that the data folder is writable and has free space", err}
		}
		return saved, fail
	}
	if lib == nil || elapsed <= 0 {
		return take, nil
	}
	t, err := lib.Create(q)
	if err == nil {
		t, err = lib.Finish(t.ID, elapsed, marks)
	}
	if err != nil {
		return take, &saveFailure{"Could not save the silent rehearsal", "Its timing is shown in Review but not kept; check that the data folder is writable", err}
	}
	return t, nil
}

// Wait blocks until a take being saved in the background is stored.
func (p *Practice) Wait() { p.saving.Wait() }

// refresh redraws the timer, the overall time and the level meter.
func (p *Practice) refresh() {
	now := p.a.deps.Now()
	n := len(p.clock.Plan)
	el := make([]float64, n)
	for i := range el {
		el[i] = p.clock.SectionElapsed(i, now)
	}
	cur := -1
	if p.clock.Running() {
		cur = p.clock.Current()
	}
	p.Bar.Update(cur, el)
	p.Target.SetText("Target length " + clock(p.clock.Total()) + " (change it in Settings)")
	total, elapsed := p.clock.Total(), p.clock.Elapsed(now)
	p.Overall.SetText(fmt.Sprintf("%s elapsed · %s left", clock(elapsed), clock(max(total-elapsed, 0))))
	sec := p.a.rubric.Sections[min(p.clock.Current(), n-1)]
	if cur < 0 {
		sec = p.a.rubric.Sections[0]
	}
	p.Prompt.SetText(sec.Title + ": " + sec.Prompt)
	if p.rec == nil {
		return
	}
	select {
	case err, ok := <-p.rec.Err():
		if !ok || err == nil {
			break
		}
		p.stop()
		p.a.ShowError("Recording stopped", "The audio up to the failure is saved; free some disk space or reconnect the microphone, then record again", err)
		return
	default:
	}
	p.showLevel(p.rec.Level(), now)
}

func (p *Practice) showLevel(l Level, now time.Time) {
	p.Meter.SetLevel(l)
	if !l.NoInput && l.PeakDBFS > silenceFloor {
		p.silentSince = time.Time{}
		p.Status.SetText(p.recordOff)
		return
	}
	if p.silentSince.IsZero() {
		p.silentSince = now
	}
	if now.Sub(p.silentSince) >= silenceWarnAfter {
		p.Status.SetText("The microphone gives only silence: check that it is plugged in, not muted, and selected in Settings.")
	}
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	t := int(s + 0.5)
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
