package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"retake/assets"
	"retake/scoring"
)

func TestShortcutsAndTitles(t *testing.T) {
	h := newHarness(t, nil)
	h.press(fyne.KeyR)
	if !h.ui.Practice.Recording() {
		t.Fatal("R did not start the rehearsal")
	}
	h.clock.Advance(3)
	h.press(fyne.KeySpace)
	if got := h.ui.Practice.clock.Marks(); len(got) != 1 || got[0] != 3 {
		t.Errorf("space marks %v", got)
	}
	h.press(fyne.KeyR)
	h.settle()
	for i, view := range []string{ViewPractice, ViewReview, ViewHistory, ViewSettings} {
		ctrlDigit(h, i+1)
		h.settle()
		if h.ui.Current() != view || h.win.Title() != "Retake — "+view {
			t.Errorf("Ctrl+%d: view %q title %q", i+1, h.ui.Current(), h.win.Title())
		}
	}
	h.press(fyne.KeyF1)
	if !h.errorShown() {
		t.Error("F1 showed no help")
	}
}

func TestKeysAfterClickingTheTargetSlider(t *testing.T) {
	h := newHarness(t, nil)
	h.ctrl("4")
	s := h.ui.Settings
	h.win.Canvas().Focus(s.Target)
	// F1 and the view keys work with the slider focused.
	h.press(fyne.KeyF1)
	if !h.errorShown() {
		t.Error("F1 with the slider focused showed no help")
	}
	h.win.Canvas().Overlays().Top().Hide()
	h.ctrl("1")
	if h.ui.Current() != ViewPractice {
		t.Fatalf("Ctrl+1 from the slider: %q", h.ui.Current())
	}
	// Leaving Settings took the focus from the slider, so R records.
	h.press(fyne.KeyR)
	if !h.ui.Practice.Recording() {
		t.Fatal("R after Ctrl+1 from the slider recorded nothing")
	}
	h.clock.Advance(3)
	h.press(fyne.KeyR)
	h.settle()
	// A slider keeps its arrows in Settings; R there goes to Practice's
	// handler only in Practice.
	h.ctrl("4")
	h.win.Canvas().Focus(s.Target)
	before := s.Target.Value
	h.press(fyne.KeyRight)
	if s.Target.Value == before {
		t.Error("the focused slider lost its arrow keys")
	}
}

func TestFocusedTextFieldsKeepTheirLetters(t *testing.T) {
	h := newHarness(t, nil)
	h.ctrl("4")
	tr := h.ui.Settings.Command
	h.win.Canvas().Focus(tr)
	test.Type(tr, "r")
	h.press(fyne.KeyR)
	if h.ui.Practice.Recording() {
		t.Fatal("typing r in a settings field recorded")
	}
	h.ctrl("1")
	if h.ui.Current() != ViewPractice || h.win.Canvas().Focused() != nil {
		t.Errorf("Ctrl+1 from a field: %q, focus %v", h.ui.Current(), h.win.Canvas().Focused())
	}
}

func TestHelpListsExactlyTheBoundKeys(t *testing.T) {
	h := newHarness(t, nil)
	listed := map[string]bool{}
	for _, b := range h.ui.bindings {
		if b.keys != "" {
			listed[b.keys] = true
		}
		if b.run == nil && b.keys != "Ctrl+1 … Ctrl+4" {
			t.Errorf("%q is listed but bound to nothing", b.keys)
		}
	}
	for _, want := range []string{"Ctrl+R", "Ctrl+N", "Ctrl+P", "Ctrl+T", "Ctrl+Q", "F1", "R", "Space or N", "P or Space", "Left / Right", "Home / End", "S", "F", "E", "T", "Escape"} {
		if !listed[want] {
			t.Errorf("help does not list %q", want)
		}
	}
	h.ui.ShowHelp()
	top := h.win.Canvas().Overlays().Top()
	var form *widget.Form
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if f, ok := o.(*widget.Form); ok {
			form = f
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				find(x)
			}
		}
		if w, ok := o.(fyne.Widget); ok && form == nil {
			for _, x := range test.WidgetRenderer(w).Objects() {
				find(x)
			}
		}
	}
	find(top)
	if form == nil || len(form.Items) != len(listed) {
		t.Fatalf("help dialog form has %v items, %d listed", form != nil, len(listed))
	}
}

func TestQuitSavesTheTakeAndRemembersTheWindow(t *testing.T) {
	var moved []int
	h := newHarness(t, nil)
	// Quit closes its window, which the test driver must not close
	// again at cleanup: this app gets a window of its own.
	h.win = h.app.NewWindow("Retake")
	a, err := New(h.app, h.win, Deps{Library: h.lib, NewRecorder: func(string) (Recorder, error) { return h.rec, nil },
		Now: h.clock.Now, AfterFunc: h.clock.AfterFunc, Tick: time.Hour, DoAsync: func(f func()) { h.queue <- f },
		WindowPosition: func(fyne.Window) (int, int, bool) { return 120, 80, true },
		MoveWindow:     func(_ fyne.Window, x, y int) { moved = append(moved, x, y) }})
	if err != nil {
		t.Fatal(err)
	}
	h.ui = a
	h.settle()
	moved = nil
	h.win.Resize(fyne.NewSize(1300, 820))
	h.press(fyne.KeyR)
	h.clock.Advance(5)
	h.ctrl(fyne.KeyQ)
	h.idle()
	if saved, err := h.lib.Get("t01"); err != nil || saved.Duration != 5*time.Second {
		t.Errorf("quitting mid-take stored %v, %v", saved.Duration, err)
	}
	p := h.app.Preferences()
	if p.Float(PrefWindowW) != 1300 || p.Float(PrefWindowH) != 820 || p.Int(PrefWindowX) != 120 || p.Int(PrefWindowY) != 80 {
		t.Errorf("remembered %v x %v at %d,%d", p.Float(PrefWindowW), p.Float(PrefWindowH), p.Int(PrefWindowX), p.Int(PrefWindowY))
	}
	// The next start opens the window as it was.
	w := test.NewTempWindow(t, nil)
	deps := Deps{Library: h.lib, Tick: time.Hour, DoAsync: func(f func()) { h.queue <- f }, AfterFunc: h.clock.AfterFunc,
		MoveWindow: func(_ fyne.Window, x, y int) { moved = append(moved, x, y) }}
	a2, err := New(h.app, w, deps)
	if err != nil {
		t.Fatal(err)
	}
	h.ui = a2
	h.settle()
	if s := w.Canvas().Size(); s.Width != 1300 || s.Height != 820 {
		t.Errorf("restored size %v", s)
	}
	if len(moved) != 2 || moved[0] != 120 || moved[1] != 80 {
		t.Errorf("moved to %v", moved)
	}
}

func TestMicrophoneTestRecordsShowsAndPlaysBack(t *testing.T) {
	h := newHarness(t, nil)
	s := h.ui.Settings
	test.Tap(s.TestMic)
	if !s.MicTesting() || h.rec.path == "" || !strings.Contains(s.MicStatus.Text, "Recording 3 seconds") {
		t.Fatalf("test not started: %q", s.MicStatus.Text)
	}
	dir := filepath.Dir(h.rec.path)
	h.rec.setLevel(Level{PeakDBFS: -14, RMSDBFS: -28})
	s.micLevel(s.mic)
	if s.MicMeter.Fraction() == 0 {
		t.Error("the meter does not move during the test")
	}
	h.clock.Advance(2)
	h.settle()
	if h.play.playing {
		t.Fatal("playback started before the 3 seconds were up")
	}
	h.clock.Advance(1.1)
	h.settle()
	if !h.rec.stopped || !h.play.playing {
		t.Fatalf("after 3 s: recorder stopped %v, playing %v", h.rec.stopped, h.play.playing)
	}
	if !strings.Contains(s.MicStatus.Text, "Peak -14 dB, loudness -28 dB: a good level") || !strings.Contains(s.MicStatus.Text, "Playing it back") {
		t.Errorf("status %q", s.MicStatus.Text)
	}
	h.play.playing = false
	s.StopMicTest()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the test recording was left in %s", dir)
	}
}

func TestMicrophoneTestVerdicts(t *testing.T) {
	tests := []struct {
		m    micTest
		want string
	}{
		{micTest{peak: -120, rms: -120, silent: true}, "Only silence"},
		{micTest{peak: 0, rms: -6, clipped: true}, "it clipped"},
		{micTest{peak: -40, rms: -55}, "quiet"},
		{micTest{peak: -10, rms: -24}, "a good level"},
	}
	for _, tt := range tests {
		if got := micVerdict(&tt.m); !strings.Contains(got, tt.want) {
			t.Errorf("verdict %q, want %q", got, tt.want)
		}
	}
	h := newHarness(t, func(d *Deps) {
		d.NewRecorder = func(string) (Recorder, error) { return nil, errors.New("device busy") }
	})
	test.Tap(h.ui.Settings.TestMic)
	if h.ui.Settings.MicTesting() || !strings.Contains(h.ui.Settings.MicStatus.Text, "No microphone: device busy") {
		t.Errorf("without a microphone: %q", h.ui.Settings.MicStatus.Text)
	}
}

// userRubric is the complete example of assets/rubrics/README.md: a
// three-section rubric a person could write.
var userRubric = func() string {
	b, err := assets.Read("rubrics/README.md")
	if err != nil {
		panic(err)
	}
	s := string(b)
	open := strings.Index(s, "```json\n") + len("```json\n")
	return s[open : open+strings.Index(s[open:], "```")]
}()

// userRubricTitle is its title, as the question bank shows it.
const userRubricTitle = "A time you disagreed with a colleague"

func TestSettingsLoadsAUserRubric(t *testing.T) {
	h := newHarness(t, nil)
	s := h.ui.Settings
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(userRubric, `"weight": 0.5`, `"weight": 0.6`, 1)), 0o600)
	n := len(h.ui.questions)
	s.LoadRubric(bad)
	h.settle()
	if !strings.Contains(h.ui.lastError, "weights add up to 1.100") || len(h.ui.questions) != n || h.app.Preferences().String(PrefUserRubric) != "" {
		t.Fatalf("bad rubric: error %q, %d questions", h.ui.lastError, len(h.ui.questions))
	}
	good := filepath.Join(dir, "conflict.json")
	os.WriteFile(good, []byte(userRubric), 0o600)
	s.RubricPath.SetText(good)
	s.RubricPath.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if len(h.ui.questions) != n+1 || !strings.Contains(s.RubricStatus.Text, "3 sections") {
		t.Fatalf("good rubric: %d questions, status %q", len(h.ui.questions), s.RubricStatus.Text)
	}
	p := h.ui.Practice
	if p.Question.Text != userRubricTitle || p.Bar.Sections() != 3 {
		t.Errorf("Practice shows %q with %d sections", p.Question.Text, p.Bar.Sections())
	}
	if h.app.Preferences().String(PrefUserRubric) != good {
		t.Error("the rubric file is not remembered")
	}
	// The next start loads it again.
	w := test.NewTempWindow(t, nil)
	a2, err := New(h.app, w, Deps{Library: h.lib, Tick: time.Hour, DoAsync: func(f func()) { h.queue <- f }, AfterFunc: h.clock.AfterFunc})
	if err != nil {
		t.Fatal(err)
	}
	h.ui = a2
	h.settle()
	if len(a2.questions) != n+1 || a2.rubric("conflict").Title != userRubricTitle {
		t.Errorf("after a restart: %d questions", len(a2.questions))
	}
}

func TestParseRubricNamesTheField(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"bad JSON", `{`, `{{`, "bad JSON"},
		{"no id", `"id": "conflict"`, `"id": ""`, `id: missing`},
		{"no title", `"title": "A time you disagreed with a colleague"`, `"title": ""`, `title: missing`},
		{"duplicate", `"id": "change"`, `"id": "situation"`, `sections[2].id: "situation" is used twice`},
		{"zero weight", `"weight": 0.2`, `"weight": 0`, `sections[0].weight`},
		{"weights", `"weight": 0.5`, `"weight": 0.4`, "weights add up to 0.900"},
		{"unknown field", `"id": "conflict"`, `"id": "conflict", "colour": "blue"`, `"colour"`},
		{"section title", `"title": "Situation"`, `"title": ""`, `sections[0].title: missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(userRubric, tt.from, tt.to, 1)
			_, err := ParseRubric([]byte(data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	r, err := ParseRubric([]byte(userRubric))
	if err != nil || len(r.Sections) != 3 {
		t.Fatalf("good rubric: %v", err)
	}
}

func FuzzParseRubric(f *testing.F) {
	f.Add([]byte(userRubric))
	f.Add([]byte(`{"id":"x","title":"y","sections":[{"id":"a","title":"A","weight":1e308},{"id":"b","title":"B","weight":-1e308}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRubric(data)
		if err != nil {
			return
		}
		if len(r.Sections) < scoring.MinSections || len(r.Sections) > scoring.MaxSections || r.Plan(0) == nil {
			t.Fatalf("accepted a rubric of %d sections", len(r.Sections))
		}
	})
}

func TestSettingsTargetReplansTheTimer(t *testing.T) {
	h := newHarness(t, nil)
	s := h.ui.Settings
	s.Target.SetValue(60)
	if got := h.app.Preferences().Int(PrefTargetS); got != 60 {
		t.Errorf("stored target %d", got)
	}
	if got := h.ui.Practice.Bar.TimeText(0); got != "6.0 s" {
		t.Errorf("situation plan at 1:00 = %q, want 6.0 s", got)
	}
	if s.TargetLabel.Text != "1:00 (1:00 to 5:00)" {
		t.Errorf("label %q", s.TargetLabel.Text)
	}
	test.Type(s.Command, "stt {audio} {out}")
	if h.app.Preferences().String(PrefCommand) != "stt {audio} {out}" {
		t.Error("transcriber command not stored")
	}
}

func TestSettingsListsDevices(t *testing.T) {
	h := newHarness(t, func(d *Deps) {
		d.Devices = func() ([]Device, []Device, error) {
			return []Device{{ID: "usb", Name: "USB mic", IsDefault: true}}, []Device{{ID: "hp", Name: "Headphones"}}, nil
		}
	})
	h.settle()
	s := h.ui.Settings
	if len(s.Input.Options) != 2 || s.Input.Options[1] != "USB mic (default)" {
		t.Fatalf("input options %q", s.Input.Options)
	}
	s.Output.SetSelected("Headphones")
	if h.ui.OutputDevice() != "hp" {
		t.Errorf("output device pref = %q", h.ui.OutputDevice())
	}
	opened := ""
	h.ui.deps.NewRecorder = func(dev string) (Recorder, error) { opened = dev; return h.rec, nil }
	s.Input.SetSelected("USB mic (default)")
	h.settle()
	if opened != "usb" {
		t.Errorf("choosing a microphone checked %q", opened)
	}
}

func TestKeysWithAButtonFocusedByTab(t *testing.T) {
	h := newHarness(t, nil)
	p := h.ui.Practice
	h.win.Canvas().Focus(p.NextQuestion)
	first := p.Question.Text
	// Space presses the focused button, as buttons do.
	h.press(fyne.KeySpace)
	if p.Question.Text == first {
		t.Error("Space did not press the focused button")
	}
	// Other keys still reach the app.
	h.press(fyne.KeyR)
	if !p.Recording() {
		t.Fatal("R with a button focused did not record")
	}
	h.clock.Advance(3)
	h.press(fyne.KeyR)
	h.settle()
	h.press(fyne.KeyF1)
	if !h.errorShown() {
		t.Error("F1 with a button focused showed no help")
	}
}
