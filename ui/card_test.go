package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// sampleReport is a fixed report written for the card's tests, with the
// fields the analyzer adds (parts, criteria, timing, delivery) filled by
// hand.
func sampleReport() scoring.Report {
	secs := []scoring.SectionResult{
		{ID: "situation", Title: "Situation", Weight: 0.10, Seconds: 22, PlannedS: 13.5, Score: 80, MarkS: 0, ToldS: 0,
			Criteria: []scoring.Criterion{{ID: "s1", Met: true, Points: 80, Text: "Sets the scene in two sentences."}, {ID: "s2", Met: false, Points: 20, Text: "Keep it under 15 seconds."}}},
		{ID: "mistake", Title: "The mistake", Weight: 0.15, Seconds: 18, PlannedS: 20.3, Score: 70, MarkS: 22, ToldS: 22,
			Criteria: []scoring.Criterion{{ID: "m1", Met: true, Points: 70, Text: "Owned in the first person."}}},
		{ID: "root-cause", Title: "Root cause", Weight: 0.20, Seconds: 9, PlannedS: 27, Score: 30, MarkS: 31, ToldS: 80,
			Timing:   "you moved on to Root cause at 0:31; the cause is told from 1:20",
			Criteria: []scoring.Criterion{{ID: "r1", Met: false, Points: 70, Text: "Name the assumption behind it."}}},
		{ID: "response", Title: "Immediate response", Weight: 0.20, Seconds: 25, PlannedS: 27, Score: 75, MarkS: 40, ToldS: 40},
		{ID: "change", Title: "Behavioral change", Weight: 0.35, Seconds: 20, PlannedS: 47.3, Score: 40, MarkS: 65, ToldS: 65,
			Reasons: []string{"a sentiment, not a practice"}},
	}
	return scoring.Report{Score: 44, Words: 240, DurationS: 94, TargetS: 135, Sections: secs,
		ScoreParts: []scoring.ScorePart{
			{Kind: "section", ID: "situation", Points: 8, Of: 10}, {Kind: "section", ID: "mistake", Points: 11, Of: 15},
			{Kind: "section", ID: "root-cause", Points: 6, Of: 20}, {Kind: "section", ID: "response", Points: 15, Of: 20},
			{Kind: "section", ID: "change", Points: 14, Of: 35}, {Kind: "penalty", ID: "blame-diffusion", Points: -8},
			{Kind: "penalty", ID: "no-stakes", Points: -2},
		},
		Delivery: &scoring.Delivery{SpeakingS: 88, WPM: 152, LongestPauseS: 3.2,
			Pauses:   []scoring.Pause{{Start: 41, End: 43.1}, {Start: 70, End: 73.2}},
			Sections: []scoring.SectionDelivery{{ID: "situation", SpeakingS: 20, WPM: 160, Pauses: 0}}},
		Fillers: scoring.FillerStats{Count: 3, PerMinute: 1.9, Heard: true},
		Source:  scoring.Source{Kind: "engine", Name: "pocketsphinx", Corrected: true},
		Flags: []scoring.Flag{
			{ID: "generic-lesson", Severity: scoring.Minor, Message: "The lesson is a sentiment", Suggestion: "Name the checklist or habit you run now."},
			{ID: "no-stakes", Severity: scoring.Major, Message: "Nothing says what it cost", Suggestion: "Give a number: hours, customers, money."},
			{ID: "fillers", Severity: scoring.Info, Message: "6 fillers a minute"},
		}}
}

func TestCardMarkup(t *testing.T) {
	sharedApp(t)
	fu, err := LoadFollowups()
	if err != nil {
		t.Fatal(err)
	}
	c := newCard(fu, nil)
	c.Show(sampleReport())
	w := test.NewTempWindow(t, c.Content)
	w.Resize(fyne.NewSize(600, 1500))
	test.AssertRendersToMarkup(t, "card.xml", w.Canvas())
}

func TestCardExplainsTheTotal(t *testing.T) {
	rep := sampleReport()
	want := "How the total is made: Situation 8 of 10 · The mistake 11 of 15 · Root cause 6 of 20 · Immediate response 15 of 20 · Behavioral change 14 of 35 · minus 8 for blame-diffusion · minus 2 for no-stakes = 44"
	if got := scoreExplained(rep); got != want {
		t.Errorf("explained:\n%s\nwant\n%s", got, want)
	}
	// A total of 0 shows how it got there, the clamp included.
	zero := scoring.Report{Score: 0, Sections: rep.Sections[:1], ScoreParts: []scoring.ScorePart{
		{Kind: "section", ID: "situation", Points: 4, Of: 10}, {Kind: "penalty", ID: "claims-immunity", Points: -25}, {Kind: "clamp", Points: 21}}}
	if got := scoreExplained(zero); got != "How the total is made: Situation 4 of 10 · minus 25 for claims-immunity · plus 21 as scores stop at 0 = 0" {
		t.Errorf("clamped: %s", got)
	}
	bad := scoring.Report{Score: 50, ScoreParts: []scoring.ScorePart{{Kind: "section", ID: "x", Points: 40, Of: 50}}}
	if got := scoreExplained(bad); !strings.Contains(got, "add up to 40") {
		t.Errorf("parts that do not add up are not called out: %s", got)
	}
	if scoreExplained(scoring.Report{Score: 50}) != "" {
		t.Error("a report without parts gets an explanation")
	}
}

func TestCardSeparatesWhatEarnedPointsFromWhatToFix(t *testing.T) {
	sharedApp(t)
	c := newCard(Followups{}, nil)
	c.Show(sampleReport())
	want := []CriterionRow{
		{"situation", true, "Earned 80: Sets the scene in two sentences."},
		{"situation", false, "To fix (20 points): Keep it under 15 seconds."},
		{"mistake", true, "Earned 70: Owned in the first person."},
		{"root-cause", false, "To fix (70 points): Name the assumption behind it."},
		// A section with reasons and no criteria reads as one to fix.
		{"change", false, "To fix: a sentiment, not a practice"},
	}
	if len(c.Criteria) != len(want) {
		t.Fatalf("criteria rows %+v", c.Criteria)
	}
	for i, w := range want {
		if c.Criteria[i] != w {
			t.Errorf("row %d = %+v, want %+v", i, c.Criteria[i], w)
		}
	}
	if len(c.TimingNotes) != 1 || c.TimingNotes[0] != "Timing: you moved on to Root cause at 0:31; the cause is told from 1:20" {
		t.Errorf("timing notes %q", c.TimingNotes)
	}
	if !strings.Contains(c.Total.Text, "minus 8 for blame-diffusion · minus 2 for no-stakes = 44") {
		t.Errorf("total %q", c.Total.Text)
	}
	if !strings.Contains(c.About.Text, "draft transcript from PocketSphinx, corrected by you") {
		t.Errorf("about %q", c.About.Text)
	}
}

func TestCardDelivery(t *testing.T) {
	sharedApp(t)
	c := newCard(Followups{}, nil)
	var sought []time.Duration
	c.OnSeek = func(d time.Duration) { sought = append(sought, d) }
	rep := sampleReport()
	c.Show(rep)
	texts := labelTexts(c.Delivery)
	if !strings.Contains(texts, "Pace 152 words a minute · speaking 1:28 · longest pause 3.2 s") || !strings.Contains(texts, "Fillers (um, uh, like): 3, 1.9 a minute") {
		t.Errorf("delivery reads %q", texts)
	}
	if len(c.PauseButtons) != 2 || c.PauseButtons[1].Text != "1:10 · 3.2 s" {
		t.Fatalf("pause buttons %d", len(c.PauseButtons))
	}
	test.Tap(c.PauseButtons[1])
	if len(sought) != 1 || sought[0] != 70*time.Second {
		t.Errorf("tapping a pause sought %v", sought)
	}
	// An engine that drops fillers: "not heard", never a count of 0.
	rep.Fillers = scoring.FillerStats{Heard: false}
	rep.Delivery = nil
	c.Show(rep)
	texts = labelTexts(c.Delivery)
	if !strings.Contains(texts, "not heard") || strings.Contains(texts, ": 0") || !strings.Contains(texts, "No times for this transcript") {
		t.Errorf("without delivery: %q", texts)
	}
}

// labelTexts joins the text of every label under a container.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *Flow:
			for _, c := range v.Objects() {
				walk(c)
			}
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		}
	}
	walk(o)
	return b.String()
}

func TestCardOrdersFlagsBySeverity(t *testing.T) {
	sharedApp(t)
	c := newCard(Followups{"no-stakes": {"What did it cost, in numbers?"}}, nil)
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
