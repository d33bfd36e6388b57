package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// meterFloor is the quietest level the meter draws; speech sits well
// above it and room noise near it.
const meterFloor = -60.0

// LevelMeter is a horizontal input level bar that turns red while the
// input clips.
type LevelMeter struct {
	widget.BaseWidget
	level Level
	on    bool
}

// NewLevelMeter makes an idle meter.
func NewLevelMeter() *LevelMeter {
	m := &LevelMeter{}
	m.ExtendBaseWidget(m)
	return m
}

// SetLevel shows a new reading.
func (m *LevelMeter) SetLevel(l Level) {
	m.level, m.on = l, true
	m.Refresh()
}

// Reset returns the meter to idle.
func (m *LevelMeter) Reset() {
	m.level, m.on = Level{}, false
	m.Refresh()
}

// Fraction is the filled share of the bar, in [0, 1].
func (m *LevelMeter) Fraction() float32 {
	if !m.on {
		return 0
	}
	f := (m.level.PeakDBFS - meterFloor) / -meterFloor
	return float32(min(max(f, 0), 1))
}

// CreateRenderer draws a track, a fill and the reading in dB.
func (m *LevelMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m,
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		fill:  canvas.NewRectangle(theme.Color(theme.ColorNameSuccess)),
		text:  canvas.NewText("", theme.Color(theme.ColorNameForeground)),
	}
	r.text.TextSize = theme.CaptionTextSize()
	r.Refresh()
	return r
}

type meterRenderer struct {
	m           *LevelMeter
	track, fill *canvas.Rectangle
	text        *canvas.Text
	size        fyne.Size
}

func (r *meterRenderer) Layout(s fyne.Size) {
	r.size = s
	r.track.Resize(s)
	r.fill.Resize(fyne.NewSize(s.Width*r.m.Fraction(), s.Height))
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(theme.Padding(), (s.Height-ts.Height)/2))
}

func (r *meterRenderer) MinSize() fyne.Size {
	return fyne.NewSize(120, r.text.MinSize().Height+theme.Padding())
}

func (r *meterRenderer) Refresh() {
	l := r.m.level
	switch {
	case !r.m.on:
		r.text.Text = "level: idle"
	case l.Clipping:
		r.text.Text = fmt.Sprintf("%.0f dB  CLIPPING", l.PeakDBFS)
	default:
		r.text.Text = fmt.Sprintf("%.0f dB", l.PeakDBFS)
	}
	name := theme.ColorNameSuccess
	if l.Clipping {
		name = theme.ColorNameError
	}
	r.fill.FillColor = theme.Color(name)
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.size)
	canvas.Refresh(r.m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.text}
}

func (r *meterRenderer) Destroy() {}
