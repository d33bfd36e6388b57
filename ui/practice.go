package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// silenceWarnAfter is how long the input may stay silent while
// recording before the app warns: long enough for a breath, short
// enough that a dead microphone is noticed before the answer is over.
const silenceWarnAfter = 2 * time.Second

// silenceFloor is the peak level below which input counts as silence.
const silenceFloor = -70.0

// minKeep is the shortest take worth keeping: anything shorter is a
// press of R by accident, and goes to the trash (undoably) instead of
// History.
const minKeep = 2 * time.Second

// Practice is the rehearsal view: a question, the sectioned timer, the
// record and next-section buttons, the level meter, the prompt of the
// section being spoken, and the last take of the same question.
type Practice struct {
	a *App

	Question     *widget.Label
	RubricInfo   *widget.Label
	PrevQuestion *keyButton
	NextQuestion *keyButton
	Bar          *TimerBar
	// NowTitle and Prompt say, large, what to cover now; Upcoming lists
	// the sections and their prompts before the take starts.
	NowTitle *widget.Label
	// Prompt is shown as large as the window allows, to be read at a
	// glance while speaking.
	Prompt      *TextView
	NextHint    *widget.Label
	Upcoming    *fyne.Container
	Overall     *widget.Label
	Record      *keyButton
	NextSection *keyButton
	Meter       *LevelMeter
	// Status says why recording is off or that the microphone is silent.
	Status *widget.Label
	// Saved sums up the take just stored; OpenSaved opens it in Review
	// and RestoreSaved brings back one too short to keep.
	Saved        *widget.Label
	OpenSaved    *keyButton
	RestoreSaved *keyButton
	// DraftStatus says how the draft transcript of the take just saved
	// is coming along, or why there is none.
	DraftStatus *widget.Label
	// Last shows the per-section times of the newest take of this
	// question, planned against spoken.
	Last       *widget.Label
	LastChart  *BarChart
	LastLegend *Legend
	Content    fyne.CanvasObject
	// sideBox holds the summary of the last take.
	sideBox *fyne.Container

	clock  SectionClock
	rubric *scoring.Rubric
	qIndex int
	rec    Recorder
	// live is the speech engine following the take being recorded, nil
	// when none can; noDraft says why not.
	live    LiveDraft
	noDraft error
	take    Take
	saved   Take
	saving  bool
	// marking counts marks still being journaled.
	marking     sync.WaitGroup
	stopTicker  chan struct{}
	silentSince time.Time
	recordOff   string
	micOff      string
	promptKey   string
}

func newPractice(a *App) *Practice {
	p := &Practice{a: a}
	p.Question = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	p.RubricInfo = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	p.PrevQuestion = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Icon: theme.NavigateBackIcon(), OnTapped: func() { p.showQuestion(p.qIndex - 1) }}})
	p.NextQuestion = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Icon: theme.NavigateNextIcon(), OnTapped: func() { p.showQuestion(p.qIndex + 1) }}})
	p.Bar = NewTimerBar(nil, nil)
	p.NowTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	p.Prompt = NewTextView()
	p.NextHint = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	p.Upcoming = container.NewVBox()
	p.Overall = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	p.Record = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Record (R)", Icon: theme.MediaRecordIcon(), Importance: widget.HighImportance, OnTapped: p.ToggleRecord}})
	p.NextSection = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Next section (Space)", Icon: theme.MediaSkipNextIcon(), OnTapped: p.Next}})
	p.NextSection.Disable()
	p.Meter = NewLevelMeter(a.deps.Now)
	p.Status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	p.Saved = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.OpenSaved = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Open in Review", Icon: theme.FileIcon(), OnTapped: p.openSaved}})
	p.RestoreSaved = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Keep it after all", Icon: theme.ContentUndoIcon(), OnTapped: p.restoreSaved}})
	p.OpenSaved.Hide()
	p.RestoreSaved.Hide()
	p.DraftStatus = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	p.DraftStatus.Hide()
	p.Last = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	p.LastChart = NewBarChart(plannedColor)
	p.LastLegend = NewLegend(nil)
	p.showQuestion(0)

	question := container.NewBorder(nil, nil, container.NewCenter(p.PrevQuestion), container.NewCenter(p.NextQuestion),
		container.NewVBox(p.Question, p.RubricInfo))
	controls := NewFlow(p.Record, p.NextSection, p.Overall)
	meter := container.NewBorder(nil, nil, container.NewVBox(widget.NewLabel("Input")), nil, p.Meter)
	// The list of what to cover scrolls in a short window (at 800x600
	// the last section fell below the card's edge, out of reach).
	now := widget.NewCard("", "", container.NewVScroll(container.NewVBox(p.NowTitle, p.Prompt, p.NextHint, p.Upcoming)))
	p.sideBox = container.NewVBox(p.Saved, p.DraftStatus, container.NewHBox(p.OpenSaved, p.RestoreSaved),
		p.Last, p.LastChart, p.LastLegend)
	side := widget.NewCard("", "", p.sideBox)
	// The prompt and the last take fill what the window has left.
	p.Content = container.NewBorder(container.NewVBox(question, p.Bar, controls, meter, p.Status), nil, nil, nil,
		container.NewAdaptiveGrid(2, now, side))
	return p
}

// QuestionText is the question being rehearsed.
func (p *Practice) QuestionText() string { return p.a.questions[p.qIndex].Text }

// CurrentQuestion is the question bank entry being rehearsed.
func (p *Practice) CurrentQuestion() Question { return p.a.questions[p.qIndex] }

// Rubric is the rubric of the question being rehearsed.
func (p *Practice) Rubric() *scoring.Rubric { return p.rubric }

// Recording reports whether a rehearsal is in progress.
func (p *Practice) Recording() bool { return p.clock.Running() }

// ShowQuestion moves to the bank entry with this id, when there is one.
func (p *Practice) ShowQuestion(id string) {
	for i, q := range p.a.questions {
		if q.ID == id {
			p.showQuestion(i)
		}
	}
}

func (p *Practice) showQuestion(i int) {
	if p.clock.Running() {
		return
	}
	n := len(p.a.questions)
	p.qIndex = (i%n + n) % n
	q := p.a.questions[p.qIndex]
	p.Question.SetText(q.Text)
	p.rubric = p.a.rubric(q.Rubric)
	p.clock.Reset()
	p.clock.Plan = p.rubric.Plan(p.a.Target())
	p.showInfo()
	p.Bar.SetSections(p.rubric.Sections, p.clock.Plan)
	p.showLast()
	p.refresh()
}

// showInfo is the line under the question: its rubric and the target.
func (p *Practice) showInfo() {
	p.RubricInfo.SetText(fmt.Sprintf("Graded on “%s”: %d sections · target %s (change it in Settings) · question %d of %d",
		p.rubric.Title, len(p.rubric.Sections), clock(p.clock.Total()), p.qIndex+1, len(p.a.questions)))
}

// questionsChanged follows a change of the bank (a loaded rubric's
// question joined it).
func (p *Practice) questionsChanged() {
	if p.clock.Running() {
		return
	}
	p.showQuestion(p.qIndex)
}

// ApplyTarget re-plans the sections for the target length in settings.
func (p *Practice) ApplyTarget() {
	if p.clock.Running() {
		return
	}
	p.clock.Plan = p.rubric.Plan(p.a.Target())
	p.Bar.SetPlan(p.clock.Plan)
	p.showInfo()
	p.showLast()
	p.refresh()
}

// TakesChanged redraws what depends on the stored takes.
func (p *Practice) TakesChanged() { p.showLast() }

// showLast shows the newest take of this question beside the prompt.
func (p *Practice) showLast() {
	t, ok := p.a.LastTake(p.CurrentQuestion().ID)
	if !ok {
		p.Last.SetText("No earlier take of this question has section times yet; after your first, its times show here to beat.")
		p.LastChart.SetRows(nil)
		p.LastLegend.SetItems(nil)
		return
	}
	p.Last.SetText(fmt.Sprintf("Your last take of this question (%s, %s): planned against spoken, per section",
		t.Created.Local().Format("2 Jan 15:04"), clock(t.Duration.Seconds())))
	var rows []ChartRow
	var titles []string
	for i, s := range p.rubric.Sections {
		titles = append(titles, s.Title)
		spoken := 0.0
		if i < len(t.SectionSeconds) {
			spoken = t.SectionSeconds[i]
		}
		planned := p.clock.Plan[i]
		rows = append(rows, ChartRow{Label: s.Title, Values: []float64{planned, spoken},
			Text: fmt.Sprintf("%s of %s", clock(spoken), clock(planned)), Colors: []fyne.ThemeColorName{"", sectionColor(i)}})
	}
	p.LastChart.SetRows(rows)
	p.LastLegend.SetItems(sectionLegend(titles, true))
}

// ToggleRecord starts a rehearsal, or stops the one in progress.
func (p *Practice) ToggleRecord() {
	if p.saving {
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
	runErr(p.a, Failure{}, func() error { return lib.MarkSection(id, n, at) }, nil, func(error) {})
}

func (p *Practice) start() {
	p.a.Settings.StopMicTest()
	p.ApplyTarget()
	p.take = Take{Question: p.QuestionText()}
	p.recordOff = ""
	if err := p.openRecording(); err != nil {
		p.recordOff = fmt.Sprintf("Recording is off: %v. The timer still runs for a silent rehearsal; pick a microphone in Settings to record.", err)
	}
	p.setStatus(p.recordOff)
	p.clearSaved()
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
	t, err := p.a.deps.Library.Create(p.CurrentQuestion())
	if err != nil {
		rec.Close()
		return fmt.Errorf("create take: %w", err)
	}
	live := p.startLive()
	var tap SampleTap
	if live != nil {
		tap = live
	}
	if err := rec.Start(t.AudioPath, tap); err != nil {
		rec.Close()
		if live != nil {
			live.Cancel()
		}
		// The take holds nothing yet; trash it so history stays clean.
		_ = p.a.deps.Library.Delete(t.ID)
		return err
	}
	p.rec, p.take, p.live = rec, t, live
	return nil
}

// startLive starts the speech engine that follows the take as it is
// recorded, so its draft is ready moments after Stop; nil (with the
// reason kept for the summary) when no engine can.
func (p *Practice) startLive() LiveDraft {
	p.noDraft = nil
	sp := p.a.deps.Speech
	if sp == nil {
		return nil
	}
	live, err := sp.Live(p.a.SpeechSettings())
	if err != nil {
		p.noDraft = err
		return nil
	}
	return live
}

func (p *Practice) stop() {
	now := p.a.deps.Now()
	p.clock.Stop(now)
	close(p.stopTicker)
	marks := p.clock.Marks()
	elapsed := time.Duration(p.clock.Elapsed(now) * float64(time.Second))
	take := p.take
	take.Marks, take.Duration = marks, elapsed
	rec, q, live := p.rec, p.CurrentQuestion(), p.live
	p.rec, p.live = nil, nil
	// Finalizing the WAV and writing the take sync the disk; that runs
	// off the UI thread, and Record stays off until it is done so a new
	// take cannot race the old one.
	p.saving = true
	p.Record.SetText("Saving…")
	p.Record.Disable()
	p.NextSection.Disable()
	p.Meter.Reset()
	p.refresh()
	// The take comes back even when saving failed, for the summary.
	var saved Take
	run(p.a, Failure{},
		func() (Take, error) {
			t, fail := p.saveTake(rec, q, take, elapsed, marks)
			saved = t
			if fail != nil {
				return t, fail
			}
			return t, nil
		},
		func(t Take) {
			p.finished(t)
			p.startDraft(t, live)
		},
		func(err error) {
			if live != nil {
				live.Cancel()
			}
			var f *saveFailure
			if errors.As(err, &f) {
				p.a.ShowError(f.what, f.todo, f.err)
			} else {
				p.a.ShowError("Could not save the take", "Check the data folder; the audio file is kept", err)
			}
			p.finished(saved)
		})
}

// startDraft hands a take just saved to Review, which waits for the
// draft its engine made during the take; a take too short to keep gets
// none. Without an engine the summary says why there is no draft.
func (p *Practice) startDraft(t Take, live LiveDraft) {
	switch {
	case live == nil:
		if p.noDraft != nil && t.ID != "" && t.AudioPath != "" && t.Duration >= minKeep {
			p.showDraftStatus(fmt.Sprintf("No draft transcript: %v. %s, or type the transcript in Review.", p.noDraft, speechTodo(p.noDraft)))
		}
	case t.ID == "" || t.AudioPath == "" || t.Duration < minKeep || p.a.quitting:
		live.Cancel()
	default:
		p.showDraftStatus("Drafting the transcript with " + EngineTitle(live.Engine()) + "… it appears in Review.")
		p.a.Review.FinishLive(t, live)
	}
}

// draftNote says how the draft of take id went, if it is the take the
// summary is about.
func (p *Practice) draftNote(id, text string) {
	if id != "" && id == p.saved.ID {
		p.showDraftStatus(text)
	}
}

func (p *Practice) showDraftStatus(text string) {
	p.DraftStatus.Show()
	p.DraftStatus.SetText(text)
	// A label shown again keeps the size it had hidden until its box
	// lays out anew.
	p.sideBox.Refresh()
}

// finished puts Practice back for the next take and sums up the one
// just saved.
func (p *Practice) finished(t Take) {
	p.saving = false
	p.Record.SetText("Record (R)")
	p.Record.SetIcon(theme.MediaRecordIcon())
	p.Record.Importance = widget.HighImportance
	p.Record.Enable()
	p.Record.Refresh()
	p.PrevQuestion.Enable()
	p.NextQuestion.Enable()
	p.setStatus(p.micOff)
	p.saved = t
	p.clock.Reset()
	p.Bar.SetPlan(p.clock.Plan)
	p.refresh()
	switch {
	case t.ID == "":
		p.Saved.SetText(fmt.Sprintf("That rehearsal (%s) was not saved.", clock(t.Duration.Seconds())))
	case t.Duration < minKeep:
		p.Saved.SetText(fmt.Sprintf("That take lasted %s, too short to keep: it went to the trash.", clock(t.Duration.Seconds())))
		p.RestoreSaved.Show()
		p.discardShort(t.ID)
		return
	default:
		p.Saved.SetText(p.summary(t))
		p.OpenSaved.Show()
	}
	p.a.TakesChanged()
}

// summary is the short account of a saved take.
func (p *Practice) summary(t Take) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Saved a %s take", clock(t.Duration.Seconds()))
	if t.AudioPath == "" {
		b.WriteString(" without audio (recording was off)")
	}
	b.WriteString(". ")
	secs := sectionTimes(t.Marks, t.Duration.Seconds(), len(p.rubric.Sections))
	var parts []string
	for i, s := range p.rubric.Sections {
		if i < len(secs) && secs[i] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", s.Title, clock(secs[i])))
		}
	}
	if len(t.Marks) == 0 {
		b.WriteString("No section marks: press Space as you move on, so Review can split the take.")
	} else {
		b.WriteString(strings.Join(parts, " · "))
	}
	return b.String()
}

// sectionTimes splits a take's length at its marks.
func sectionTimes(marks []float64, total float64, n int) []float64 {
	out := make([]float64, n)
	from := 0.0
	for i := 0; i < n; i++ {
		to := total
		if i < len(marks) {
			to = marks[i]
		} else if i > len(marks) {
			break
		}
		out[i] = max(to-from, 0)
		from = to
	}
	return out
}

func (p *Practice) clearSaved() {
	p.saved = Take{}
	p.Saved.SetText("")
	p.DraftStatus.SetText("")
	p.DraftStatus.Hide()
	p.OpenSaved.Hide()
	p.RestoreSaved.Hide()
}

func (p *Practice) openSaved() {
	if p.saved.ID != "" {
		p.a.OpenTakeID(p.saved.ID, true)
	}
}

// discardShort moves a take too short to keep to the trash.
func (p *Practice) discardShort(id string) {
	lib := p.a.deps.Library
	runErr(p.a, Failure{"Could not move the short take to the trash", "It stays in History; delete it there"},
		func() error { return lib.Delete(id) }, func() { p.a.TakesChanged(id) }, nil)
}

func (p *Practice) restoreSaved() {
	id, lib := p.saved.ID, p.a.deps.Library
	if id == "" || lib == nil {
		return
	}
	runErr(p.a, Failure{"Could not restore the take", "Open the trash in History and restore it there"},
		func() error { return lib.Restore(id) },
		func() {
			p.RestoreSaved.Hide()
			p.Saved.SetText(p.summary(p.saved))
			p.OpenSaved.Show()
			p.a.TakesChanged()
		}, nil)
}

// saveFailure is what went wrong while saving a take, worded for a dialog.
type saveFailure struct {
	what, todo string
	err        error
}

func (f *saveFailure) Error() string { return f.what + ": " + f.err.Error() }

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
		return take, &saveFailure{"Could not save the silent rehearsal", "Its timing is lost; check that the data folder is writable", err}
	}
	return t, nil
}

// CheckMicrophone opens the input device once, off the UI thread, so
// Practice says there is no microphone before R is pressed.
func (p *Practice) CheckMicrophone() {
	open := p.a.deps.NewRecorder
	if open == nil {
		p.setMicOff(fmt.Errorf("no audio backend"))
		return
	}
	dev := p.a.InputDevice()
	runErr(p.a, Failure{},
		func() error {
			rec, err := open(dev)
			if err != nil {
				return err
			}
			return rec.Close()
		},
		func() { p.setMicOff(nil) }, p.setMicOff)
}

func (p *Practice) setMicOff(err error) {
	p.micOff = ""
	if err != nil {
		p.micOff = fmt.Sprintf("No microphone: %v. Recording is off; the timer still runs for a silent rehearsal. Plug one in or pick one in Settings.", err)
	}
	if !p.clock.Running() {
		p.setStatus(p.micOff)
	}
}

// refresh redraws the timer, the overall time, the prompt and the level
// meter.
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
	p.Overall.SetText(overall(p.clock.Elapsed(now), p.clock.Total()))
	p.showPrompt(cur)
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

// overall is the time line beside the buttons: time left, or how far
// over the target the answer has run.
func overall(elapsed, total float64) string {
	if elapsed > total && total > 0 {
		return fmt.Sprintf("%s elapsed · +%s over", clock(elapsed), clock(elapsed-total))
	}
	return fmt.Sprintf("%s elapsed · %s left", clock(elapsed), clock(max(total-elapsed, 0)))
}

// showPrompt fills the prompt panel for the section being spoken (cur,
// -1 before the take). It runs at the UI rate while recording, so it
// redraws only when what it shows changes.
func (p *Practice) showPrompt(cur int) {
	key := fmt.Sprint(cur, p.rubric.ID, p.clock.Plan)
	if key == p.promptKey {
		return
	}
	p.promptKey = key
	secs := p.rubric.Sections
	if cur < 0 {
		p.NowTitle.SetText("What to cover, in order")
		p.Prompt.SetText("", nil)
		p.Prompt.Hide()
		p.NextHint.SetText("Press R to start; press Space as you move on to each next section.")
		p.Upcoming.Objects = nil
		for i, s := range secs {
			p.Upcoming.Add(&widget.Label{Text: fmt.Sprintf("%d. %s (%s): %s", i+1, s.Title, clock(p.clock.Plan[i]), s.Prompt), Wrapping: fyne.TextWrapWord})
		}
		p.Upcoming.Show()
		p.Upcoming.Refresh()
		return
	}
	cur = min(cur, len(secs)-1)
	s := secs[cur]
	p.Upcoming.Hide()
	p.Prompt.Show()
	p.NowTitle.SetText(fmt.Sprintf("Now: %s (%s planned)", s.Title, clock(p.clock.Plan[cur])))
	p.Prompt.SetTextSize(promptSize(p.a.win.Canvas().Size().Height))
	p.Prompt.SetText(s.Prompt, nil)
	if cur+1 < len(secs) {
		p.NextHint.SetText("Next: " + secs[cur+1].Title + " — press Space when you move on.")
	} else {
		p.NextHint.SetText("Last section — press R to stop.")
	}
}

// promptSize is how large the prompt is written for a window this tall:
// larger windows have the room, and the prompt is read from a distance
// while speaking.
func promptSize(height float32) float32 {
	return min(max(height*0.034, 22), 40)
}

func (p *Practice) showLevel(l Level, now time.Time) {
	p.Meter.SetLevel(l)
	if !l.NoInput && l.PeakDBFS > silenceFloor {
		p.silentSince = time.Time{}
		p.setStatus(p.recordOff)
		return
	}
	if p.silentSince.IsZero() {
		p.silentSince = now
	}
	if now.Sub(p.silentSince) >= silenceWarnAfter {
		p.setStatus("The microphone gives only silence: check that it is plugged in, not muted, and selected in Settings.")
	}
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	t := int(s + 0.5)
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}

// setStatus shows a warning line, or hides the line when there is none,
// so an empty line takes no room above the prompt.
func (p *Practice) setStatus(s string) {
	if s != p.Status.Text {
		p.Status.SetText(s)
	}
	if s == "" {
		p.Status.Hide()
	} else {
		p.Status.Show()
	}
}
