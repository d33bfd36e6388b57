package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func seedTakes(h *harness) {
	day := func(d int) time.Time { return time.Date(2026, 2, d, 9, 0, 0, 0, time.UTC) }
	h.lib.add(Take{ID: "a", Created: day(1), Question: "Q one", Duration: 95 * time.Second, Score: 40, SectionSeconds: []float64{30, 20, 10, 20, 15}})
	h.lib.add(Take{ID: "b", Created: day(3), Question: "Q two", Story: "billing", Duration: 130 * time.Second, Score: 71, SectionSeconds: []float64{14, 20, 28, 27, 41}})
	h.lib.add(Take{ID: "c", Created: day(2), Question: "Q one", Duration: 60 * time.Second, Score: -1})
	h.ui.History.Reload()
	h.settle()
}

func TestHistoryTableAndCharts(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	if len(hi.Takes()) != 3 {
		t.Fatalf("%d takes listed", len(hi.Takes()))
	}
	wantRow0 := []string{"Q two", "billing", "2:10", "71"}
	for i, want := range wantRow0 {
		if got := hi.Cell(0, i+1); got != want {
			t.Errorf("newest row col %d = %q, want %q", i+1, got, want)
		}
	}
	if hi.Cell(1, 4) != "–" {
		t.Errorf("unscored take shows %q", hi.Cell(1, 4))
	}
	if len(hi.Trend.Rows) != 2 || hi.Trend.Rows[0].Values[0] != 40 || hi.Trend.Rows[1].Values[0] != 71 {
		t.Errorf("trend rows %+v, want oldest first 40 then 71", hi.Trend.Rows)
	}
	if len(hi.Sections.Rows) != 2 || len(hi.Sections.Rows[1].Values) != 5 {
		t.Errorf("section rows %+v", hi.Sections.Rows)
	}
	if !hi.Open.Disabled() {
		t.Error("open enabled with nothing selected")
	}
}

func TestHistoryOpenRenameDeleteExport(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	hi.Select(0)
	test.Tap(hi.Open)
	h.settle()
	if h.ui.Current() != ViewReview || h.ui.Review.take.ID != "b" {
		t.Fatalf("open showed %q with take %q", h.ui.Current(), h.ui.Review.take.ID)
	}
	hi.SetStory("a", "  pricing page ")
	h.settle()
	if got, _ := h.lib.Get("a"); got.Story != "pricing page" {
		t.Errorf("story = %q", got.Story)
	}
	hi.Select(0)
	test.Tap(hi.Delete)
	if !h.errorShown() {
		t.Error("delete asked for no confirmation")
	}
	hi.DeleteTake("c")
	h.settle()
	if len(hi.Takes()) != 2 {
		t.Errorf("%d takes after delete", len(hi.Takes()))
	}
	hi.ExportTake("b", "/tmp/out.zip")
	h.settle()
	if h.lib.exported["b"] != "/tmp/out.zip" || hi.Status.Text != "Exported to /tmp/out.zip" {
		t.Errorf("export: %v, status %q", h.lib.exported, hi.Status.Text)
	}
	hi.ImportAudioFile("/music/answer.mp3")
	h.settle()
	if h.ui.Current() != ViewReview || h.ui.Review.take.AudioPath != "/music/answer.mp3" {
		t.Errorf("imported audio not opened: %+v", h.ui.Review.take)
	}
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
	test.Type(s.Transcriber, "stt {audio} {out}")
	if h.app.Preferences().String(PrefTranscriber) != "stt {audio} {out}" {
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
}

func TestShortcutsAndTitles(t *testing.T) {
	h := newHarness(t, nil)
	key := h.win.Canvas().OnTypedKey()
	key(ev("R"))
	if !h.ui.Practice.clock.Running() {
		t.Fatal("R did not start the rehearsal")
	}
	h.clock.Advance(3)
	key(ev("Space"))
	if got := h.ui.Practice.clock.Marks(); len(got) != 1 || got[0] != 3 {
		t.Errorf("space marks %v", got)
	}
	key(ev("R"))
	h.settle()
	for i, view := range []string{ViewPractice, ViewReview, ViewHistory, ViewSettings} {
		ctrlDigit(h, i+1)
		h.settle()
		if h.ui.Current() != view || h.win.Title() != "Retake — "+view {
			t.Errorf("Ctrl+%d: view %q title %q", i+1, h.ui.Current(), h.win.Title())
		}
	}
	key(ev("F1"))
	if !h.errorShown() {
		t.Error("F1 showed no help")
	}
}

func TestReviewStartsWithTheLatestTake(t *testing.T) {
	lib := newFakeLibrary(t.TempDir())
	lib.add(Take{ID: "old", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Question: "Q", Score: -1})
	lib.add(Take{ID: "new", Created: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Question: "Q", Score: -1})
	h := newHarness(t, func(d *Deps) { d.Library = lib })
	h.lib = lib
	h.settle()
	if h.ui.Review.take.ID != "new" || h.ui.Current() != ViewPractice {
		t.Errorf("review has %q, view %q", h.ui.Review.take.ID, h.ui.Current())
	}
}
