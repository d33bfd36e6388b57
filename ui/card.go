package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// Card is the rubric card: the overall score, a score bar per section
// with its weight and reasons, planned against actual time, the flags by
// severity with their suggestions and the follow-up drill.
type Card struct {
	Score    *widget.Label
	Sections *fyne.Container
	Timing   *BarChart
	Flags    *fyne.Container
	// FlagButtons select the flags, in the order shown; FlagTexts are
	// their labels.
	FlagButtons []*widget.Button
	FlagTexts   []string
	Drill       *widget.Label
	Content     *fyne.Container

	// OnFlagSelected is called when the person picks a flag.
	OnFlagSelected func(scoring.Flag)

	followups Followups
	selected  int
}

// noReport is what the card says before there is anything to score.
const noReport = "No transcript yet: type one, import a file or run the transcriber."

func newCard(f Followups) *Card {
	c := &Card{followups: f, selected: -1}
	c.Score = &widget.Label{Text: noReport, Wrapping: fyne.TextWrapWord}
	c.Sections = container.NewVBox()
	c.Timing = NewBarChart(theme.ColorNameDisabled, theme.ColorNamePrimary)
	c.Flags = container.NewVBox()
	c.Drill = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.Content = container.NewVBox(c.Score,
		heading("Sections"), c.Sections,
		heading("Time: planned (grey) against spoken"), c.Timing,
		heading("Flags"), c.Flags,
		heading("Follow-up drill"), c.Drill)
	return c
}

func heading(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
}

// severityOrder ranks flags on the card: what costs points first.
var severityOrder = []scoring.Severity{scoring.Major, scoring.Minor, scoring.Info}

// Show fills the card from a report.
func (c *Card) Show(rep scoring.Report) {
	c.selected = -1
	c.Score.SetText(fmt.Sprintf("Score %d / 100 · %d words · %s spoken against a %s target",
		rep.Score, rep.Words, clock(rep.DurationS), clock(rep.TargetS)))
	c.Score.TextStyle = fyne.TextStyle{Bold: true}
	c.Score.Refresh()

	var rows []fyne.CanvasObject
	var timing []ChartRow
	for _, s := range rep.Sections {
		bar := widget.NewProgressBar()
		bar.Max = 100
		bar.SetValue(float64(s.Score))
		bar.TextFormatter = func() string { return fmt.Sprintf("%d / 100", s.Score) }
		title := &widget.Label{Text: fmt.Sprintf("%s (%.0f%%)", s.Title, s.Weight*100), TextStyle: fyne.TextStyle{Bold: true}}
		rows = append(rows, container.NewGridWithColumns(2, title, bar))
		if len(s.Reasons) > 0 {
			rows = append(rows, &widget.Label{Text: strings.Join(s.Reasons, " "), Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText})
		}
		actual := theme.ColorNamePrimary
		if s.PlannedS > 0 && s.Seconds > s.PlannedS*1.25 {
			actual = theme.ColorNameError
		}
		timing = append(timing, ChartRow{Label: s.Title, Values: []float64{s.PlannedS, s.Seconds},
			Text: fmt.Sprintf("%.0f s / %.0f s", s.PlannedS, s.Seconds), Colors: []fyne.ThemeColorName{"", actual}})
	}
	c.Sections.Objects = rows
	c.Sections.Refresh()
	c.Timing.SetRows(timing)

	c.FlagButtons, c.FlagTexts = nil, nil
	var flags []fyne.CanvasObject
	for _, sev := range severityOrder {
		for _, f := range rep.Flags {
			if f.Severity != sev {
				continue
			}
			flag := f
			imp := widget.MediumImportance
			switch sev {
			case scoring.Major:
				imp = widget.DangerImportance
			case scoring.Minor:
				imp = widget.WarningImportance
			}
			i := len(c.FlagButtons)
			// The message wraps in a label; a small button beside it
			// selects the flag, so long messages stay readable.
			b := &widget.Button{Icon: theme.SearchIcon(), Importance: widget.LowImportance}
			b.OnTapped = func() { c.Select(i, flag) }
			c.FlagButtons = append(c.FlagButtons, b)
			msg := &widget.Label{Text: fmt.Sprintf("%s · %s", sev, flag.Message), Importance: imp, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: sev == scoring.Major}}
			flags = append(flags, container.NewBorder(nil, nil, b, nil, msg))
			c.FlagTexts = append(c.FlagTexts, msg.Text)
			if flag.Suggestion != "" {
				flags = append(flags, &widget.Label{Text: "Try: " + flag.Suggestion, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText})
			}
		}
	}
	if len(flags) == 0 {
		flags = append(flags, widget.NewLabel("No flags: nothing in this answer undercuts it."))
	}
	c.Flags.Objects = flags
	c.Flags.Refresh()

	drill := c.followups.Drill(rep)
	if len(drill) == 0 {
		c.Drill.SetText("No follow-ups: the flags that would prompt them did not fire.")
	} else {
		var b strings.Builder
		for i, q := range drill {
			fmt.Fprintf(&b, "%d. %s\n", i+1, q)
		}
		c.Drill.SetText(strings.TrimSpace(b.String()))
	}
	// The rows changed size: lay the whole card out again.
	c.Content.Refresh()
}

// Clear empties the card for a take without a transcript.
func (c *Card) Clear() {
	c.selected = -1
	c.Score.TextStyle = fyne.TextStyle{}
	c.Score.SetText(noReport)
	c.Sections.Objects = nil
	c.Timing.SetRows(nil)
	c.FlagButtons, c.FlagTexts = nil, nil
	c.Flags.Objects = nil
	c.Drill.SetText("")
	c.Content.Refresh()
}

// Select marks flag i as chosen and reports it.
func (c *Card) Select(i int, f scoring.Flag) {
	c.selected = i
	for j, b := range c.FlagButtons {
		if j == i {
			b.SetIcon(theme.ConfirmIcon())
			b.Importance = widget.HighImportance
		} else {
			b.SetIcon(theme.SearchIcon())
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	if c.OnFlagSelected != nil {
		c.OnFlagSelected(f)
	}
}
