package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// Preference keys; settings live in Fyne preferences.
const (
	PrefInputDevice  = "input_device"
	PrefOutputDevice = "output_device"
	PrefTargetS      = "target_seconds"
	PrefTranscriber  = "transcriber_command"
)

// View names, also used in the window title so a screenshot or a window
// list tells which view is showing.
const (
	ViewPractice = "Practice"
	ViewReview   = "Review"
	ViewHistory  = "History"
	ViewSettings = "Settings"
)

// App is the running desktop app: the window, its four views and what
// they share.
type App struct {
	app  fyne.App
	win  fyne.Window
	deps Deps

	rubric    *scoring.Rubric
	questions []Question
	followups Followups

	Practice *Practice
	Review   *Review
	History  *History
	Settings *Settings
	Tabs     *container.AppTabs
}

// New builds the app's views into the window and wires its shortcuts.
func New(a fyne.App, w fyne.Window, deps Deps) (*App, error) {
	deps.fill()
	r, err := scoring.LoadRubric("mistake")
	if err != nil {
		return nil, err
	}
	qs, err := LoadQuestions()
	if err != nil {
		return nil, err
	}
	fu, err := LoadFollowups()
	if err != nil {
		return nil, err
	}
	ap := &App{app: a, win: w, deps: deps, rubric: r, questions: qs, followups: fu}
	ap.Practice = newPractice(ap)
	ap.Review = newReview(ap)
	ap.History = newHistory(ap)
	ap.Settings = newSettings(ap)
	ap.Practice.OnFinished = func(t Take) {
		ap.Review.Open(t)
		ap.Show(ViewReview)
		ap.History.Reload()
	}
	ap.Tabs = container.NewAppTabs(
		container.NewTabItem(ViewPractice, container.NewVScroll(ap.Practice.Content)),
		container.NewTabItem(ViewReview, ap.Review.Content),
		container.NewTabItem(ViewHistory, ap.History.Content),
		container.NewTabItem(ViewSettings, container.NewVScroll(ap.Settings.Content)),
	)
	ap.Tabs.OnSelected = func(ti *container.TabItem) {
		w.SetTitle("Retake — " + ti.Text)
		if ti.Text == ViewHistory {
			ap.History.Reload()
		}
	}
	help := &widget.Button{Text: "Shortcuts (F1)", Importance: widget.LowImportance, OnTapped: ap.ShowHelp}
	w.SetContent(container.NewBorder(nil, container.NewHBox(help), nil, nil, ap.Tabs))
	w.SetTitle("Retake — " + ViewPractice)
	ap.bindKeys()
	// Closing mid-take finishes it first, so the take keeps its marks
	// and length instead of waiting for crash recovery.
	w.SetCloseIntercept(func() {
		if ap.Practice.clock.Running() {
			ap.Practice.ToggleRecord()
		}
		ap.Review.closePlayer()
		w.Close()
	})
	ap.History.Reload()
	return ap, nil
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

// Target is the target answer length from the settings.
func (a *App) Target() time.Duration {
	s := a.app.Preferences().IntWithFallback(PrefTargetS, int(scoring.DefaultTarget/time.Second))
	return scoring.ClampTarget(time.Duration(s) * time.Second)
}

// InputDevice is the capture device id from the settings ("" for the
// system default).
func (a *App) InputDevice() string { return a.app.Preferences().String(PrefInputDevice) }

// OutputDevice is the playback device id from the settings.
func (a *App) OutputDevice() string { return a.app.Preferences().String(PrefOutputDevice) }

// ShowError shows a dialog that says what happened, why, and what to do.
func (a *App) ShowError(what, todo string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %v.\n\n%s.", what, err, todo), a.win)
}

// shortcuts is the list the help dialog shows.
var shortcuts = [][2]string{
	{"R", "Record / stop (Practice)"},
	{"Space or N", "Next section while recording (Practice)"},
	{"P", "Play / pause (Review; Space there too)"},
	{"Ctrl+1 … Ctrl+4", "Practice, Review, History, Settings"},
	{"F1", "This list"},
}

// ShowHelp lists the keyboard shortcuts.
func (a *App) ShowHelp() {
	f := widget.NewForm()
	for _, s := range shortcuts {
		f.Append(s[0], widget.NewLabel(s[1]))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", f, a.win)
}

// bindKeys wires the single-key shortcuts, which only fire when no text
// field has focus, and Ctrl+digit view switches, which always do.
func (a *App) bindKeys() {
	c := a.win.Canvas()
	c.SetOnTypedKey(a.typedKey)
	for i, v := range []string{ViewPractice, ViewReview, ViewHistory, ViewSettings} {
		view := v
		key := fyne.KeyName(fmt.Sprint(i + 1))
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { a.Show(view) })
	}
}

func (a *App) typedKey(e *fyne.KeyEvent) {
	view := a.Current()
	switch e.Name {
	case fyne.KeyF1:
		a.ShowHelp()
	case fyne.KeyR:
		if view == ViewPractice {
			a.Practice.ToggleRecord()
		}
	case fyne.KeyN:
		if view == ViewPractice {
			a.Practice.Next()
		}
	case fyne.KeySpace:
		switch view {
		case ViewPractice:
			a.Practice.Next()
		case ViewReview:
			a.Review.TogglePlay()
		}
	case fyne.KeyP:
		if view == ViewReview {
			a.Review.TogglePlay()
		}
	}
}
