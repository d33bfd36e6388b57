package ui

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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
// segment shows the section's title and its planned seconds (elapsed
// against plan once it starts); the prompts are shown in full beside
// it, where they have room to wrap. Tapping a segment reports it.
type TimerBar struct {
	widget.BaseWidget
	sections []scoring.SectionSpec
	plan     []float64
	elapsed  []float64
	current  int
	// OnTapped receives the section tapped; nil ignores taps.
	OnTapped func(section int)

	row  *fyne.Container
	segs []fyne.CanvasObject

	fills  []*canvas.Rectangle
	strips []*canvas.Rectangle
	times  []*fitLabel
	titles []*fitLabel
	// size is the text size of titles and times: body text in Practice,
	// caption in Review where the bar shares the view.
	size fyne.ThemeSizeName
}

// NewTimerBar makes an idle bar for these sections and planned seconds.
func NewTimerBar(sections []scoring.SectionSpec, plan []float64) *TimerBar {
	return newTimerBar(sections, plan, theme.SizeNameText)
}

// newTimerBar makes a bar whose text has this size.
func newTimerBar(sections []scoring.SectionSpec, plan []float64, size fyne.ThemeSizeName) *TimerBar {
	b := &TimerBar{sections: sections, current: -1, size: size}
	b.ExtendBaseWidget(b)
	b.build()
	b.SetPlan(plan)
	return b
}

// SetPlan changes the planned seconds, for a new target length, and
// clears the progress.
func (b *TimerBar) SetPlan(plan []float64) {
	b.plan = append([]float64(nil), plan...)
	b.elapsed = make([]float64, len(plan))
	b.current = -1
	b.Refresh()
}

// SetSections shows another rubric's sections with their plan.
func (b *TimerBar) SetSections(sections []scoring.SectionSpec, plan []float64) {
	b.sections = sections
	b.build()
	b.SetPlan(plan)
}

// Sections is the number of segments.
func (b *TimerBar) Sections() int { return len(b.sections) }

// Tapped reports the segment under the pointer.
func (b *TimerBar) Tapped(e *fyne.PointEvent) {
	if b.OnTapped == nil {
		return
	}
	for i, s := range b.segs {
		if e.Position.X >= s.Position().X && e.Position.X < s.Position().X+s.Size().Width+theme.Padding() {
			b.OnTapped(i)
			return
		}
	}
}

// Cursor shows a hand where a tap does something.
func (b *TimerBar) Cursor() desktop.Cursor {
	if b.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
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

// build makes the segments for the sections.
func (b *TimerBar) build() {
	weights := make([]float64, len(b.sections))
	b.segs = nil
	b.fills, b.strips, b.times, b.titles = nil, nil, nil, nil
	for i, s := range b.sections {
		weights[i] = s.Weight
		fill := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		fill.CornerRadius = theme.InputRadiusSize()
		// Titles and times are never cut while the row has room: the
		// layout gives each segment at least its minimum width. Only a
		// rubric of many sections in a small window shortens titles.
		title := newFitLabel(s.Title, true, b.size)
		tm := newFitLabel("", false, b.size)
		// The strip carries the state colour so the text stays on a
		// quiet background in both themes.
		strip := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		strip.SetMinSize(fyne.NewSize(1, 6))
		b.fills = append(b.fills, fill)
		b.strips = append(b.strips, strip)
		b.titles = append(b.titles, title)
		b.times = append(b.times, tm)
		b.segs = append(b.segs, container.NewStack(fill, container.NewBorder(nil, strip, nil, nil,
			container.New(&minWidthLayout{of: []*fitLabel{title, tm}}, container.NewPadded(container.NewVBox(title, tm))))))
	}
	if b.row == nil {
		b.row = container.New(&weightLayout{gap: theme.Padding()})
	}
	b.row.Layout.(*weightLayout).weights = weights
	b.row.Objects = b.segs
	b.row.Refresh()
}

// CreateRenderer shows the segments; Refresh recolours them.
func (b *TimerBar) CreateRenderer() fyne.WidgetRenderer {
	if b.row == nil {
		b.build()
	}
	r := &timerBarRenderer{bar: b, WidgetRenderer: widget.NewSimpleRenderer(b.row)}
	r.Refresh()
	return r
}

// minWidthLayout stacks its one object and asks for the full width of
// its labels' text, which they do not claim themselves, so the weighted
// row knows what a segment needs to show its title and time whole.
type minWidthLayout struct{ of []*fitLabel }

func (m *minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
	}
}

func (m *minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	need := float32(0)
	for _, l := range m.of {
		need = max(need, l.Need())
	}
	// The padded box around the labels.
	return fyne.NewSize(max(s.Width, need+2*theme.Padding()+2), s.Height)
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
		// Labels measure their text on every refresh; at 30 Hz only
		// what changed is worth it.
		if t := b.TimeText(i); t != b.times[i].Text {
			b.times[i].SetText(t)
		}
		c := theme.ColorNameForeground
		if st == Over {
			c = theme.ColorNameError
		}
		if b.titles[i].Color != c {
			b.titles[i].Color = c
			b.titles[i].Refresh()
		}
	}
}
