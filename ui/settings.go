package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// systemDefault is the device choice that leaves it to the system.
const systemDefault = "System default"

// Settings edits the preferences: devices (with a microphone test),
// target length, the speech engine that drafts transcripts and a rubric
// of one's own. The theme follows the system's.
type Settings struct {
	a *App

	Input       *keySelect
	Output      *keySelect
	Target      *keySlider
	TargetLabel *widget.Label
	// Engine picks the speech engine; EngineInUse says which one drafts
	// transcripts (or exactly why none can), and EngineStatus lists
	// every engine with whether it runs here and, when not, the reason
	// and the fix. WhisperCLI, WhisperModel (ChooseModel picks it) and
	// Command set the engines up.
	Engine       *keySelect
	EngineInUse  *widget.Label
	EngineStatus *fyne.Container
	WhisperCLI   *keyEntry
	WhisperModel *keyEntry
	ChooseModel  *keyButton
	Command      *keyEntry
	// TestMic records a few seconds, shows the level and plays them
	// back; MicMeter and MicStatus show how it went.
	TestMic   *keyButton
	MicMeter  *LevelMeter
	MicStatus *widget.Label
	// RubricPath names a rubric file to load; LoadRubricFile loads it,
	// ChooseRubric picks it with a file dialog.
	RubricPath     *keyEntry
	LoadRubricFile *keyButton
	ChooseRubric   *keyButton
	RubricStatus   *widget.Label
	Content        fyne.CanvasObject

	inIDs, outIDs map[string]string
	mic           *micTest
	// engineLines are the texts of EngineStatus, for tests; stopCheck
	// stops the check waiting for typing to pause.
	engineLines []string
	stopCheck   func() bool
}

func newSettings(a *App) *Settings {
	s := &Settings{a: a, inIDs: map[string]string{}, outIDs: map[string]string{}}
	prefs := a.app.Preferences()
	s.Input = a.newSelect([]string{systemDefault}, func(name string) {
		if id := s.inIDs[name]; id != prefs.String(PrefInputDevice) {
			prefs.SetString(PrefInputDevice, id)
			a.Practice.CheckMicrophone()
		}
	})
	s.Output = a.newSelect([]string{systemDefault}, func(name string) { prefs.SetString(PrefOutputDevice, s.outIDs[name]) })
	s.Input.Selected, s.Output.Selected = systemDefault, systemDefault
	s.TargetLabel = &widget.Label{}
	s.Target = &keySlider{a: a}
	s.Target.Min, s.Target.Max, s.Target.Step = scoring.MinTarget.Seconds(), scoring.MaxTarget.Seconds(), 15
	s.Target.ExtendBaseWidget(s.Target)
	s.Target.SetValue(a.Target().Seconds())
	s.Target.OnChanged = func(v float64) {
		prefs.SetInt(PrefTargetS, int(v))
		s.showTarget()
		a.Practice.ApplyTarget()
	}
	s.showTarget()
	s.newEngineFields()

	s.TestMic = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Test the microphone (3 s)", Icon: theme.MediaRecordIcon(), OnTapped: s.ToggleMicTest}})
	s.MicMeter = NewLevelMeter(a.deps.Now)
	s.MicStatus = &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Records three seconds, shows the level, then plays them back."}

	s.RubricPath = a.newEntry(&keyEntry{})
	s.RubricPath.Text, s.RubricPath.PlaceHolder = prefs.String(PrefUserRubric), "/path/to/my-rubric.json"
	s.RubricPath.OnSubmitted = func(string) { s.LoadRubric(s.RubricPath.Text) }
	s.LoadRubricFile = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Load", Icon: theme.ConfirmIcon(), OnTapped: func() { s.LoadRubric(s.RubricPath.Text) }}})
	s.ChooseRubric = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Choose…", Icon: theme.FolderOpenIcon(), OnTapped: s.chooseRubric}})
	s.RubricStatus = &widget.Label{Wrapping: fyne.TextWrapWord, Text: "A rubric file of your own (the format of assets/rubrics/README.md) adds a question graded on its sections."}

	form := widget.NewForm(
		widget.NewFormItem("Microphone", s.Input),
		widget.NewFormItem("", container.NewVBox(container.NewHBox(s.TestMic), s.MicMeter, s.MicStatus)),
		widget.NewFormItem("Speakers", s.Output),
		widget.NewFormItem("Target length", container.NewBorder(nil, nil, nil, s.TargetLabel, s.Target)),
		widget.NewFormItem("Speech engine", s.Engine),
		widget.NewFormItem("", container.NewVBox(s.EngineInUse, s.EngineStatus)),
		widget.NewFormItem("whisper-cli", container.NewVBox(s.WhisperCLI, caption("Empty: whisper-cli is looked for on PATH."))),
		widget.NewFormItem("Whisper model", container.NewVBox(container.NewBorder(nil, nil, nil, s.ChooseModel, s.WhisperModel),
			caption("Empty: a ggml model in Retake's models folder (the README says how to fetch one)."))),
		widget.NewFormItem("Your command", container.NewVBox(s.Command,
			caption("Any program of your own: {audio} becomes the take as a 16 kHz WAV, {out} where it writes .json, .vtt, .srt or .txt. It runs without a shell (see the README)."))),
		widget.NewFormItem("Your rubric", container.NewBorder(nil, nil, nil, container.NewHBox(s.ChooseRubric, s.LoadRubricFile), s.RubricPath)),
		widget.NewFormItem("", s.RubricStatus),
	)
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Every speech engine runs on this machine: nothing leaves it. The colours follow the system's light or dark theme."}
	s.Content = container.NewVBox(heading("Settings"), form, note)
	s.LoadDevices()
	s.CheckEngines()
	return s
}

func (s *Settings) showTarget() {
	s.TargetLabel.SetText(clock(s.Target.Value) + fmt.Sprintf(" (%s to %s)", clock(scoring.MinTarget.Seconds()), clock(scoring.MaxTarget.Seconds())))
}

// TargetValue is the chosen target length.
func (s *Settings) TargetValue() time.Duration { return time.Duration(s.Target.Value) * time.Second }

// LoadDevices lists the audio devices off the UI thread; opening the
// backend can take a moment.
func (s *Settings) LoadDevices() {
	if s.a.deps.Devices == nil {
		return
	}
	type devices struct{ in, out []Device }
	list := s.a.deps.Devices
	run(s.a, Failure{},
		func() (devices, error) {
			in, out, err := list()
			return devices{in, out}, err
		},
		func(d devices) {
			s.fill(s.Input, s.inIDs, d.in, s.a.InputDevice())
			s.fill(s.Output, s.outIDs, d.out, s.a.OutputDevice())
		},
		func(err error) {
			s.Input.PlaceHolder = "no devices: " + err.Error()
			s.Input.Refresh()
		})
}

func (s *Settings) fill(sel *keySelect, ids map[string]string, devs []Device, current string) {
	opts := []string{systemDefault}
	ids[systemDefault] = ""
	chosen := systemDefault
	for _, d := range devs {
		name := d.Name
		if d.IsDefault {
			name += " (default)"
		}
		opts = append(opts, name)
		ids[name] = d.ID
		if d.ID == current && current != "" {
			chosen = name
		}
	}
	sel.Options = opts
	sel.Refresh()
	sel.SetSelected(chosen)
}

func (s *Settings) chooseRubric() {
	s.a.pickFilePath([]string{".json"}, func(path string) {
		s.RubricPath.SetText(path)
		s.LoadRubric(path)
	})
}

// LoadRubric reads a rubric file off the UI thread. A valid one adds its
// question to the bank and is remembered for the next start; an invalid
// one is refused with the reason and changes nothing.
func (s *Settings) LoadRubric(path string) {
	path = strings.TrimSpace(path)
	if path == "" {
		s.a.ShowError("No rubric file named", "Type its path or press Choose…", fmt.Errorf("the path is empty"))
		return
	}
	s.RubricStatus.SetText("Loading " + filepath.Base(path) + "…")
	run(s.a, Failure{},
		func() (*scoring.Rubric, error) { return s.a.readRubricFile(path) },
		func(r *scoring.Rubric) {
			q := s.a.addUserRubric(r)
			s.a.app.Preferences().SetString(PrefUserRubric, path)
			s.RubricStatus.SetText(fmt.Sprintf("Loaded “%s”: %d sections. Its question is now in Practice.", r.Title, len(r.Sections)))
			s.a.Practice.ShowQuestion(q.ID)
		},
		func(err error) {
			s.RubricStatus.SetText(fmt.Sprintf("Not loaded: %v. Nothing was changed.", err))
			s.a.ShowError("Could not load the rubric "+filepath.Base(path), "Fix the file and load it again; nothing was changed", err)
		})
}

// LoadSavedRubric loads the rubric file remembered from the last run,
// saying in Settings (not in a dialog at start) if it is gone or broken.
func (s *Settings) LoadSavedRubric() {
	path := s.a.app.Preferences().String(PrefUserRubric)
	if path == "" {
		return
	}
	run(s.a, Failure{},
		func() (*scoring.Rubric, error) { return s.a.readRubricFile(path) },
		func(r *scoring.Rubric) {
			s.a.addUserRubric(r)
			s.RubricStatus.SetText(fmt.Sprintf("Using “%s” (%d sections) from %s.", r.Title, len(r.Sections), path))
		},
		func(err error) {
			s.RubricStatus.SetText(fmt.Sprintf("Could not load your rubric %s: %v. Fix it or load another.", path, err))
		})
}
