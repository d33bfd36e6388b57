package ui

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// SegmentState is how far the rehearsal has got with one section.
type SegmentState int

// The states a timer bar segment shows, each with its own colour.
const (
	Pending SegmentState = iota
	Current
	Done
	// Over is a current or finished section that ran past its plan.
	Over
)

func (s SegmentState) color() fyne.ThemeColorName {
	switch s {
	case Current:
		return theme.ColorNamePrimary
	case Done:
		return theme.ColorNameSuccess
	case Over:
		return theme.ColorNameError
	}
	return theme.ColorNameInputBackground
}

// TimerBar is one bar split into the rubric's sections by weight. Each
// segment shows the section's title, its planned seconds (elapsed against
// plan once it starts) and a one-line prompt of what to cover.
type TimerBar struct {
	widget.BaseWidget
	sections []scoring.SectionSpec
	plan     []float64
	elapsed  []float64
	current  int

	fills  []*canvas.Rectangle
	strips []*canvas.Rectangle
	times  []*widget.Label
	titles []*widget.Label
}

// NewTimerBar makes an idle bar for these sections and planned seconds.
func NewTimerBar(sections []scoring.SectionSpec, plan []float64) *TimerBar {
	b := &TimerBar{sections: sections, current: -1}
	b.ExtendBaseWidget(b)
	b.SetPlan(plan)
	return b
}

// SetPlan changes the planned seconds, for a new target length.
func (b *TimerBar) SetPlan(plan []float64) {
	b.plan = append([]float64(nil), plan...)
	b.elapsed = make([]float64, len(plan))
	b.current = -1
	b.Refresh()
}

// Update shows the rehearsal's progress: the current section (-1 when
// idle) and each section's elapsed seconds.
func (b *TimerBar) Update(current int, elapsed []float64) {
	b.current = current
	copy(b.elapsed, elapsed)
	b.Refresh()
}

// State is the state segment i is drawn in.
func (b *TimerBar) State(i int) SegmentState {
	switch {
	case b.current < 0 || i > b.current:
		if b.elapsed[i] > 0 {
			return b.finishedState(i)
		}
		return Pending
	case i < b.current:
		return b.finishedState(i)
	case b.elapsed[i] > b.plan[i]:
		return Over
	}
	return Current
}

func (b *TimerBar) finishedState(i int) SegmentState {
	if b.elapsed[i] > b.plan[i] {
		return Over
	}
	return Done
}

// TimeText is the time line of segment i, as the person sees it.
func (b *TimerBar) TimeText(i int) string {
	if b.State(i) == Pending {
		return tenths(b.plan[i]) + " s"
	}
	return tenths(b.elapsed[i]) + "/" + tenths(b.plan[i]) + " s"
}

// tenths formats seconds to one decimal, rounding halves up as people
// do (20.25 s is "20.3", as the rubric's own plan says).
func tenths(s float64) string {
	return strconv.FormatFloat(math.Round(s*10)/10, 'f', 1, 64)
}

// CreateRenderer builds the segments once; Refresh recolours them.
func (b *TimerBar) CreateRenderer() fyne.WidgetRenderer {
	weights := make([]float64, len(b.sections))
	var segs []fyne.CanvasObject
	b.fills, b.strips, b.times, b.titles = nil, nil, nil, nil
	for i, s := range b.sections {
		weights[i] = s.Weight
		fill := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		fill.CornerRadius = theme.InputRadiusSize()
		title := &widget.Label{Text: s.Title, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
		tm := &widget.Label{Text: "", Truncation: fyne.TextTruncateEllipsis}
		prompt := &widget.Label{Text: s.Prompt, Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
		// The strip carries the state colour so the text stays on a
		// quiet background in both themes.
		strip := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		strip.SetMinSize(fyne.NewSize(1, 6))
		b.fills = append(b.fills, fill)
		b.strips = append(b.strips, strip)
		b.titles = append(b.titles, title)
		b.times = append(b.times, tm)
		segs = append(segs, container.NewStack(fill, container.NewBorder(nil, strip, nil, nil, container.NewVBox(title, tm, prompt))))
	}
	row := container.New(&weightLayout{weights: weights, gap: theme.Padding()}, segs...)
	r := &timerBarRenderer{bar: b, WidgetRenderer: widget.NewSimpleRenderer(row)}
	r.Refresh()
	return r
}

type timerBarRenderer struct {
	fyne.WidgetRenderer
	bar *TimerBar
}

func (r *timerBarRenderer) Refresh() {
	b := r.bar
	for i := range b.fills {
		st := b.State(i)
		bg := theme.ColorNameInputBackground
		if i == b.current {
			bg = theme.ColorNameSelection
		}
		b.fills[i].FillColor = theme.Color(bg)
		b.fills[i].Refresh()
		b.strips[i].FillColor = theme.Color(st.color())
		b.strips[i].Refresh()
		b.times[i].SetText(b.TimeText(i))
		b.titles[i].Importance = widget.MediumImportance
		if st == Over {
			b.titles[i].Importance = widget.DangerImportance
		}
		b.titles[i].Refresh()
	}
}
