package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// Card is the rubric card: the score and how it is made, each section's
// criteria met and not met, where the timer marks and the content
// disagree, planned against spoken time, the delivery (pace and
// pauses), the flags by severity and the follow-up drill.
type Card struct {
	Score *widget.Label
	// About says how long, against what target, and where the
	// transcript came from.
	About *widget.Label
	// Total says how the score is made: each section's points and each
	// penalty.
	Total    *widget.Label
	Sections *fyne.Container
	// Criteria are the rows of the sections' criteria, as shown.
	Criteria []CriterionRow
	// TimingNotes are the sections' timing feedback, as shown.
	TimingNotes  []string
	Timing       *BarChart
	TimingLegend *Legend
	Delivery     *fyne.Container
	// PauseButtons seek to each pause.
	PauseButtons []*keyButton
	Flags        *fyne.Container
	// FlagButtons select the flags, in the order shown; FlagTexts are
	// their labels.
	FlagButtons []*keyButton
	FlagTexts   []string
	Drill       *widget.Label
	Content     *fyne.Container
	// body holds everything under the score, hidden while there is no
	// report so empty headings do not stand about.
	body *fyne.Container

	// OnFlagSelected is called when the person picks a flag; OnSeek when
	// they pick a pause; OnSection and OnReplay when they pick a
	// section's title or its replay button.
	OnFlagSelected func(scoring.Flag)
	OnSeek         func(time.Duration)
	OnSection      func(int)
	OnReplay       func(int)

	followups Followups
	flags     []scoring.Flag
	selected  int
	// keys is the app's key handler, which the card's buttons offer
	// keys to while they have the keyboard.
	keys func(*fyne.KeyEvent) bool
}

// CriterionRow is one criterion on the card.
type CriterionRow struct {
	Section string
	Met     bool
	// Text is the row as the person reads it, with its met or not-met
	// words, so the state is not told by colour or icon alone.
	Text string
}

// noReport is what the card says before there is anything to score.
const noReport = "No transcript yet: press Transcribe (T) for a draft from the recording, type one, or import a file."

func newCard(f Followups, keys func(*fyne.KeyEvent) bool) *Card {
	c := &Card{followups: f, selected: -1, keys: keys}
	c.Score = &widget.Label{Text: noReport, Wrapping: fyne.TextWrapWord}
	c.About = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	c.Total = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.Sections = container.NewVBox()
	c.Timing = NewBarChart(plannedColor)
	c.TimingLegend = NewLegend(nil)
	c.Delivery = container.NewVBox()
	c.Flags = container.NewVBox()
	c.Drill = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.body = container.NewVBox(c.About, c.Total,
		heading("Sections"), c.Sections,
		heading("Time: planned against spoken"), c.Timing, c.TimingLegend,
		heading("Delivery"), c.Delivery,
		heading("Flags"), c.Flags,
		heading("Follow-up drill"), c.Drill)
	c.body.Hide()
	c.Content = container.NewVBox(c.Score, c.body)
	return c
}

func heading(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
}

func caption(s string) *widget.Label {
	return &widget.Label{Text: s, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
}

// severityOrder ranks flags on the card: what costs points first.
var severityOrder = []scoring.Severity{scoring.Major, scoring.Minor, scoring.Info}

// Show fills the card from a report.
func (c *Card) Show(rep scoring.Report) {
	c.selected = -1
	c.Score.SetText(fmt.Sprintf("Score %d / 100", rep.Score))
	c.Score.TextStyle = fyne.TextStyle{Bold: true}
	c.Score.SizeName = theme.SizeNameSubHeadingText
	c.Score.Refresh()
	c.About.SetText(fmt.Sprintf("%d words · %s spoken against a %s target · %s",
		rep.Words, clock(rep.DurationS), clock(rep.TargetS), sourceText(rep.Source)))
	c.Total.SetText(scoreExplained(rep))
	c.Total.Hidden = c.Total.Text == ""
	c.Total.Refresh()

	c.showSections(rep)
	c.showTiming(rep)
	c.showDelivery(rep)
	c.showFlags(rep)

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
	c.body.Show()
	// The rows changed size: lay the whole card out again.
	c.Content.Refresh()
}

// sourceText says where a transcript came from.
func sourceText(s scoring.Source) string {
	switch s.Kind {
	case "file":
		return "transcript from the file " + s.Name
	case sourceEngine:
		if s.Corrected {
			return "draft transcript from " + EngineTitle(s.Name) + ", corrected by you"
		}
		return "draft transcript from " + EngineTitle(s.Name) + ", not corrected yet"
	case "typed":
		return "typed transcript"
	}
	return "transcript of unknown source"
}

// scoreExplained is how the total is made, in words: "Situation 10 of
// 10 · … · minus 8 for blame-diffusion = 51". Empty for a report that
// does not carry its parts.
func scoreExplained(rep scoring.Report) string {
	if len(rep.ScoreParts) == 0 {
		return ""
	}
	titles := map[string]string{}
	for _, s := range rep.Sections {
		titles[s.ID] = s.Title
	}
	var parts []string
	sum := 0
	for _, p := range rep.ScoreParts {
		sum += p.Points
		switch p.Kind {
		case "section":
			t := titles[p.ID]
			if t == "" {
				t = p.ID
			}
			parts = append(parts, fmt.Sprintf("%s %d of %d", t, p.Points, p.Of))
		case "penalty":
			parts = append(parts, fmt.Sprintf("minus %d for %s", -p.Points, p.ID))
		case "clamp":
			if p.Points > 0 {
				parts = append(parts, fmt.Sprintf("plus %d as scores stop at 0", p.Points))
			} else {
				parts = append(parts, fmt.Sprintf("minus %d as scores stop at 100", -p.Points))
			}
		}
	}
	s := "How the total is made: " + strings.Join(parts, " · ") + fmt.Sprintf(" = %d", rep.Score)
	if sum != rep.Score {
		// The analyzer promises the parts add up; say so if they do not
		// rather than show a sum that is wrong.
		s += fmt.Sprintf(" (the parts add up to %d: please report this)", sum)
	}
	return s
}

func (c *Card) showSections(rep scoring.Report) {
	var rows []fyne.CanvasObject
	c.Criteria, c.TimingNotes = nil, nil
	var met, unmet fyne.Resource = theme.NewSuccessThemedResource(theme.ConfirmIcon()), theme.NewErrorThemedResource(theme.CancelIcon())
	clockIcon := theme.NewWarningThemedResource(theme.HistoryIcon())
	for i, s := range rep.Sections {
		i, s := i, s
		bar := widget.NewProgressBar()
		bar.Max = 100
		bar.SetValue(float64(s.Score))
		bar.TextFormatter = func() string { return fmt.Sprintf("%d / 100", s.Score) }
		title := newKeyButton(c.keys, &keyButton{Button: widget.Button{Text: fmt.Sprintf("%s (%.0f%%)", s.Title, s.Weight*100), Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading,
			OnTapped: func() {
				if c.OnSection != nil {
					c.OnSection(i)
				}
			}}})
		replay := newKeyButton(c.keys, &keyButton{Button: widget.Button{Icon: theme.MediaReplayIcon(), Importance: widget.LowImportance, OnTapped: func() {
			if c.OnReplay != nil {
				c.OnReplay(i)
			}
		}}})
		rows = append(rows, container.NewBorder(nil, nil, title, replay, bar))
		line := func(icon fyne.Resource, text string) fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, caption(text))
		}
		if len(s.Criteria) == 0 && len(s.Reasons) > 0 {
			// No criteria (a report from before them, or a section not
			// found at all): its reasons, as something to fix unless
			// the section earned everything.
			text := strings.Join(s.Reasons, " ")
			if !strings.HasPrefix(text, "Missing") {
				text = "To fix: " + text
			}
			icon := unmet
			if s.Score >= 100 {
				icon, text = met, strings.Join(s.Reasons, " ")
			}
			rows = append(rows, line(icon, text))
			c.Criteria = append(c.Criteria, CriterionRow{Section: s.ID, Met: s.Score >= 100, Text: text})
		}
		for _, pass := range []bool{true, false} {
			for _, cr := range s.Criteria {
				if cr.Met != pass {
					continue
				}
				var text string
				if cr.Met {
					text = fmt.Sprintf("Earned %d: %s", cr.Points, cr.Text)
					rows = append(rows, line(met, text))
				} else {
					text = fmt.Sprintf("To fix (%d points): %s", cr.Points, cr.Text)
					rows = append(rows, line(unmet, text))
				}
				c.Criteria = append(c.Criteria, CriterionRow{Section: s.ID, Met: cr.Met, Text: text})
			}
		}
		if s.Timing != "" {
			text := "Timing: " + s.Timing
			rows = append(rows, line(clockIcon, text))
			c.TimingNotes = append(c.TimingNotes, text)
		}
	}
	c.Sections.Objects = rows
	c.Sections.Refresh()
}

func (c *Card) showTiming(rep scoring.Report) {
	var timing []ChartRow
	var titles []string
	for i, s := range rep.Sections {
		titles = append(titles, s.Title)
		text := fmt.Sprintf("%s of %s", clock(s.Seconds), clock(s.PlannedS))
		if s.PlannedS > 0 && s.Seconds > s.PlannedS*1.25 {
			text += ", long"
		}
		timing = append(timing, ChartRow{Label: s.Title, Values: []float64{s.PlannedS, s.Seconds},
			Text: text, Colors: []fyne.ThemeColorName{"", sectionColor(i)}})
	}
	c.Timing.SetRows(timing)
	c.TimingLegend.SetItems(sectionLegend(titles, true))
}

func (c *Card) showDelivery(rep scoring.Report) {
	var rows []fyne.CanvasObject
	c.PauseButtons = nil
	d := rep.Delivery
	if d == nil {
		rows = append(rows, caption("No times for this transcript: record the take and transcribe it, or import a timed .srt or .vtt, to see pace and pauses."))
	} else {
		rows = append(rows, &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf("Pace %.0f words a minute · speaking %s · longest pause %s",
			d.WPM, clock(d.SpeakingS), pauseLength(d.LongestPauseS))})
		if len(d.Pauses) > 0 {
			box := container.New(&flowLayout{gap: theme.Padding(), width: 400})
			for _, p := range d.Pauses {
				p := p
				b := newKeyButton(c.keys, &keyButton{Button: widget.Button{Text: fmt.Sprintf("%s · %.1f s", clock(p.Start), p.End-p.Start), Icon: theme.MediaPlayIcon(), Importance: widget.LowImportance,
					OnTapped: func() {
						if c.OnSeek != nil {
							c.OnSeek(secs(p.Start))
						}
					}}})
				c.PauseButtons = append(c.PauseButtons, b)
				box.Add(b)
			}
			rows = append(rows, caption(fmt.Sprintf("%s of %.1f s or more, at the times shown; tap one to hear it:", plural(len(d.Pauses), "pause"), scoring.LongPauseS)), box)
		} else {
			rows = append(rows, caption(fmt.Sprintf("No pauses of %.1f s or more.", scoring.LongPauseS)))
		}
		titles := map[string]string{}
		for _, s := range rep.Sections {
			titles[s.ID] = s.Title
		}
		for _, s := range d.Sections {
			title := titles[s.ID]
			if title == "" {
				title = s.ID
			}
			rows = append(rows, caption(fmt.Sprintf("%s: %.0f words a minute · speaking %s · %s", title, s.WPM, clock(s.SpeakingS), plural(s.Pauses, "long pause"))))
		}
	}
	if rep.Fillers.Heard {
		rows = append(rows, caption(fmt.Sprintf("Fillers (um, uh, like): %d, %.1f a minute", rep.Fillers.Count, rep.Fillers.PerMinute)))
	} else {
		// A count of 0 would say the answer had none; the engine just
		// cannot hear them.
		who := "the speech engine"
		if rep.Source.Kind == sourceEngine && rep.Source.Name != "" {
			who = EngineTitle(rep.Source.Name)
		}
		rows = append(rows, caption("Fillers (um, uh): not heard — "+who+" leaves them out of its draft, so listen for them."))
	}
	c.Delivery.Objects = rows
	c.Delivery.Refresh()
}

// pauseLength is a pause's length for the card, "none" for no pause.
func pauseLength(s float64) string {
	if s <= 0 {
		return "none"
	}
	return fmt.Sprintf("%.1f s", s)
}

func (c *Card) showFlags(rep scoring.Report) {
	c.FlagButtons, c.FlagTexts, c.flags = nil, nil, nil
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
			b := newKeyButton(c.keys, &keyButton{Button: widget.Button{Icon: theme.SearchIcon(), Importance: widget.LowImportance}})
			b.OnTapped = func() { c.Select(i) }
			c.FlagButtons = append(c.FlagButtons, b)
			c.flags = append(c.flags, flag)
			msg := &widget.Label{Text: fmt.Sprintf("%s · %s", sev, flag.Message), Importance: imp, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: sev == scoring.Major}}
			flags = append(flags, container.NewBorder(nil, nil, container.NewVBox(b), nil, msg))
			c.FlagTexts = append(c.FlagTexts, msg.Text)
			if flag.Suggestion != "" {
				flags = append(flags, caption("Try: "+flag.Suggestion))
			}
		}
	}
	if len(flags) == 0 {
		flags = append(flags, widget.NewLabel("No flags: nothing in this answer undercuts it."))
	} else {
		flags = append([]fyne.CanvasObject{caption("Their words are marked in the transcript; pick one (or press F) to go to them.")}, flags...)
	}
	c.Flags.Objects = flags
	c.Flags.Refresh()
}

// Clear empties the card for a take without a transcript.
func (c *Card) Clear() {
	c.selected = -1
	c.Score.TextStyle = fyne.TextStyle{}
	c.Score.SizeName = ""
	c.Score.SetText(noReport)
	c.About.SetText("")
	c.Total.SetText("")
	c.Sections.Objects = nil
	c.Criteria, c.TimingNotes, c.PauseButtons = nil, nil, nil
	c.Timing.SetRows(nil)
	c.TimingLegend.SetItems(nil)
	c.Delivery.Objects = nil
	c.FlagButtons, c.FlagTexts, c.flags = nil, nil, nil
	c.Flags.Objects = nil
	c.Drill.SetText("")
	c.body.Hide()
	c.Content.Refresh()
}

// Shown are the flags in the order the card lists them.
func (c *Card) Shown() []scoring.Flag { return c.flags }

// Selected is the index of the flag chosen, -1 for none.
func (c *Card) Selected() int { return c.selected }

// Select marks flag i as chosen and reports it.
func (c *Card) Select(i int) {
	if i < 0 || i >= len(c.flags) {
		return
	}
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
		c.OnFlagSelected(c.flags[i])
	}
}

// SelectNext selects the flag after the selected one, wrapping round.
func (c *Card) SelectNext() {
	if len(c.flags) > 0 {
		c.Select((c.selected + 1) % len(c.flags))
	}
}
