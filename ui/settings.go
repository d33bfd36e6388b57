package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// systemDefault is the device choice that leaves it to the system.
const systemDefault = "System default"

// Settings edits the preferences: devices, target length and the
// transcriber command. The theme follows the system's.
type Settings struct {
	a *App

	Input       *widget.Select
	Output      *widget.Select
	Target      *widget.Slider
	TargetLabel *widget.Label
	Transcriber *widget.Entry
	Content     fyne.CanvasObject

	inIDs, outIDs map[string]string
}

func newSettings(a *App) *Settings {
	s := &Settings{a: a, inIDs: map[string]string{}, outIDs: map[string]string{}}
	prefs := a.app.Preferences()
	s.Input = widget.NewSelect([]string{systemDefault}, func(name string) { prefs.SetString(PrefInputDevice, s.inIDs[name]) })
	s.Output = widget.NewSelect([]string{systemDefault}, func(name string) { prefs.SetString(PrefOutputDevice, s.outIDs[name]) })
	s.Input.SetSelected(systemDefault)
	s.Output.SetSelected(systemDefault)
	s.TargetLabel = &widget.Label{}
	s.Target = &widget.Slider{Min: scoring.MinTarget.Seconds(), Max: scoring.MaxTarget.Seconds(), Step: 15}
	s.Target.ExtendBaseWidget(s.Target)
	s.Target.SetValue(a.Target().Seconds())
	s.Target.OnChanged = func(v float64) {
		prefs.SetInt(PrefTargetS, int(v))
		s.showTarget()
		a.Practice.ApplyTarget()
	}
	s.showTarget()
	s.Transcriber = &widget.Entry{Text: prefs.String(PrefTranscriber), PlaceHolder: "whisper-cli -m model.bin -osrt -of {out} {audio}"}
	s.Transcriber.OnChanged = func(v string) { prefs.SetString(PrefTranscriber, v) }

	form := widget.NewForm(
		widget.NewFormItem("Microphone", s.Input),
		widget.NewFormItem("Speakers", s.Output),
		widget.NewFormItem("Target length", container.NewBorder(nil, nil, nil, s.TargetLabel, s.Target)),
		widget.NewFormItem("Transcriber", s.Transcriber),
	)
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "The transcriber is any local speech-to-text program: {audio} is replaced by the take's audio file and {out} by where it should write its transcript (it may add .srt, .vtt or .txt). Nothing leaves this machine. The colours follow the system's light or dark theme."}
	s.Content = container.NewVBox(heading("Settings"), form, note)
	s.LoadDevices()
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
	go func() {
		in, out, err := s.a.deps.Devices()
		s.a.deps.DoAsync(func() {
			if err != nil {
				s.Input.PlaceHolder = "no devices: " + err.Error()
				s.Input.Refresh()
				return
			}
			s.fill(s.Input, s.inIDs, in, s.a.InputDevice())
			s.fill(s.Output, s.outIDs, out, s.a.OutputDevice())
		})
	}()
}

func (s *Settings) fill(sel *widget.Select, ids map[string]string, devs []Device, current string) {
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
