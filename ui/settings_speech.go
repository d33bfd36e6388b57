package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The speech engine section of Settings: which engine drafts the
// transcripts, whether each can run here (and if not, exactly why and
// the command that fixes it), and the fields that set whisper.cpp and
// the person's own command up. No field holds a grey example that could
// pass for a setting: an empty field is said to be empty.

// bestEngine is the engine choice that leaves it to the app.
const bestEngine = "Best available"

// engineChoices are the Engine select's options and the engine names
// they stand for, in the order engines are listed.
var engineChoices = []struct{ label, name string }{
	{bestEngine, ""},
	{"PocketSphinx", EngineSphinx},
	{"whisper.cpp", EngineWhisper},
	{"Your command", EngineCommand},
}

// engineCheckDelay is how long typing in an engine field must pause
// before the engines are checked again.
const engineCheckDelay = 600 * time.Millisecond

func (s *Settings) newEngineFields() {
	a, prefs := s.a, s.a.app.Preferences()
	var labels []string
	chosen := bestEngine
	for _, c := range engineChoices {
		labels = append(labels, c.label)
		if c.name == prefs.String(PrefEngine) {
			chosen = c.label
		}
	}
	s.Engine = a.newSelect(labels, func(label string) {
		for _, c := range engineChoices {
			if c.label == label && c.name != prefs.String(PrefEngine) {
				prefs.SetString(PrefEngine, c.name)
				s.CheckEngines()
			}
		}
	})
	s.Engine.Selected = chosen
	s.EngineInUse = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	s.EngineStatus = container.NewVBox()
	field := func(key string) *keyEntry {
		e := a.newEntry(&keyEntry{})
		e.Text = prefs.String(key)
		e.OnChanged = func(v string) {
			prefs.SetString(key, v)
			s.checkSoon()
		}
		return e
	}
	s.WhisperCLI = field(PrefWhisperCLI)
	s.WhisperModel = field(PrefWhisperModel)
	s.Command = field(PrefCommand)
	s.ChooseModel = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Choose…", Icon: theme.FolderOpenIcon(), OnTapped: s.chooseModel}})
}

// checkSoon checks the engines once typing has paused.
func (s *Settings) checkSoon() {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	s.stopCheck = s.a.deps.AfterFunc(engineCheckDelay, func() { s.a.deps.DoAsync(s.CheckEngines) })
}

// engineCheck is what CheckEngines finds.
type engineCheck struct {
	engines []EngineInfo
	chosen  string
	err     error
}

// CheckEngines finds, off the UI thread, which engines can run with the
// settings as they are, and shows it.
func (s *Settings) CheckEngines() {
	sp := s.a.deps.Speech
	if sp == nil {
		s.showEngines(engineCheck{err: fmt.Errorf("speech engines are off on this run")})
		return
	}
	set := s.a.SpeechSettings()
	run(s.a, Failure{},
		func() (engineCheck, error) {
			chosen, err := sp.Chosen(set)
			return engineCheck{engines: sp.Engines(set), chosen: chosen, err: err}, nil
		},
		s.showEngines, nil)
}

func (s *Settings) showEngines(c engineCheck) {
	switch {
	case c.err != nil && s.a.SpeechSettings().Engine == "":
		s.EngineInUse.SetText("No speech engine can run, so takes get no draft transcript: type or import them, or fix an engine below.")
	case c.err != nil:
		s.EngineInUse.SetText(fmt.Sprintf("Takes get no draft transcript: %v.", c.err))
	default:
		s.EngineInUse.SetText("Draft transcripts come from " + EngineTitle(c.chosen) + ".")
	}
	s.EngineInUse.Importance = widget.MediumImportance
	if c.err != nil {
		s.EngineInUse.Importance = widget.WarningImportance
	}
	s.EngineInUse.Refresh()
	s.engineLines = nil
	var rows []fyne.CanvasObject
	for _, e := range c.engines {
		var b strings.Builder
		b.WriteString(engineHeading(e.Name) + ": ")
		if e.Available {
			b.WriteString("ready")
			if e.Streams {
				b.WriteString(" · transcribes while you record")
			}
			if !e.HearsFillers {
				b.WriteString(" · does not write fillers (um, uh)")
			}
		} else {
			b.WriteString("cannot run: " + e.Reason + ".")
		}
		line := b.String()
		rows = append(rows, &widget.Label{Text: line, Wrapping: fyne.TextWrapWord})
		if !e.Available && e.Fix != "" {
			line += "\nTo fix: " + e.Fix
			// Selectable, so a command can be copied into a terminal.
			rows = append(rows, &widget.Label{Text: "To fix: " + e.Fix, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, Selectable: true})
		}
		s.engineLines = append(s.engineLines, line)
	}
	s.EngineStatus.Objects = rows
	s.EngineStatus.Refresh()
}

// EngineLines are the engine list as shown, one text per engine.
func (s *Settings) EngineLines() []string { return s.engineLines }

func (s *Settings) chooseModel() {
	s.a.pickFilePath([]string{".bin"}, func(path string) { s.WhisperModel.SetText(path) })
}

// engineHeading is an engine's name at the start of a line: its title,
// with "your command" capitalized (whisper.cpp is written lower case).
func engineHeading(name string) string {
	if name == EngineCommand {
		return "Your command"
	}
	return EngineTitle(name)
}
