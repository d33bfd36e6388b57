package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// Preference keys; settings live in Fyne preferences.
const (
	PrefInputDevice  = "input_device"
	PrefOutputDevice = "output_device"
	PrefTargetS      = "target_seconds"
	// PrefEngine is the speech engine picked in Settings ("" for the
	// best available); PrefWhisperCLI and PrefWhisperModel set up
	// whisper.cpp, PrefCommand is the person's own transcriber (the key
	// the app's first transcriber field used, so a command set then
	// still works).
	PrefEngine       = "speech_engine"
	PrefWhisperCLI   = "whisper_cli"
	PrefWhisperModel = "whisper_model"
	PrefCommand      = "transcriber_command"
	// PrefUserRubric is the path of the rubric file loaded in Settings.
	PrefUserRubric = "user_rubric_path"
	// PrefWindowW and the others remember where the window was.
	PrefWindowW = "window_width"
	PrefWindowH = "window_height"
	PrefWindowX = "window_x"
	PrefWindowY = "window_y"
)

// View names, also used in the window title so a screenshot or a window
// list tells which view is showing.
const (
	ViewPractice = "Practice"
	ViewReview   = "Review"
	ViewHistory  = "History"
	ViewSettings = "Settings"
)

// minWindow is the smallest window the layout is made for.
var minWindow = fyne.NewSize(800, 600)

// App is the running desktop app: the window, its four views and what
// they share. Views reach each other only through its methods.
type App struct {
	app  fyne.App
	win  fyne.Window
	deps Deps

	rubrics   map[string]*scoring.Rubric
	questions []Question
	followups Followups
	bindings  []binding
	jobs      jobCounter
	quitting  bool
	// lastError is the last error dialog's text, for tests.
	lastError string

	Practice *Practice
	Review   *Review
	History  *History
	Settings *Settings
	Tabs     *container.AppTabs
}

// New builds the app's views into the window and wires its shortcuts.
func New(a fyne.App, w fyne.Window, deps Deps) (*App, error) {
	deps.fill()
	qs := deps.Questions
	if qs == nil {
		var err error
		if qs, err = LoadQuestions(); err != nil {
			return nil, err
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("load questions: the bank is empty")
	}
	fu, err := LoadFollowups()
	if err != nil {
		return nil, err
	}
	ap := &App{app: a, win: w, deps: deps, rubrics: map[string]*scoring.Rubric{},
		questions: append([]Question(nil), qs...), followups: fu}
	for _, q := range ap.questions {
		if _, ok := ap.rubrics[q.Rubric]; ok {
			continue
		}
		r, err := deps.LoadRubric(q.Rubric)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		ap.rubrics[q.Rubric] = r
	}
	ap.Practice = newPractice(ap)
	ap.Review = newReview(ap)
	ap.History = newHistory(ap)
	ap.Settings = newSettings(ap)
	ap.Tabs = container.NewAppTabs(
		container.NewTabItem(ViewPractice, container.NewVScroll(ap.Practice.Content)),
		container.NewTabItem(ViewReview, ap.Review.Content),
		container.NewTabItem(ViewHistory, ap.History.Content),
		container.NewTabItem(ViewSettings, container.NewVScroll(ap.Settings.Content)),
	)
	ap.Tabs.OnSelected = func(ti *container.TabItem) {
		// A widget focused in the view being left would keep the
		// keys: R would move the target slider instead of recording.
		w.Canvas().Unfocus()
		w.SetTitle("Retake — " + ti.Text)
		if ti.Text == ViewHistory {
			ap.History.Reload()
		}
	}
	// The help button sits in the empty end of the tab row, where it
	// takes no height from the views.
	help := newKeyButton(ap.typedKey, &keyButton{Button: widget.Button{Text: "Shortcuts (F1)", Icon: theme.HelpIcon(), Importance: widget.LowImportance, OnTapped: ap.ShowHelp}})
	w.SetContent(container.NewStack(ap.Tabs, container.NewBorder(container.NewHBox(layout.NewSpacer(), help), nil, nil, nil)))
	w.SetTitle("Retake — " + ViewPractice)
	ap.bindKeys()
	ap.restoreWindow()
	w.SetCloseIntercept(ap.Quit)
	ap.History.Reload()
	ap.Practice.CheckMicrophone()
	ap.Settings.LoadSavedRubric()
	return ap, nil
}

// Quit closes the app. A take being recorded is finished first, so it
// keeps its marks and length instead of waiting for crash recovery, and
// the window's size and place are remembered.
func (a *App) Quit() {
	if a.quitting {
		return
	}
	a.quitting = true
	if a.Practice.Recording() {
		a.Practice.ToggleRecord()
	}
	a.Review.cancelAll()
	a.Review.Close()
	a.Settings.StopMicTest()
	a.rememberWindow()
	// Fyne writes preferences a moment after they change, batching
	// changes that come together; closing at once would lose all but
	// the first. The window goes once they are written.
	a.deps.AfterFunc(prefsSettle, func() { a.deps.DoAsync(a.win.Close) })
}

// prefsSettle is how long Fyne takes to write preferences changed
// together (it waits 100 ms after a write before the next).
const prefsSettle = 300 * time.Millisecond

// restoreWindow gives the window the size (and, where the platform
// allows, the place) it had when the app last closed.
func (a *App) restoreWindow() {
	p := a.app.Preferences()
	wd, ht := p.Float(PrefWindowW), p.Float(PrefWindowH)
	if wd >= float64(minWindow.Width) && ht >= float64(minWindow.Height) {
		a.win.Resize(fyne.NewSize(float32(wd), float32(ht)))
	}
	if a.deps.MoveWindow != nil && p.Bool(PrefWindowX+"_set") {
		a.deps.MoveWindow(a.win, p.Int(PrefWindowX), p.Int(PrefWindowY))
	}
}

func (a *App) rememberWindow() {
	p := a.app.Preferences()
	if s := a.win.Canvas().Size(); s.Width >= minWindow.Width && s.Height >= minWindow.Height {
		p.SetFloat(PrefWindowW, float64(s.Width))
		p.SetFloat(PrefWindowH, float64(s.Height))
	}
	if a.deps.WindowPosition != nil {
		if x, y, ok := a.deps.WindowPosition(a.win); ok {
			p.SetInt(PrefWindowX, x)
			p.SetInt(PrefWindowY, y)
			p.SetBool(PrefWindowX+"_set", true)
		}
	}
}

// Show switches to the named view.
func (a *App) Show(view string) {
	for _, ti := range a.Tabs.Items {
		if ti.Text == view {
			a.Tabs.Select(ti)
		}
	}
}

// Current is the name of the view showing.
func (a *App) Current() string { return a.Tabs.Selected().Text }

// recordFromAnywhere is Ctrl+R: it brings Practice up and starts or
// stops the rehearsal.
func (a *App) recordFromAnywhere() {
	if a.Current() != ViewPractice && !a.Practice.Recording() {
		a.Show(ViewPractice)
	}
	a.Practice.ToggleRecord()
}

// OpenTake shows a take in Review, switching to it when show is set.
func (a *App) OpenTake(t Take, show bool) {
	a.Review.Open(t)
	if show {
		a.Show(ViewReview)
	}
}

// OpenTakeID loads a take by id and shows it in Review.
func (a *App) OpenTakeID(id string, show bool) {
	lib := a.deps.Library
	if lib == nil {
		return
	}
	run(a, Failure{"Could not open the take", "It may have been deleted; reload History"},
		func() (Take, error) { return lib.Get(id) },
		func(t Take) { a.OpenTake(t, show) }, nil)
}

// ReviewTakeID is the id of the take open in Review ("" for none).
func (a *App) ReviewTakeID() string { return a.Review.Take().ID }

// TakesChanged is called when a take was stored, renamed, deleted or
// restored: History lists again, and a deleted take leaves Review.
func (a *App) TakesChanged(deleted ...string) {
	for _, id := range deleted {
		if id != "" && id == a.Review.Take().ID {
			a.Review.Close()
		}
	}
	a.History.Reload()
}

// LastTake is the newest stored take of a question with section times,
// for Practice to show beside the timer.
func (a *App) LastTake(questionID string) (Take, bool) {
	if a.History == nil {
		return Take{}, false // still being built
	}
	for _, t := range a.History.All() {
		if t.QuestionID == questionID && len(t.SectionSeconds) > 0 {
			return t, true
		}
	}
	return Take{}, false
}

// Target is the target answer length from the settings.
func (a *App) Target() time.Duration {
	s := a.app.Preferences().IntWithFallback(PrefTargetS, int(scoring.DefaultTarget/time.Second))
	return scoring.ClampTarget(time.Duration(s) * time.Second)
}

// InputDevice is the capture device id from the settings ("" for the
// system default).
func (a *App) InputDevice() string { return a.app.Preferences().String(PrefInputDevice) }

// SpeechSettings are the speech engine choices from the settings.
func (a *App) SpeechSettings() SpeechSettings {
	p := a.app.Preferences()
	return SpeechSettings{Engine: p.String(PrefEngine), WhisperCLI: strings.TrimSpace(p.String(PrefWhisperCLI)),
		WhisperModel: strings.TrimSpace(p.String(PrefWhisperModel)), Command: strings.TrimSpace(p.String(PrefCommand))}
}

// OutputDevice is the playback device id from the settings.
func (a *App) OutputDevice() string { return a.app.Preferences().String(PrefOutputDevice) }

// ShowError shows a dialog that says what happened, why, and what to do.
func (a *App) ShowError(what, todo string, err error) {
	msg := fmt.Sprintf("%s: %v.", what, err)
	if todo != "" {
		msg += "\n\n" + todo + "."
	}
	a.lastError = msg
	dialog.ShowError(fmt.Errorf("%s", msg), a.win)
}

// analyze scores a transcript with a rubric. It is the one call into the
// analyzer: a shipped rubric goes through Deps.Analyze by id, a person's
// own file is passed whole.
func (a *App) analyze(in scoring.Input, r *scoring.Rubric) scoring.Report {
	in.Rubric = r.ID
	if shipped, err := a.deps.LoadRubric(r.ID); err != nil || shipped != r {
		return scoring.AnalyzeWith(r, in)
	}
	return a.deps.Analyze(in)
}
