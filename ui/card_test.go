package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"retake/scoring"
)

// sampleReport is a fixed report written for the card's golden file.
func sampleReport() scoring.Report {
	secs := []scoring.SectionResult{
		{ID: "situation", Title: "Situation", Weight: 0.10, Seconds: 22, PlannedS: 13.5, Score: 80, Reasons: []string{"ran long"}},
		{ID: "mistake", Title: "The mistake", Weight: 0.15, Seconds: 18, PlannedS: 20.3, Score: 70, Reasons: []string{"owned in the first person"}},
		{ID: "root-cause", Title: "Root cause", Weight: 0.20, Seconds: 9, PlannedS: 27, Score: 30, Reasons: []string{"no reason given"}},
		{ID: "response", Title: "Immediate response", Weight: 0.20, Seconds: 25, PlannedS: 27, Score: 75},
		{ID: "change", Title: "Behavioral change", Weight: 0.35, Seconds: 20, PlannedS: 47.3, Score: 40, Reasons: []string{"a sentiment, not a practice"}},
	}
	return scoring.Report{Score: 52, Words: 240, DurationS: 94, TargetS: 135, Sections: secs, Flags: []scoring.Flag{
		{ID: "generic-lesson", Severity: scoring.Minor, Message: "The lesson is a sentiment", Suggestion: "Name the checklist or habit you run now."},
		{ID: "no-stakes", Severity: scoring.Major, Message: "Nothing says what it cost", Suggestion: "Give a number: hours, customers, money."},
		{ID: "fillers", Severity: scoring.Info, Message: "6 fillers a minute"},
	}}
}

func TestCardMarkup(t *testing.T) {
	test.NewTempApp(t)
	fu, err := LoadFollowups()
	if err != nil {
		t.Fatal(err)
	}
	c := newCard(fu)
	c.Show(sampleReport())
	w := test.NewTempWindow(t, c.Content)
	w.Resize(fyne.NewSize(600, 900))
	test.AssertRendersToMarkup(t, "card.xml", w.Canvas())
}

func TestCardOrdersFlagsBySeverity(t *testing.T) {
	test.NewTempApp(t)
	c := newCard(Followups{"no-stakes": {"What did it cost, in numbers?"}})
	c.Show(sampleReport())
	want := []string{"major · Nothing says what it cost", "minor · The lesson is a sentiment", "info · 6 fillers a minute"}
	for i, txt := range c.FlagTexts {
		if txt != want[i] {
			t.Errorf("flag %d = %q, want %q", i, txt, want[i])
		}
	}
	if len(c.FlagButtons) != len(want) {
		t.Errorf("%d flag buttons, want %d", len(c.FlagButtons), len(want))
	}
	if c.Drill.Text != "1. What did it cost, in numbers?" {
		t.Errorf("drill = %q", c.Drill.Text)
	}
}
