package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"retake/assets"
	"retake/audio"
	"retake/scoring"
	"retake/take"
	"retake/ui"
)

// runGUI opens the desktop app. The take library honours RETAKE_DATA_DIR
// and the audio package RETAKE_AUDIO_BACKEND, as the commands do.
func runGUI() int {
	a := app.NewWithID("app.retake.Retake")
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.Icon()))
	w := a.NewWindow("Retake")
	// The first run's size; later runs open as the last one closed.
	w.Resize(fyne.NewSize(1100, 760))

	deps := ui.Deps{
		NewRecorder:    newGUIRecorder,
		OpenPlayer:     openGUIPlayer,
		Peaks:          guiPeaks,
		Devices:        guiDevices,
		WindowPosition: windowPosition,
		MoveWindow:     moveWindow,
		Speech:         guiSpeech{},
	}
	lib, libErr := take.Open(take.Options{Audio: takeAudioHooks()})
	if libErr == nil {
		deps.Library = guiLibrary{lib}
		defer lib.Close()
	}
	if _, err := ui.New(a, w, deps); err != nil {
		fmt.Fprintln(os.Stderr, "retake:", err)
		return 1
	}
	if title, msg := libraryNotice(lib, libErr); msg != "" {
		if libErr != nil {
			dialog.ShowError(errors.New(msg), w)
		} else {
			dialog.ShowInformation(title, msg, w)
		}
	}
	w.ShowAndRun()
	return 0
}

// libraryNotice is what the app tells the person about the take library
// when it opens: that it could not open, that it is read-only and why,
// or that takes a crash interrupted still need recovery (and what to
// do). Each reason is said once; msg is empty when all is well.
func libraryNotice(lib *take.Library, openErr error) (title, msg string) {
	if openErr != nil {
		return "Takes will not be saved", fmt.Sprintf("Could not open the take library: %v.\n\nTakes will not be saved; check that the data folder (%s) is writable and restart Retake.", openErr, take.EnvDataDir)
	}
	if lib.ReadOnly() {
		why := lib.ReadOnlyReason()
		if lib.OtherWriter() {
			why = "Another copy of Retake is using the take library"
		} else {
			why = "The take library is read-only: " + why
		}
		return "Takes are read-only", why + ".\nThis copy shows your takes but cannot record or edit them; close the other copy, and recording works again here."
	}
	pending := lib.NeedsRecovery()
	if len(pending) == 0 {
		return "", ""
	}
	var b strings.Builder
	if len(pending) == 1 {
		b.WriteString("A take that was being recorded when Retake stopped could not be recovered yet:\n")
	} else {
		fmt.Fprintf(&b, "%d takes that were being recorded when Retake stopped could not be recovered yet:\n", len(pending))
	}
	for _, s := range pending {
		fmt.Fprintf(&b, "\n• %s: %s\n", s.ID, s.Reason)
	}
	b.WriteString("\nYour other takes are shown as usual, and these can still be played and exported.")
	return "Takes need recovery", b.String()
}

// guiRecorder adapts the audio recorder to the view's interface.
type guiRecorder struct{ r *audio.Recorder }

func newGUIRecorder(device string) (ui.Recorder, error) {
	r, err := audio.NewRecorder(audio.RecorderOptions{Device: device})
	if err != nil {
		return nil, err
	}
	return guiRecorder{r}, nil
}

// Start records into path; a tap (a live draft) gets the samples as
// they reach the file.
func (g guiRecorder) Start(path string, tap ui.SampleTap) error {
	if tap == nil {
		return g.r.Start(path)
	}
	return g.r.StartTapped(path, tap)
}

func (g guiRecorder) Close() error      { return g.r.Close() }
func (g guiRecorder) Err() <-chan error { return g.r.Err() }

func (g guiRecorder) Stop() (time.Duration, error) {
	info, err := g.r.Stop()
	return info.Duration, err
}

func (g guiRecorder) Level() ui.Level {
	l := g.r.Level()
	return ui.Level{PeakDBFS: l.PeakDBFS, RMSDBFS: l.RMSDBFS, Clipping: l.Clipping, NoInput: l.NoInput}
}

func openGUIPlayer(path, device string) (ui.Player, error) {
	p, err := audio.OpenPlayer(path, device)
	if err != nil {
		return nil, err
	}
	return p, nil
}

func guiPeaks(path string, buckets int) ([]ui.Peak, error) {
	ps, err := audio.Peaks(path, buckets)
	if err != nil {
		return nil, err
	}
	out := make([]ui.Peak, len(ps))
	for i, p := range ps {
		out[i] = ui.Peak{Min: p.Min, Max: p.Max}
	}
	return out, nil
}

// guiDevices lists devices by name: the audio package selects devices
// by name, so the settings store names.
func guiDevices() ([]ui.Device, []ui.Device, error) {
	conv := func(ds []audio.Device) []ui.Device {
		out := make([]ui.Device, len(ds))
		for i, d := range ds {
			out[i] = ui.Device{ID: d.Name, Name: d.Name, IsDefault: d.IsDefault}
		}
		return out
	}
	in, err := audio.CaptureDevices()
	if err != nil {
		return nil, nil, err
	}
	out, err := audio.PlaybackDevices()
	if err != nil {
		return nil, nil, err
	}
	return conv(in), conv(out), nil
}

// guiLibrary adapts the take library to the views' interface.
type guiLibrary struct{ l *take.Library }

func uiTake(t *take.Take) ui.Take {
	out := ui.Take{
		ID: t.ID, Created: t.Created, Question: t.Question.Text, Story: t.Story,
		Duration: time.Duration(t.DurationS * float64(time.Second)), Marks: t.Marks,
		Transcript: t.Transcript, Report: t.Report, Score: -1,
		QuestionID: t.Question.ID, Rubric: t.Question.Rubric,
		Recovered: t.Status == take.Recovered, Note: t.Note,
	}
	if out.Question == "" {
		out.Question = t.Question.ID
	}
	if t.Audio != "" {
		// A take being recorded gets its path to record into; a finished
		// silent rehearsal has no audio file, and the view then shows no
		// waveform rather than an error.
		if _, err := os.Stat(t.AudioPath()); err == nil || t.Status == take.Recording {
			out.AudioPath = t.AudioPath()
		}
	}
	if t.TranscriptSource.Kind == take.SourceKindFile {
		out.TranscriptName = t.TranscriptSource.Name
	}
	src := t.TranscriptSource
	out.Source = scoring.Source{Kind: src.Kind, Name: src.Name, Corrected: src.Corrected}
	out.Pauses = t.Pauses
	out.Words = slices.Clone(t.Words)
	if t.Report != nil {
		out.Score = t.Report.Score
		if d := t.Report.Delivery; d != nil {
			out.WPM = d.WPM
		}
		for _, s := range t.Report.Sections {
			out.SectionSeconds = append(out.SectionSeconds, s.Seconds)
		}
	}
	return out
}

func (g guiLibrary) List() ([]ui.Take, error) {
	sums, err := g.l.List()
	if err != nil {
		return nil, err
	}
	return uiSummaries(sums), nil
}

// Trash lists the trashed takes as List lists the others.
func (g guiLibrary) Trash() ([]ui.Take, error) {
	sums, err := g.l.Trash()
	if err != nil {
		return nil, err
	}
	return uiSummaries(sums), nil
}

func (g guiLibrary) Restore(id string) error { return g.l.Restore(id) }
func (g guiLibrary) EmptyTrash() error       { return g.l.EmptyTrash() }

// uiSummaries turns listing rows into the views' takes. The rubric is
// left to the view, which knows it from the question id.
func uiSummaries(sums []take.Summary) []ui.Take {
	out := make([]ui.Take, 0, len(sums))
	for _, s := range sums {
		t := ui.Take{ID: s.ID, Created: s.Created, Question: s.QuestionText, Story: s.Story, QuestionID: s.Question,
			Duration: time.Duration(s.DurationS * float64(time.Second)), Score: -1, SectionSeconds: s.SectionSeconds,
			Recovered: s.Status == take.Recovered, Note: s.Reason, WPM: s.WPM}
		if t.Question == "" {
			t.Question = s.Question
		}
		switch s.Status {
		case take.Damaged, take.NeedsRecovery:
			t.Question = string(s.Status) + ": " + s.Reason
		}
		if s.Score != nil {
			t.Score = *s.Score
		}
		out = append(out, t)
	}
	return out
}

func (g guiLibrary) Get(id string) (ui.Take, error) {
	t, err := g.l.Get(id)
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

func takeQuestion(q ui.Question) take.Question {
	return take.Question{ID: q.ID, Text: q.Text, Rubric: q.Rubric}
}

func (g guiLibrary) Create(q ui.Question) (ui.Take, error) {
	t, err := g.l.Create(takeQuestion(q), "")
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

func (g guiLibrary) Finish(id string, d time.Duration, marks []float64) (ui.Take, error) {
	t, err := g.l.Finish(id, d.Seconds(), marks)
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

// SetTranscript stores the text with the report the view has just made
// for it; the library keeps that report (and its target length) when the
// same analyzer made it, so the text is not analyzed twice.
func (g guiLibrary) SetTranscript(id, name, text string, rep scoring.Report) (ui.Take, error) {
	source := take.SourceTyped
	if name != "" {
		source = take.FileSource(name)
	}
	t, err := g.l.SetAnalyzedTranscript(id, text, source, rep)
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

// SetDraft stores an engine's draft with its timed words and the
// report the view made for it.
func (g guiLibrary) SetDraft(id string, d ui.Draft, rep scoring.Report) (ui.Take, error) {
	t, err := g.l.SetDraft(id, d.Text, takeWords(d.Words), d.Engine, &rep)
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

func (g guiLibrary) SetStory(id, story string) (ui.Take, error) {
	t, err := g.l.SetStory(id, story)
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}

// MarkSection journals a section mark as it is pressed, so a crash
// keeps it.
func (g guiLibrary) MarkSection(id string, n int, at time.Duration) error {
	return g.l.MarkSection(id, n, at.Seconds())
}

func (g guiLibrary) Delete(id string) error       { return g.l.Delete(id) }
func (g guiLibrary) Export(id, dest string) error { return g.l.Export(id, dest) }

func (g guiLibrary) ImportAudio(path string, q ui.Question) (ui.Take, error) {
	t, err := g.l.ImportAudio(path, takeQuestion(q), "")
	if err != nil {
		return ui.Take{}, err
	}
	return uiTake(t), nil
}
