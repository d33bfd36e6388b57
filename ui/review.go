package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
	"retake/scoring/transcript"
	"retake/speech/words"
)

// analysisDelay is how long typing must pause before the analysis
// reruns: long enough not to score every keystroke.
const analysisDelay = 400 * time.Millisecond

// waveBuckets is the waveform's resolution, about one bucket per pixel
// of a wide window.
const waveBuckets = 800

// Review shows one take. It is made of three parts that each own one
// job: Player (waveform and playback), Editor (the transcript, with the
// flags' words marked in it) and Card (the rubric card); Review opens
// takes, runs the analysis and connects the parts.
type Review struct {
	a *App

	Info *widget.Label
	// Discard moves the open take to the trash; RestoreDiscarded
	// brings it back.
	Discard          *keyButton
	RestoreDiscarded *keyButton
	Player           *Playback
	Editor           *TranscriptEditor
	Import           *keyButton
	Transcribe       *keyButton
	Cancel           *keyButton
	// Progress and Activity show long work: a speech engine, the
	// waveform and the analysis; Percent how much of the audio an
	// engine has worked through, when it says.
	Progress *widget.ProgressBarInfinite
	Percent  *widget.ProgressBar
	Activity *widget.Label
	Card     *Card
	Content  fyne.CanvasObject

	cardScroll *container.Scroll

	take   Take
	rubric *scoring.Rubric
	// srcName is the file the transcript came from; engine the speech
	// engine whose draft it is, corrected whether the person has edited
	// the draft since, and words the engine's timed words.
	srcName   string
	engine    string
	corrected bool
	words     []words.Word
	parsed    transcript.Transcript
	report    *scoring.Report
	discarded string
	// spans place the shown text in time (a draft's words, a timed
	// file's cues); spoken is the one under the playhead, -1 for none.
	spans  []timedSpan
	spoken int

	gen       atomic.Int64
	stopTimer func() bool
	storeMu   sync.Mutex
	// jobs are the speech engines at work, by take id.
	jobs map[string]*transcription
}

func newReview(a *App) *Review {
	r := &Review{a: a, jobs: map[string]*transcription{}, spoken: -1}
	r.Info = &widget.Label{Wrapping: fyne.TextWrapWord}
	r.Discard = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Discard take", Icon: theme.DeleteIcon(), OnTapped: r.DiscardTake}})
	r.RestoreDiscarded = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Restore it", Icon: theme.ContentUndoIcon(), OnTapped: r.restoreDiscarded}})
	r.RestoreDiscarded.Hide()
	r.Player = newPlayback(a)
	r.Editor = newTranscriptEditor(a)
	r.Editor.OnChanged = func() {
		if r.engine != "" {
			r.corrected = true
		}
		r.scheduleAnalysis(analysisDelay)
	}
	r.Editor.OnPick = r.pick
	r.Editor.OnHover = r.hover
	r.Import = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Import…", Icon: theme.FolderOpenIcon(), OnTapped: r.chooseTranscript}})
	r.Transcribe = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Transcribe (T)", Icon: theme.MediaRecordIcon(), OnTapped: r.TranscribeTake}})
	r.Cancel = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: r.CancelWork}})
	r.Cancel.Hide()
	r.Progress = widget.NewProgressBarInfinite()
	r.Progress.Stop()
	r.Progress.Hide()
	r.Percent = &widget.ProgressBar{Max: 1}
	r.Percent.TextFormatter = func() string { return fmt.Sprintf("%.0f%% of the audio", 100*r.Percent.Value) }
	r.Percent.Hide()
	r.Activity = &widget.Label{Wrapping: fyne.TextWrapWord}
	r.Card = newCard(a.followups, a.typedKey)
	r.Card.OnFlagSelected = r.selectFlag
	r.Card.OnSeek = r.Player.SeekTo
	r.Card.OnSection = r.showSection
	r.Card.OnReplay = r.Player.ReplaySection
	r.Player.OnPosition = r.followPlayhead
	tools := NewFlow(r.Editor.EditButton, r.Import, r.Transcribe, r.Cancel)
	left := container.NewBorder(container.NewVBox(tools, r.Progress, r.Percent, r.Activity), nil, nil, nil, r.Editor.Content)
	r.cardScroll = container.NewVScroll(r.Card.Content)
	split := container.NewHSplit(left, r.cardScroll)
	split.Offset = 0.5
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(r.RestoreDiscarded, r.Discard), r.Info), r.Player.Content)
	r.Content = container.NewBorder(top, nil, nil, nil, split)
	r.Close()
	return r
}

// Open shows a take: its stored transcript and report, and its waveform
// computed in the background. The card and transcript start at the top.
func (r *Review) Open(t Take) {
	r.invalidate()
	r.take = t
	r.rubric = r.a.rubricOf(t)
	r.srcName, r.engine, r.corrected, r.words = t.TranscriptName, "", false, nil
	if t.Source.Kind == sourceEngine {
		r.engine, r.corrected, r.words = t.Source.Name, t.Source.Corrected, t.Words
	}
	r.spans, r.spoken = nil, -1
	r.report = t.Report
	r.discarded = ""
	r.RestoreDiscarded.Hide()
	r.Info.SetText(takeInfo(t))
	r.Editor.Load(t.TranscriptName, t.Transcript)
	r.Editor.ShowDraft(draftLook{engine: r.engine, corrected: r.corrected})
	r.Player.Load(t, r.rubric, t.Report, r.a.Target())
	r.stopActivity()
	switch {
	case t.Report != nil:
		r.parsed = r.parse(t.TranscriptName, t.Transcript)
		r.showReport(*t.Report)
	case strings.TrimSpace(t.Transcript) != "":
		r.parsed = transcript.Transcript{}
		r.Card.Clear()
		r.scheduleAnalysis(0)
	default:
		r.parsed = transcript.Transcript{}
		r.Card.Clear()
	}
	if t.ID != "" {
		r.Discard.Enable()
	} else {
		r.Discard.Disable()
	}
	r.Transcribe.Enable()
	r.Import.Enable()
	r.showJob()
	r.cardScroll.ScrollToTop()
	if t.AudioPath != "" && r.a.deps.Peaks != nil {
		r.loadWaveform(t)
	}
}

// takeInfo is the line above the waveform.
func takeInfo(t Take) string {
	story := t.Story
	if story == "" {
		story = "no story name"
	}
	when := "silent rehearsal, not saved"
	if t.ID != "" {
		when = t.Created.Local().Format("2 Jan 2006 15:04")
		if t.AudioPath == "" {
			when += " · no audio"
		}
	}
	s := fmt.Sprintf("%s\n%s · %s · %s", t.Question, when, clock(t.Duration.Seconds()), story)
	if t.Recovered {
		s += "\nRecovered after the app stopped mid-take"
		if t.Note != "" {
			s += ": " + t.Note
		}
	}
	return s
}

// Close shows no take: after a delete, or before any take is open. An
// engine drafting the take shown is stopped.
func (r *Review) Close() {
	r.invalidate()
	r.CancelWork()
	r.take = Take{}
	r.rubric = r.a.rubric("")
	r.report, r.parsed = nil, transcript.Transcript{}
	r.srcName, r.engine, r.corrected, r.words = "", "", false, nil
	r.spans, r.spoken = nil, -1
	r.Info.SetText("No take open: record one in Practice or open one from History.")
	r.Player.Clear()
	r.Editor.Clear()
	r.Card.Clear()
	r.stopActivity()
	r.Discard.Disable()
	r.Transcribe.Disable()
	r.Import.Disable()
}

// invalidate makes analyses already under way report to nobody.
func (r *Review) invalidate() {
	r.gen.Add(1)
	if r.stopTimer != nil {
		r.stopTimer()
		r.stopTimer = nil
	}
}

// Take is the take open, empty when none.
func (r *Review) Take() Take { return r.take }

// TogglePlay plays or pauses the open take.
func (r *Review) TogglePlay() { r.Player.TogglePlay() }

func (r *Review) loadWaveform(t Take) {
	r.startActivity("Drawing the waveform…")
	peaks := r.a.deps.Peaks
	run(r.a, Failure{},
		func() ([]Peak, error) { return peaks(t.AudioPath, waveBuckets) },
		func(p []Peak) {
			if r.take.ID == t.ID {
				r.stopActivity()
				r.Player.SetPeaks(p)
			}
		},
		func(err error) {
			if r.take.ID == t.ID {
				r.stopActivity()
				r.note("No waveform: " + err.Error())
			}
		})
}

func (r *Review) startActivity(msg string) {
	r.Activity.SetText(msg)
	r.Activity.Show()
	r.Progress.Show()
	r.Progress.Start()
}

// stopActivity hides the progress; an empty line would only take room.
// An engine still drafting the open take keeps its own.
func (r *Review) stopActivity() {
	r.Progress.Stop()
	r.Progress.Hide()
	r.Activity.SetText("")
	r.Activity.Hide()
	r.showJob()
}

// note says something in the activity line without a progress bar.
func (r *Review) note(msg string) {
	r.Activity.SetText(msg)
	r.Activity.Show()
}

func (r *Review) parse(name, text string) transcript.Transcript {
	if name == "" {
		name = "typed.txt"
	}
	tr, err := r.a.deps.Parse(name, []byte(text))
	if err != nil {
		// Typed text always parses as plain text; keep it even if the
		// named format no longer fits after editing.
		tr = transcript.Transcript{Text: text, Format: transcript.Text}
	}
	return tr
}

// source says where the transcript came from, for the report.
func (r *Review) source() scoring.Source {
	switch {
	case r.engine != "":
		return scoring.Source{Kind: sourceEngine, Name: r.engine, Corrected: r.corrected}
	case r.srcName != "":
		return scoring.Source{Kind: sourceFile, Name: r.srcName}
	}
	return scoring.Source{Kind: sourceTyped}
}

// scheduleAnalysis reruns the analysis once the text has stopped
// changing for delay (at once for 0), off the UI thread.
func (r *Review) scheduleAnalysis(delay time.Duration) {
	r.invalidate()
	gen := r.gen.Load()
	text, name, take, rub, target, src, heard := r.Editor.Text(), r.srcName, r.take, r.rubric, r.a.Target(), r.source(), r.words
	start := func() { r.analyze(gen, text, name, take, rub, target, src, heard) }
	if delay <= 0 {
		start()
		return
	}
	r.stopTimer = r.a.deps.AfterFunc(delay, func() { r.a.deps.DoAsync(start) })
}

// analysis is what a background analysis brings back.
type analysis struct {
	parsed   transcript.Transcript
	report   scoring.Report
	saved    Take
	storeErr error
}

func (r *Review) analyze(gen int64, text, name string, take Take, rub *scoring.Rubric, target time.Duration, src scoring.Source, heard []words.Word) {
	if gen != r.gen.Load() {
		return
	}
	r.startActivity("Analysing…")
	run(r.a, Failure{},
		func() (analysis, error) {
			tr := r.parse(name, text)
			res := analysis{parsed: tr, report: r.a.analyze(analysisInput(tr, take, heard, src, target), rub)}
			res.saved, res.storeErr = r.store(gen, take, name, text, res.report)
			return res, nil
		},
		func(res analysis) {
			if gen != r.gen.Load() {
				return
			}
			r.stopActivity()
			if res.storeErr != nil {
				r.a.ShowError("Could not save the transcript", "Your text is still in the box; check the data folder and edit once more to retry", res.storeErr)
			} else if res.saved.ID != "" && res.saved.ID == r.take.ID {
				r.take = res.saved
				if res.saved.Source.Kind == sourceEngine {
					r.corrected = res.saved.Source.Corrected
				}
				r.a.History.Reload()
			}
			r.parsed = res.parsed
			r.showReport(res.report)
		},
		func(err error) {
			if gen != r.gen.Load() {
				return
			}
			r.stopActivity()
			r.a.ShowError("The analysis failed", "Your transcript is kept; please report this with the transcript attached", err)
		})
}

// store saves the transcript and report unless a newer edit superseded
// them; the lock keeps an older save from landing after a newer one.
func (r *Review) store(gen int64, t Take, name, text string, rep scoring.Report) (Take, error) {
	if t.ID == "" || r.a.deps.Library == nil {
		return Take{}, nil
	}
	r.storeMu.Lock()
	defer r.storeMu.Unlock()
	if gen != r.gen.Load() {
		return Take{}, nil
	}
	return r.a.deps.Library.SetTranscript(t.ID, name, text, rep)
}

// showReport puts a report on the card and its flags' words in the
// transcript.
func (r *Review) showReport(rep scoring.Report) {
	r.report = &rep
	r.Card.Show(rep)
	var marks []TextMark
	for _, f := range r.Card.Shown() {
		for _, s := range f.Spans {
			marks = append(marks, TextMark{Start: s.Start, End: s.End, Kind: severityMark(f.Severity)})
		}
	}
	r.Editor.Show(r.parsed.Text, marks)
	r.Editor.Hint.SetText(defaultHint(len(rep.Flags)))
	r.Player.SetReport(r.take, r.rubric, r.report, r.a.Target())
	r.showTimes()
}

// showTimes places the shown text in time, marks the draft's doubted
// words and puts the highlight on the word at the playhead.
func (r *Review) showTimes() {
	r.spans = timedSpans(r.parsed, r.words, r.engine != "")
	var unsure []TextMark
	for _, s := range r.spans {
		if s.Unsure {
			unsure = append(unsure, TextMark{Start: s.From, End: s.To})
		}
	}
	r.Editor.View.SetUnsure(unsure)
	r.Editor.ShowDraft(draftLook{engine: r.engine, corrected: r.corrected, unsure: len(unsure), timed: len(r.spans) > 0})
	r.spoken = -1
	r.followPlayhead(r.Player.Waveform.Playhead())
}

// followPlayhead moves the transcript's highlight to the word being
// said at t, keeping it in sight. Between words it stays on the last
// one said, and goes off in a long silence.
func (r *Review) followPlayhead(t time.Duration) {
	i := spanAt(r.spans, t)
	if i >= 0 && t.Seconds() > r.spans[i].End+spokenLinger {
		i = -1
	}
	if i == r.spoken {
		return
	}
	r.spoken = i
	if i < 0 {
		r.Editor.View.SetSpoken(-1, -1)
		return
	}
	r.Editor.View.SetSpoken(r.spans[i].From, r.spans[i].To)
	if !r.Editor.Editing() {
		r.Editor.View.ScrollTo(r.spans[i].From)
	}
}

// spokenLinger is how long after a word ends its highlight stays: a
// breath between words, not a pause.
const spokenLinger = 0.5

// Spans are the shown text's stretches with the times they were said.
func (r *Review) Spans() []timedSpan { return r.spans }

func defaultHint(flags int) string {
	if flags == 0 {
		return "Double-click or press E to edit the transcript."
	}
	return "Marked: red major · amber minor · blue info (thicker underline is worse). Point at a word to name its flag, tap to select it; E edits."
}

func severityMark(s scoring.Severity) MarkKind {
	switch s {
	case scoring.Major:
		return MarkMajor
	case scoring.Minor:
		return MarkMinor
	}
	return MarkInfo
}

// flagsAt are the card's indexes of the flags whose words hold offset,
// worst first (the card's order).
func (r *Review) flagsAt(offset int) []int {
	var out []int
	for i, f := range r.Card.Shown() {
		for _, s := range f.Spans {
			if offset >= s.Start && offset < s.End {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// pick selects the flag whose words were tapped and, when the words
// carry times, moves playback to the word tapped.
func (r *Review) pick(offset int) {
	if fl := r.flagsAt(offset); len(fl) > 0 {
		r.Card.Select(fl[0])
	}
	if i := spanOf(r.spans, offset); i >= 0 {
		r.Player.SeekTo(secs(r.spans[i].Start))
	}
}

// hover names the flags of the words under the pointer.
func (r *Review) hover(offset int) {
	fl := r.flagsAt(offset)
	if len(fl) == 0 {
		if r.report != nil {
			r.Editor.Hint.SetText(r.selectedHint())
		}
		return
	}
	r.Editor.Hint.SetText(flagNames(r.Card.Shown(), fl) + " — tap to select")
}

func (r *Review) selectedHint() string {
	if i := r.Card.Selected(); i >= 0 {
		return "Selected: " + flagNames(r.Card.Shown(), []int{i})
	}
	return defaultHint(len(r.report.Flags))
}

func flagNames(flags []scoring.Flag, idx []int) string {
	var parts []string
	for _, i := range idx {
		parts = append(parts, fmt.Sprintf("%s · %s (%s)", flags[i].Severity, flags[i].Message, flags[i].ID))
	}
	return strings.Join(parts, "; ")
}

// selectFlag selects a flag's words in the transcript, scrolled into
// view, and, when the transcript has times, moves playback to them.
func (r *Review) selectFlag(f scoring.Flag) {
	if len(f.Spans) > 0 {
		r.Editor.Select(f.Spans[0].Start, f.Spans[0].End)
	}
	r.Editor.Hint.SetText(r.selectedHint())
	for _, s := range f.Spans {
		if s.T >= 0 {
			r.Player.SeekTo(secs(s.T))
			break
		}
	}
}

// showSection jumps playback to a section and brings the first piece of
// the text it is told in into the transcript's view.
func (r *Review) showSection(i int) {
	r.Player.JumpToSection(i)
	if rep := r.report; rep != nil && i < len(rep.Sections) && len(rep.Sections[i].Spans) > 0 {
		r.Editor.View.ScrollTo(rep.Sections[i].Spans[0].Start)
	}
}

// Report is the report on show, nil before any analysis.
func (r *Review) Report() *scoring.Report { return r.report }

// DiscardTake moves the open take to the trash, with a way back.
func (r *Review) DiscardTake() {
	id, lib := r.take.ID, r.a.deps.Library
	if id == "" || lib == nil {
		return
	}
	runErr(r.a, Failure{"Could not discard the take", "Check the data folder is writable"},
		func() error { return lib.Delete(id) },
		func() {
			r.a.TakesChanged(id)
			r.discarded = id
			r.Info.SetText("The take went to the trash. Restore it here, or from the trash in History.")
			r.RestoreDiscarded.Show()
		}, nil)
}

func (r *Review) restoreDiscarded() {
	id, lib := r.discarded, r.a.deps.Library
	if id == "" || lib == nil {
		return
	}
	runErr(r.a, Failure{"Could not restore the take", "Open the trash in History and restore it there"},
		func() error { return lib.Restore(id) },
		func() {
			r.a.TakesChanged()
			r.a.OpenTakeID(id, false)
		}, nil)
}

func (r *Review) chooseTranscript() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			r.a.ShowError("Could not open the file", "Pick another file", err)
			return
		}
		if rc == nil {
			return
		}
		name := rc.URI().Name()
		r.startActivity("Reading " + name + "…")
		run(r.a, Failure{"Could not read " + name, "Pick a transcript under 10 MB"},
			func() ([]byte, error) {
				defer rc.Close()
				data, err := io.ReadAll(io.LimitReader(rc, transcript.MaxBytes+1))
				if err == nil && len(data) > transcript.MaxBytes {
					err = fmt.Errorf("the file is larger than %d MB", transcript.MaxBytes>>20)
				}
				return data, err
			},
			func(data []byte) { r.stopActivity(); r.ImportTranscript(name, data) },
			func(err error) {
				r.stopActivity()
				r.a.ShowError("Could not read "+name, "Pick a transcript under 10 MB", err)
			})
	}, r.a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".md", ".srt", ".vtt"}))
	d.Show()
}

// ImportTranscript replaces the transcript with a file's contents and
// reruns the analysis. Files that do not parse are refused with a dialog
// and the current transcript is kept.
func (r *Review) ImportTranscript(name string, data []byte) {
	if r.Transcribing() {
		return // the draft on its way would replace it
	}
	if _, err := r.a.deps.Parse(name, data); err != nil {
		r.a.ShowError("Could not import "+filepath.Base(name), "Import a UTF-8 .txt, .md, .srt or .vtt file", err)
		return
	}
	r.srcName, r.engine, r.corrected, r.words = filepath.Base(name), "", false, nil
	r.Editor.Replace(name, string(data))
	if r.Editor.Editing() && strings.TrimSpace(string(data)) != "" {
		r.Editor.Done()
	}
	r.scheduleAnalysis(0)
}
